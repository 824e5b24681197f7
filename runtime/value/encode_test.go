package value

import (
	"bytes"
	"testing"

	"github.com/bpfscript/bpfscript/lang/types"
)

// TestEncode lays Go values out as their types and decodes them back.
func TestEncode(t *testing.T) {
	tuple := &types.Type{Kind: types.Tuple, Size: 16, Fields: []types.Field{
		{Type: types.NewInt(2, true), Offset: 0},
		{Type: types.NewString(4), Offset: 8},
	}}
	d := &Decoder{ProbeNames: []string{"BEGIN", "tracepoint:a:b"}}
	tests := []struct {
		name string
		t    *types.Type
		v    any
		want []byte
		err  string
	}{
		{"int8 min", types.NewInt(1, true), int8(-128), []byte{0x80}, ""},
		{"int8 below", types.NewInt(1, true), -129, nil, "-129 is out of range for int8"},
		{"int8 above", types.NewInt(1, true), 128, nil, "128 is out of range for int8"},
		{"uint8 max", types.NewInt(1, false), uint(255), []byte{0xff}, ""},
		{"uint8 above", types.NewInt(1, false), 256, nil, "256 is out of range for uint8"},
		{"uint16 negative", types.NewInt(2, false), -1, nil, "-1 is out of range for uint16, which is unsigned"},
		{"int32", types.NewInt(4, true), int64(-2), []byte{0xfe, 0xff, 0xff, 0xff}, ""},
		{"uint64 max", types.Uint64, ^uint64(0), bytes.Repeat([]byte{0xff}, 8), ""},
		{"int64 from uint64", types.Int64, uint64(1 << 63), nil, "9223372036854775808 is out of range for int64"},
		{"not an int", types.Int64, 1.5, nil, "want an integer for int64, got float64"},
		{"string", types.NewString(4), "abc", []byte("abc\x00"), ""},
		{"string too long", types.NewString(4), "abcd", nil, "string of 4 bytes does not fit string[4] (at most 3)"},
		{"tuple", tuple, []any{-1, "x"}, []byte{0xff, 0xff, 0, 0, 0, 0, 0, 0, 'x', 0, 0, 0, 0, 0, 0, 0}, ""},
		{"tuple element", tuple, []any{1 << 20, "x"}, nil, "element 0: 1048576 is out of range for int16"},
		{"probe", types.ProbeT, "tracepoint:a:b", []byte{1, 0, 0, 0, 0, 0, 0, 0}, ""},
		{"unknown probe", types.ProbeT, "c", nil, `no probe "c" in the session`},
		{"int value", types.NewInt(2, false), NewInt(7, 8, false), []byte{7, 0}, ""},
		{"string value", types.NewString(4), Value{Kind: String, Str: "ab"}, []byte("ab\x00\x00"), ""},
		{"wrong value kind", types.NewString(4), NewInt(7, 8, false), nil, "a int value does not fit string[4]"},
		{"record", &types.Type{Kind: types.Record, Size: 8, Name: "r"}, 1, nil, "values of type struct r cannot be written from Go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Encode(tt.t, tt.v)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Fatalf("Encode = %v, %v; want %v", got, err, tt.want)
			}
			back := d.Decode(tt.t, got)
			if again, err := d.Encode(tt.t, back); err != nil || !bytes.Equal(again, got) {
				t.Errorf("decoded and encoded again: %v, %v", again, err)
			}
		})
	}
}
