package output

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
)

func intV(v int64) value.Value   { return value.NewInt(uint64(v), 8, true) }
func uintV(v uint64) value.Value { return value.NewInt(v, 8, false) }
func strV(s string) value.Value  { return value.Value{Kind: value.String, Str: s} }

// decodeMap decodes a raw test map, failing the test on error.
func decodeMap(t *testing.T, m *MapData) *value.Map {
	t.Helper()
	dm, err := (&Formatter{}).Decoder().DecodeMap(m)
	if err != nil {
		t.Fatal(err)
	}
	return dm
}

// TestJSONLines renders one JSON line for every kind of output from
// decoded values; testdata/json/lines.golden holds what each must be.
func TestJSONLines(t *testing.T) {
	lh := lhistT(0, 100, 10)
	tuple := types.NewTuple([]*types.Type{types.Int64, str8})
	tests := []struct {
		name string
		emit func(s Sink) error
	}{
		{"attached_probes", func(s Sink) error { s.Attached(3); return nil }},
		{"lost_events", func(s Sink) error { s.LostEvents(12); return nil }},
		{"printf", func(s Sink) error {
			return s.Printf(nil, []value.Value{intV(5)}, "test 5 \"q\" \\ \t\r\x01\x1f\x7f é\n")
		}},
		{"time", func(s Sink) error { return s.Time("09:10:11\n") }},
		{"join", func(s Sink) error { return s.Join([]string{"ls", "-l", "/tmp"}, " ") }},
		{"exit", func(s Sink) error { return s.Exit(3) }},
		{"value_int", func(s Sink) error { return s.Print(intV(-5)) }},
		{"value_int_2^53", func(s Sink) error { return s.Print(intV(1 << 53)) }},
		{"value_int_2^53+1", func(s Sink) error { return s.Print(intV(1<<53 + 1)) }},
		{"value_int_min", func(s Sink) error { return s.Print(intV(-1 << 63)) }},
		{"value_int_max", func(s Sink) error { return s.Print(intV(1<<63 - 1)) }},
		{"value_uint_max", func(s Sink) error { return s.Print(uintV(^uint64(0))) }},
		{"value_uint_2^63", func(s Sink) error { return s.Print(uintV(1 << 63)) }},
		{"value_string", func(s Sink) error { return s.Print(strV("a b")) }},
		{"value_string_truncated", func(s Sink) error {
			return s.Print(value.Value{Kind: value.String, Str: "abcd", Truncated: true})
		}},
		{"value_tuple", func(s Sink) error {
			return s.Print(value.Value{Kind: value.Tuple, Elems: []value.Value{intV(1), strV("a"),
				{Kind: value.Tuple, Elems: []value.Value{intV(2), intV(3)}}}})
		}},
		{"value_record", func(s Sink) error {
			return s.Print(value.Value{Kind: value.Record, Names: []string{"fd", "name"}, Elems: []value.Value{intV(3), strV("x")}})
		}},
		{"value_empty_record", func(s Sink) error { return s.Print(value.Value{Kind: value.Record}) }},
		{"value_array", func(s Sink) error {
			return s.Print(value.Value{Kind: value.Array, Elems: []value.Value{intV(1), intV(-1)}})
		}},
		{"value_probe", func(s Sink) error { return s.Print(value.Value{Kind: value.Probe, Str: "BEGIN"}) }},
		{"value_timestamp", func(s Sink) error {
			return s.Print(value.Value{Kind: value.Timestamp, Bits: 5, Str: "12:00:00"})
		}},
		{"value_pointer", func(s Sink) error { return s.Print(value.Value{Kind: value.Pointer, Bits: 0xffff0000}) }},
		{"map_scalar", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@scalar", Value: types.Int64, Entries: []Entry{{Values: one(i64(5))}}}), 0, 0)
		}},
		{"map_string_keys", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@map", Key: str8, Value: types.Int64, Entries: []Entry{
				{Key: str("key2", 8), Values: one(i64(3))}, {Key: str("key1", 8), Values: one(i64(2))}}}), 0, 0)
		}},
		{"map_tuple_keys", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@t", Key: tuple, Value: countT, Entries: []Entry{
				{Key: cat(i64(2), str("bpftrace", 8)), Values: counter(1)},
				{Key: cat(i64(1), str("x y", 8)), Values: counter(2)}}}), 0, 0)
		}},
		{"map_string_values", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@s", Key: types.Int64, Value: str8, Entries: []Entry{
				{Key: i64(1), Values: one(str("hello", 8))}}}), 0, 0)
		}},
		{"map_empty", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@e", Key: types.Int64, Value: countT}), 0, 0)
		}},
		{"map_count_top_div", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@c", Key: types.Int64, Value: countT, Entries: []Entry{
				{Key: i64(1), Values: counter(1, 2)}, {Key: i64(2), Values: counter(10)}, {Key: i64(3), Values: counter(5)}}}), 2, 2)
		}},
		{"map_sum", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@su", Value: sumT(true), Entries: []Entry{{Values: counter(-7, 2)}}}), 0, 0)
		}},
		{"map_min", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@mi", Value: minT(true), Entries: []Entry{
				{Values: cpus(minmaxSlot(-3, true), minmaxSlot(-10, false))}}}), 0, 0)
		}},
		{"map_max", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@ma", Value: maxT(false), Entries: []Entry{
				{Values: cpus(minmaxSlot(4, true), minmaxSlot(9, true))}}}), 0, 0)
		}},
		{"avg_scalar", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@a", Value: avgT(true), Entries: []Entry{{Values: cpus(avgSlot(2, 14))}}}), 0, 0)
		}},
		{"avg_keyed", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@ak", Key: types.Int64, Value: avgT(true), Entries: []Entry{
				{Key: i64(2), Values: cpus(avgSlot(1, 5))}, {Key: i64(1), Values: cpus(avgSlot(1, 3))}}}), 0, 0)
		}},
		{"stats_scalar", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@s", Value: statsT(false), Entries: []Entry{
				{Values: cpus(avgSlot(1, 2), avgSlot(1, 10))}}}), 0, 0)
		}},
		{"stats_keyed", func(s Sink) error {
			return s.PrintMap(decodeMap(t, &MapData{Name: "@stats", Key: str8, Value: statsT(true), Entries: []Entry{
				{Key: str("zsh", 8), Values: cpus(avgSlot(1, 10))}, {Key: str("curl", 8), Values: cpus(avgSlot(1, 2))}}}), 0, 0)
		}},
		{"hist", func(s Sink) error {
			return s.PrintMap(decodeMap(t, newHistMap("@h", nil, histT).add(nil, 2).add(nil, 100).m), 0, 0)
		}},
		{"hist_negative_zero", func(s Sink) error {
			return s.PrintMap(decodeMap(t, newHistMap("@h", nil, histT).add(nil, -5).add(nil, 0).m), 0, 0)
		}},
		{"hist_div", func(s Sink) error {
			return s.PrintMap(decodeMap(t, newHistMap("@h", nil, histT).addN(nil, 1, 4).addN(nil, 4, 9).m), 0, 2)
		}},
		{"hist_keyed", func(s Sink) error {
			return s.PrintMap(decodeMap(t, newHistMap("@hk", str8, histT).add(str("y", 8), 8).add(str("y", 8), 8).add(str("x", 8), 1).m), 0, 0)
		}},
		{"lhist", func(s Sink) error {
			return s.PrintMap(decodeMap(t, newHistMap("@l", nil, lh).add(nil, 5).add(nil, 55).add(nil, 150).m), 0, 0)
		}},
		{"lhist_below_min", func(s Sink) error {
			return s.PrintMap(decodeMap(t, newHistMap("@l", nil, lhistT(0, 10, 5)).add(nil, -3).add(nil, 3).m), 0, 0)
		}},
		{"lhist_uneven", func(s Sink) error {
			return s.PrintMap(decodeMap(t, newHistMap("@u", nil, lhistT(-10, 10, 3)).add(nil, 9).add(nil, 10).m), 0, 0)
		}},
		{"exit_maps", func(s Sink) error {
			return s.ExitMaps([]*value.Map{
				decodeMap(t, &MapData{Name: "@z", Value: countT, Entries: []Entry{{Values: counter(1)}}}),
				decodeMap(t, &MapData{Name: "@a", Value: types.Int64, Entries: []Entry{{Values: one(i64(2))}}}),
			})
		}},
	}
	var all strings.Builder
	for _, tt := range tests {
		var out, diag bytes.Buffer
		s := NewJSONSink(&out, &diag)
		if err := tt.emit(s); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if err := s.Flush(); err != nil {
			t.Fatal(err)
		}
		if diag.Len() > 0 {
			t.Errorf("%s: wrote %q to diag", tt.name, diag.String())
		}
		all.WriteString("=== " + tt.name + "\n" + out.String())
	}
	golden.Check(t, filepath.Join("testdata", "json", "lines.golden"), []byte(all.String()))
}

// TestSinkMessages checks where each sink writes messages about the run.
func TestSinkMessages(t *testing.T) {
	emit := func(s Sink) {
		s.Attached(1)
		s.LostEvents(2)
		s.Warning("map @m is full")
		s.Error(errors.New("reading events: boom"))
		s.Flush()
	}
	var out, diag bytes.Buffer
	emit(NewTextSink(&out, &diag))
	wantDiag := "Attached 1 probe\nLost 2 events\nWARNING: map @m is full\nbpfscript: reading events: boom\n"
	if out.String() != "" || diag.String() != wantDiag {
		t.Errorf("text: out %q diag %q, want diag %q", out.String(), diag.String(), wantDiag)
	}
	out.Reset()
	diag.Reset()
	emit(NewJSONSink(&out, &diag))
	wantOut := `{"type": "attached_probes", "data": {"probes": 1}}` + "\n" + `{"type": "lost_events", "data": {"events": 2}}` + "\n"
	wantDiag = "WARNING: map @m is full\nbpfscript: reading events: boom\n"
	if out.String() != wantOut || diag.String() != wantDiag {
		t.Errorf("json: out %q diag %q, want %q and %q", out.String(), diag.String(), wantOut, wantDiag)
	}
}
