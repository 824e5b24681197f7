package value

import (
	"encoding/binary"
	"reflect"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript/lang/types"
)

func u64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }
func i64(v int64) []byte  { return u64(uint64(v)) }

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func minmaxSlot(v int64, set bool) []byte {
	var s uint64
	if set {
		s = 1
	}
	return cat(i64(v), u64(s))
}

func avgSlot(count uint64, total int64) []byte { return cat(u64(count), i64(total)) }

func agg(kind types.Kind, signed bool) *types.Type {
	return &types.Type{Kind: kind, Size: types.AggregationOf(kind).Size, Signed: signed}
}

// aggV is the merged value of an aggregation of kind.
func aggV(kind types.Kind, bits uint64, signed bool) Value {
	return Value{Kind: Aggregate, Agg: types.AggregationOf(kind), Bits: bits, Signed: signed}
}

// statsV is the merged value of an aggregation of kind that averages.
func statsV(kind types.Kind, s StatsValue, signed bool) Value {
	v := aggV(kind, s.Average, signed)
	v.Stats = s
	return v
}

func TestDecodeIntegers(t *testing.T) {
	tests := []struct {
		name string
		t    *types.Type
		b    []byte
		want Value
	}{
		{"int8 negative", types.NewInt(1, true), []byte{0x80}, Value{Kind: Int, Bits: uint64(1<<64 - 128), Size: 1, Signed: true}},
		{"uint8", types.NewInt(1, false), []byte{0x80}, Value{Kind: Int, Bits: 128, Size: 1}},
		{"int16 -1", types.NewInt(2, true), []byte{0xff, 0xff}, Value{Kind: Int, Bits: ^uint64(0), Size: 2, Signed: true}},
		{"uint16 max", types.NewInt(2, false), []byte{0xff, 0xff}, Value{Kind: Int, Bits: 65535, Size: 2}},
		{"int32 ignores bytes past its size", types.NewInt(4, true), []byte{1, 0, 0, 0, 9, 9}, Value{Kind: Int, Bits: 1, Size: 4, Signed: true}},
		{"int32 short data", types.NewInt(4, true), []byte{0x01}, Value{Kind: Int, Bits: 1, Size: 4, Signed: true}},
		{"uint64 max", types.Uint64, u64(^uint64(0)), Value{Kind: Int, Bits: ^uint64(0), Size: 8}},
		{"int64 min", types.Int64, i64(-1 << 63), Value{Kind: Int, Bits: 1 << 63, Size: 8, Signed: true}},
		{"pointer", &types.Type{Kind: types.Pointer, Size: 8}, u64(0xffff0000), Value{Kind: Pointer, Bits: 0xffff0000}},
		{"nil type", nil, nil, Value{}},
	}
	d := &Decoder{}
	for _, tt := range tests {
		if got := d.Decode(tt.t, tt.b); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if got := d.Decode(types.NewInt(1, true), []byte{0x80}).Int64(); got != -128 {
		t.Errorf("int8 0x80 Int64() = %d, want -128", got)
	}
}

func TestDecodeComposites(t *testing.T) {
	record := &types.Type{Kind: types.Record, Size: 12, Fields: []types.Field{
		{Name: "fd", Type: types.NewInt(4, true), Offset: 0},
		{Name: "name", Type: types.NewString(8), Offset: 4, DataLoc: true},
	}}
	tuple := types.NewTuple([]*types.Type{types.NewInt(1, false), types.NewString(4)})
	d := &Decoder{ProbeNames: []string{"BEGIN"}, TimeFormats: []string{"%H"},
		BootTime:   time.Unix(0, 0).UTC(),
		FormatTime: func(f string, t time.Time) string { return f + "@" + t.Format("15") }}
	tests := []struct {
		name string
		t    *types.Type
		b    []byte
		want Value
	}{
		{"string", types.NewString(8), []byte("bash\x00zz\x00"), Value{Kind: String, Str: "bash"}},
		{"string fills buffer", types.NewString(4), []byte("abcd"), Value{Kind: String, Str: "abcd", Truncated: true}},
		{"tuple", tuple, cat([]byte{200}, make([]byte, tuple.Fields[1].Offset-1), []byte("hi\x00\x00")),
			Value{Kind: Tuple, Elems: []Value{{Kind: Int, Bits: 200, Size: 1}, {Kind: String, Str: "hi"}}}},
		{"record with data_loc", record, cat([]byte{0xfe, 0xff, 0xff, 0xff}, []byte{12, 0, 2, 0}, []byte{0, 0, 0, 0}, []byte("hi")),
			Value{Kind: Record, Names: []string{"fd", "name"}, Elems: []Value{
				{Kind: Int, Bits: ^uint64(1), Size: 4, Signed: true}, {Kind: String, Str: "hi"}}}},
		{"array", &types.Type{Kind: types.Array, Elem: types.NewInt(2, true), Len: 2, Size: 4}, []byte{1, 0, 0xff, 0xff},
			Value{Kind: Array, Elems: []Value{{Kind: Int, Bits: 1, Size: 2, Signed: true}, {Kind: Int, Bits: ^uint64(0), Size: 2, Signed: true}}}},
		{"probe", types.ProbeT, u64(0), Value{Kind: Probe, Str: "BEGIN"}},
		{"unknown probe", types.ProbeT, u64(3), Value{Kind: Probe, Bits: 3, Str: "<probe 3>"}},
		{"timestamp", types.TimestampT, cat(u64(0), u64(uint64(2*time.Hour))), Value{Kind: Timestamp, Bits: uint64(2 * time.Hour), Str: "%H@02"}},
		{"timestamp unknown format", types.TimestampT, cat(u64(5), u64(0)), Value{Kind: Timestamp, Str: "<strftime format 5>"}},
	}
	for _, tt := range tests {
		if got := d.Decode(tt.t, tt.b); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestMerges(t *testing.T) {
	tests := []struct {
		name  string
		t     *types.Type
		slots [][]byte
		want  Value
	}{
		{"count over cpus", agg(types.Count, false), [][]byte{u64(2), u64(3), u64(0)}, aggV(types.Count, 5, false)},
		{"count wraps", agg(types.Count, false), [][]byte{u64(^uint64(0)), u64(2)}, aggV(types.Count, 1, false)},
		{"signed sum", agg(types.Sum, true), [][]byte{i64(-5), i64(2)}, aggV(types.Sum, uint64(1<<64-3), true)},
		{"min skips unset cpus", agg(types.Min, true), [][]byte{minmaxSlot(-3, true), minmaxSlot(-10, false), minmaxSlot(4, true)},
			aggV(types.Min, uint64(1<<64-3), true)},
		{"max signed", agg(types.Max, true), [][]byte{minmaxSlot(-1, true), minmaxSlot(5, true)}, aggV(types.Max, 5, true)},
		{"max unsigned compares unsigned", agg(types.Max, false), [][]byte{minmaxSlot(-1, true), minmaxSlot(5, true)},
			aggV(types.Max, ^uint64(0), false)},
		{"max none set", agg(types.Max, true), [][]byte{minmaxSlot(7, false)}, aggV(types.Max, 0, true)},
		{"avg truncates toward zero", agg(types.Avg, true), [][]byte{avgSlot(2, -9), avgSlot(1, 0)},
			statsV(types.Avg, StatsValue{Count: 3, Average: uint64(1<<64 - 3), Total: uint64(1<<64 - 9)}, true)},
		{"avg no samples", agg(types.Avg, false), [][]byte{avgSlot(0, 0)}, statsV(types.Avg, StatsValue{}, false)},
		{"stats", agg(types.Stats, false), [][]byte{avgSlot(1, 2), avgSlot(1, 10)},
			statsV(types.Stats, StatsValue{Count: 2, Average: 6, Total: 12}, false)},
		{"int8 adds at its width", types.NewInt(1, true), [][]byte{{0x7f}, {0x01}}, Value{Kind: Int, Bits: uint64(1<<64 - 128), Size: 1, Signed: true}},
		{"uint32 wraps at its width", types.Uint32, [][]byte{{0xff, 0xff, 0xff, 0xff}, {2, 0, 0, 0}}, Value{Kind: Int, Bits: 1, Size: 4}},
	}
	for _, tt := range tests {
		if got := MergeAggregate(tt.t, tt.slots); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
	// Decode splits a concatenation of per-CPU slots.
	if got := (&Decoder{}).Decode(agg(types.Count, false), cat(u64(2), u64(3))); got.Bits != 5 {
		t.Errorf("Decode(count, 2 cpus) = %d, want 5", got.Bits)
	}
}

func TestDivide(t *testing.T) {
	stats := statsV(types.Stats, StatsValue{Count: 3, Average: uint64(1<<64 - 7), Total: uint64(1<<64 - 21)}, true)
	got := stats.Divide(2)
	if got.Stats != (StatsValue{Count: 3, Average: uint64(1<<64 - 3), Total: uint64(1<<64 - 21)}) {
		t.Errorf("stats / 2 = %+v", got.Stats)
	}
	if got := aggV(types.Count, ^uint64(0), false).Divide(2); got.Bits != 1<<63-1 {
		t.Errorf("count / 2 = %d", got.Bits)
	}
}

func TestBuckets(t *testing.T) {
	log2 := &Histogram{Layout: types.Log2Buckets, Counts: make([]uint64, types.Log2BucketCount)}
	log2.Counts[0], log2.Counts[1], log2.Counts[4], log2.Counts[65] = 1, 2, 3, 4
	b := log2.Buckets()
	if len(b) != 66 {
		t.Fatalf("%d buckets, want 66", len(b))
	}
	check := func(name string, got Bucket, noMin bool, min int64, noMax bool, max int64, count uint64) {
		t.Helper()
		if got.NoMin != noMin || got.NoMax != noMax || got.Count != count ||
			(!noMin && got.Min.Int64() != min) || (!noMax && got.Max.Int64() != max) {
			t.Errorf("%s: got %+v", name, got)
		}
	}
	check("negatives", b[0], true, 0, false, -1, 1)
	check("zero", b[1], false, 0, false, 0, 2)
	check("[1]", b[2], false, 1, false, 1, 0)
	check("[4, 8)", b[4], false, 4, false, 7, 3)
	if last := b[65]; last.Min.Bits != 1<<63 || last.Max.Bits != ^uint64(0) || last.Min.Signed {
		t.Errorf("last log2 bucket %+v", last)
	}
	lin := &Histogram{Layout: types.LinearBuckets, LHist: types.LHistParams{Min: -10, Max: 10, Step: 3}, Counts: make([]uint64, 8)}
	lin.Counts[0], lin.Counts[7] = 1, 1
	lb := lin.Buckets()
	check("below min", lb[0], true, 0, false, -11, 1)
	check("first step", lb[1], false, -10, false, -8, 0)
	check("open last", lb[7], false, 8, true, 0, 1)
	if got := (&Histogram{Layout: types.Log2Buckets, Counts: make([]uint64, 3)}).Buckets(); got != nil {
		t.Errorf("empty histogram has buckets %+v", got)
	}
}
