package output

import (
	"encoding/binary"
	"math/bits"
	"os"

	"github.com/bpfscript/bpfscript/lang/types"
)

func u64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }
func i64(v int64) []byte  { return u64(uint64(v)) }
func u32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// str is s NUL-padded to n bytes.
func str(s string, n int) []byte {
	b := make([]byte, n)
	copy(b, s)
	return b
}

// cpus builds per-CPU values.
func cpus(vals ...[]byte) [][]byte { return vals }

// one is a non-per-CPU value.
func one(v []byte) [][]byte { return [][]byte{v} }

// counter is a count()/sum() value spread over CPUs.
func counter(perCPU ...int64) [][]byte {
	var out [][]byte
	for _, v := range perCPU {
		out = append(out, i64(v))
	}
	return out
}

// minmaxSlot is one CPU's min()/max() slot; set false leaves it unused.
func minmaxSlot(v int64, set bool) []byte {
	var s uint64
	if set {
		s = 1
	}
	return cat(i64(v), u64(s))
}

// avgSlot is one CPU's avg()/stats() slot.
func avgSlot(count uint64, total int64) []byte { return cat(u64(count), i64(total)) }

// log2Bucket is the hist() bucket of v.
func log2Bucket(v int64) int {
	if v < 0 {
		return 0
	}
	return bits.Len64(uint64(v)) + 1
}

// linearBucket is the lhist() bucket of v.
func linearBucket(v int64, p types.LHistParams) int {
	switch {
	case v < p.Min:
		return 0
	case v >= p.Max:
		return int((p.Max-p.Min)/p.Step) + 1
	}
	return int((v-p.Min)/p.Step) + 1
}

// histMap accumulates hist/lhist observations into map entries the way the
// BPF program stores them: one entry per (key, bucket), counting on CPU 0
// and leaving a zero on CPU 1 to exercise merging.
type histMap struct {
	m     *MapData
	index map[string]int
}

func newHistMap(name string, key, value *types.Type) *histMap {
	return &histMap{m: &MapData{Name: name, Key: key, Value: value}, index: map[string]int{}}
}

func (h *histMap) add(key []byte, v int64) *histMap {
	var bucket int
	if types.AggregationOf(h.m.Value.Kind).Layout == types.LinearBuckets {
		bucket = linearBucket(v, h.m.Value.LHist)
	} else {
		bucket = log2Bucket(v)
	}
	k := cat(key, u64(uint64(bucket)))
	i, ok := h.index[string(k)]
	if !ok {
		i = len(h.m.Entries)
		h.index[string(k)] = i
		h.m.Entries = append(h.m.Entries, Entry{Key: k, Values: counter(0, 0)})
	}
	vals := h.m.Entries[i].Values
	vals[0] = u64(binary.LittleEndian.Uint64(vals[0]) + 1)
	return h
}

func (h *histMap) addN(key []byte, v int64, n int) *histMap {
	for range n {
		h.add(key, v)
	}
	return h
}

var (
	histT  = &types.Type{Kind: types.Hist}
	countT = &types.Type{Kind: types.Count, Size: 8}
)

func sumT(signed bool) *types.Type   { return &types.Type{Kind: types.Sum, Size: 8, Signed: signed} }
func statsT(signed bool) *types.Type { return &types.Type{Kind: types.Stats, Size: 16, Signed: signed} }
func avgT(signed bool) *types.Type   { return &types.Type{Kind: types.Avg, Size: 16, Signed: signed} }
func minT(signed bool) *types.Type   { return &types.Type{Kind: types.Min, Size: 16, Signed: signed} }
func maxT(signed bool) *types.Type   { return &types.Type{Kind: types.Max, Size: 16, Signed: signed} }

func lhistT(min, max, step int64) *types.Type {
	return &types.Type{Kind: types.LHist, LHist: types.LHistParams{Min: min, Max: max, Step: step}}
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
