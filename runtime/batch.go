package runtime

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// batchRows is how many entries one BPF_MAP_LOOKUP_BATCH asks for. Large
// enough that a scrape of 10,000 keys takes a handful of syscalls instead
// of two per key; a hash map answers ENOSPC when one of its buckets holds
// more than that, and the batch then grows.
const batchRows = 4096

// errNoBatch says a map cannot be read in batches (a kernel or map type
// without BPF_MAP_LOOKUP_BATCH): the caller iterates instead.
var errNoBatch = errors.New("no batch lookup")

// readMapBatch snapshots a hash map with batch lookups, each CPU's value
// of a per-CPU map kept apart as readMap does. It returns errNoBatch when
// the map must be iterated instead, before anything was read.
func readMapBatch(m *ebpf.Map, spec *compiled.Map) (*value.RawMap, error) {
	if spec.Kind != compiled.HashMap && spec.Kind != compiled.PerCPUHashMap {
		return nil, errNoBatch
	}
	cpus := 1
	if spec.Kind == compiled.PerCPUHashMap {
		n, err := ebpf.PossibleCPU()
		if err != nil {
			return nil, err
		}
		cpus = n
	}
	md := &value.RawMap{Name: spec.Name, Key: spec.User.Key, Value: spec.User.Value}
	rows := batchRows
	var cursor ebpf.MapBatchCursor
	for first := true; ; first = false {
		keysOut, keys := byteRows(rows, spec.KeySize)
		valuesOut, values := byteRows(rows*cpus, spec.ValueSize)
		n, err := m.BatchLookup(&cursor, keysOut, valuesOut, nil)
		done := errors.Is(err, ebpf.ErrKeyNotExist)
		switch {
		case err != nil && !done && first && n == 0 && errors.Is(err, ebpf.ErrNotSupported):
			return nil, errNoBatch
		case err != nil && !done && n == 0 && rows < 1<<20 && isNoSpace(err):
			rows *= 4 // a bucket larger than the batch: ask again, bigger
			continue
		case err != nil && !done:
			return nil, fmt.Errorf("reading map %s: %w", spec.Name, err)
		}
		// The rows are fresh each round, so the entries may point into them.
		md.Entries = slices.Grow(md.Entries, n)
		slots := make([][]byte, n*cpus)
		for i := range n {
			e := value.RawEntry{Key: keys[i*spec.KeySize : (i+1)*spec.KeySize : (i+1)*spec.KeySize]}
			e.Values = slots[i*cpus : (i+1)*cpus : (i+1)*cpus]
			for c := range cpus {
				off := (i*cpus + c) * spec.ValueSize
				e.Values[c] = values[off : off+spec.ValueSize : off+spec.ValueSize]
			}
			md.Entries = append(md.Entries, e)
		}
		if done {
			return md, nil
		}
	}
}

// byteRows makes n rows of size bytes as a slice of [size]byte, which
// cilium/ebpf's batch calls take as n elements and fill in place, and
// returns it with its memory as one []byte.
func byteRows(n, size int) (any, []byte) {
	v := reflect.MakeSlice(reflect.SliceOf(reflect.ArrayOf(size, reflect.TypeFor[byte]())), n, n)
	return v.Interface(), unsafe.Slice((*byte)(v.UnsafePointer()), n*size)
}

// isNoSpace reports a hash map's answer to a batch smaller than one of its
// buckets.
func isNoSpace(err error) bool { return errors.Is(err, unix.ENOSPC) }
