package output

import (
	"testing"
	"time"

	"github.com/bpfscript/bpfscript/lang/types"
)

func TestFormatValue(t *testing.T) {
	record := &types.Type{Kind: types.Record, Name: "args", Size: 16, Fields: []types.Field{
		{Name: "fd", Type: types.NewInt(4, true), Offset: 0},
		{Name: "name", Type: types.NewString(8), Offset: 4, DataLoc: true},
		{Name: "flags", Type: types.Uint32, Offset: 8},
	}}
	nested := types.NewTuple([]*types.Type{types.NewInt(1, false), types.NewTuple([]*types.Type{types.Int64, types.NewString(3)})})
	tests := []struct {
		name string
		t    *types.Type
		b    []byte
		want string
	}{
		{"int64", types.Int64, i64(-5), "-5"},
		{"uint64 max", types.Uint64, u64(^uint64(0)), "18446744073709551615"},
		{"int8 negative", types.NewInt(1, true), []byte{0x80}, "-128"},
		{"uint16", types.NewInt(2, false), []byte{0xff, 0xff}, "65535"},
		{"int32 short data", types.NewInt(4, true), []byte{0x01}, "1"},
		{"string", types.NewString(8), str("bash", 8), "bash"},
		{"string raw bytes", types.NewString(8), []byte("a\tb\x01\x00zz\x00"), "a\tb\x01"},
		{"string fills buffer", types.NewString(4), []byte("abcd"), "abcd.."},
		{"empty string", types.NewString(4), make([]byte, 4), ""},
		{"pointer", &types.Type{Kind: types.Pointer, Size: 8, Elem: types.Uint64}, u64(0xffff0000), "0xffff0000"},
		{"tuple", tupleIntStr, cat(i64(1), str("abc", 8)), "(1, abc)"},
		{"nested tuple", nested, cat([]byte{200}, make([]byte, 7), i64(-1), str("hi", 3), make([]byte, 5)), "(200, (-1, hi))"},
		{"record with data_loc", record, cat(u32(12), u32(12|2<<16), u32(7), []byte("hi"), []byte{0, 0}), "{ .fd = 12, .name = hi, .flags = 7 }"},
		{"empty record", &types.Type{Kind: types.Record}, nil, "{}"},
		{"array", &types.Type{Kind: types.Array, Elem: types.NewInt(2, true), Len: 3, Size: 6},
			[]byte{1, 0, 0xff, 0xff, 3, 0}, "[1,-1,3]"},
		{"bool true", types.BoolT, []byte{1}, "true"},
		{"bool false", types.BoolT, []byte{0}, "false"},
		{"bool array", &types.Type{Kind: types.Array, Elem: types.BoolT, Len: 2, Size: 2}, []byte{1, 0}, "[true,false]"},
		{"record literal", types.NewRecord([]string{"a", "b"}, []*types.Type{types.Int64, types.NewString(2)}), cat(i64(1), str("x", 8)), "{ .a = 1, .b = x }"},
		{"probe", types.ProbeT, u64(0), "BEGIN"},
		{"unknown probe", types.ProbeT, u64(9), "<probe 9>"},
		{"timestamp", &types.Type{Kind: types.Timestamp, Size: 16}, cat(u64(0), u64(3_600_000_000_000)), "01:00:00"},
		{"unknown timestamp format", &types.Type{Kind: types.Timestamp, Size: 16}, cat(u64(4), u64(0)), "<strftime format 4>"},
		{"count per cpu", countT, cat(u64(2), u64(3)), "5"},
		{"stats", statsT(true), cat(avgSlot(2, -9), avgSlot(1, 0)), "{ .count = 3, .average = -3, .total = -9 }"},
		{"avg no samples", avgT(false), avgSlot(0, 0), "0"},
		{"max unsigned", maxT(false), cat(minmaxSlot(-1, true), minmaxSlot(5, true)), "18446744073709551615"},
	}
	f := &Formatter{ProbeNames: []string{"BEGIN"}, TimeFormats: []string{"%H:%M:%S"}, BootTime: time.Unix(0, 0).UTC()}
	for _, tt := range tests {
		if got := f.FormatValue(tt.t, tt.b); got != tt.want {
			t.Errorf("%s: FormatValue = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestBarWidth(t *testing.T) {
	// Single-precision rounding decides these: 0.99999994 * 52 truncates
	// to 51 in float32 arithmetic.
	tests := []struct {
		count, largest uint64
		want           int
	}{
		{0, 0, 0},
		{0, 10, 0},
		{10, 10, 52},
		{1, 2, 26},
		{19, 20, 49},
		{16777215, 16777216, 51},
		{32, 37, 44},
	}
	for _, tt := range tests {
		if got := bar(tt.count, tt.largest); got != tt.want {
			t.Errorf("bar(%d, %d) = %d, want %d", tt.count, tt.largest, got, tt.want)
		}
	}
}
