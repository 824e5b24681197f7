package bpfscript_test

import (
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// mapOf reads one map of the session as Go values: key (Go form, printed)
// -> value (Go form).
func mapOf(t *testing.T, s *bpfscript.Session, name string) map[string]any {
	t.Helper()
	m, err := s.Map(name)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for _, e := range m.Entries {
		out[fmtGo(e.Key.Go())] = e.Value.Go()
	}
	return out
}

func fmtGo(v any) string {
	if v == nil {
		return ""
	}
	if elems, ok := v.([]any); ok {
		parts := make([]string, len(elems))
		for i, e := range elems {
			parts[i] = fmtGo(e)
		}
		return "(" + strings.Join(parts, ",") + ")"
	}
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	}
	return "?"
}

// TestMapsAsGoValues reads maps of every kind of value while the program
// runs: keys in their types, aggregations merged over CPUs.
func TestMapsAsGoValues(t *testing.T) {
	pid := os.Getpid()
	s := bpfscript.NewSession(bpfscript.Options{Params: []string{strconv.Itoa(pid)}}, runtime.Options{Quiet: true, Out: &strings.Builder{}})
	defer s.Close()
	src := `tracepoint:syscalls:sys_enter_getppid /pid == $1/ {
		@count = count(); @sum = sum(3); @min = min(-2); @max = max(9); @avg = avg(4); @stats = stats(6);
		@tuple[pid, "k"] = count(); @neg[-1] = 5; @str["a"] = "text";
		@hist = hist(5); @lhist = lhist(7, 0, 10, 5);
	}`
	if _, err := s.Add(src); err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	for range 4 {
		syscall.Getppid()
	}
	p := strconv.Itoa(pid)
	want := map[string]map[string]any{
		"@count": {"": uint64(4)},
		"@sum":   {"": int64(12)},
		"@min":   {"": int64(-2)},
		"@max":   {"": int64(9)},
		"@avg":   {"": value.StatsValue{Count: 4, Average: 4, Total: 16}},
		"@stats": {"": value.StatsValue{Count: 4, Average: 6, Total: 24}},
		"@tuple": {"(" + p + ",k)": uint64(4)},
		"@neg":   {"-1": int64(5)},
		"@str":   {"a": "text"},
	}
	for name, entries := range want {
		got := mapOf(t, s, name)
		if len(got) != len(entries) {
			t.Errorf("%s = %v, want %v", name, got, entries)
		}
		for k, v := range entries {
			if got[k] != v {
				t.Errorf("%s[%s] = %#v, want %#v", name, k, got[k], v)
			}
		}
	}
	// One entry at a time.
	if v, ok, err := s.Lookup("@tuple", []any{pid, "k"}); err != nil || !ok || v.Go() != uint64(4) {
		t.Errorf("Lookup(@tuple, (pid, k)) = %v, %v, %v; want 4", v.Go(), ok, err)
	}
	if v, ok, err := s.Lookup("@tuple", []any{pid, "l"}); err != nil || ok {
		t.Errorf("Lookup(@tuple, (pid, l)) = %v, %v, %v; want no entry", v.Go(), ok, err)
	}
	if v, ok, err := s.Lookup("@avg", nil); err != nil || !ok || v.Go() != (value.StatsValue{Count: 4, Average: 4, Total: 16}) {
		t.Errorf("Lookup(@avg) = %v, %v, %v", v.Go(), ok, err)
	}
	if v, ok, err := s.Lookup("@lhist", nil); err != nil || !ok || v.Hist == nil || v.Hist.Total != 4 {
		t.Errorf("Lookup(@lhist) = %+v, %v, %v; want 4 values", v, ok, err)
	}
	h, err := s.Map("@hist")
	if err != nil {
		t.Fatal(err)
	}
	hist := h.Entries[0].Value.Go().(*bpfscript.Histogram)
	if b := hist.Buckets(); len(b) != 1 || b[0].Min.Bits != 4 || b[0].Max.Bits != 7 || b[0].Count != 4 {
		t.Errorf("@hist buckets = %+v, want [4, 7]: 4", b)
	}
	lh, err := s.Map("@lhist")
	if err != nil {
		t.Fatal(err)
	}
	if b := lh.Entries[0].Value.Hist.Buckets(); len(b) != 1 || b[0].Min.Int64() != 5 || b[0].Max.Int64() != 9 || b[0].Count != 4 {
		t.Errorf("@lhist buckets = %+v, want [5, 9]: 4", b)
	}
}

// TestEditMapsFromGo updates, deletes, clears and zeroes entries from Go
// and checks that the program sees the changes.
func TestEditMapsFromGo(t *testing.T) {
	pid := os.Getpid()
	s := bpfscript.NewSession(bpfscript.Options{Params: []string{strconv.Itoa(pid)}}, runtime.Options{Quiet: true, Out: &strings.Builder{}})
	defer s.Close()
	src := `BEGIN { @limit = 0; }
	tracepoint:syscalls:sys_enter_getppid /pid == $1/ {
		@seen = @limit; @calls[pid, "getppid"] = count(); @max = max(1); @h = hist(1);
		@avg = avg(10);
	}`
	if _, err := s.Add(src); err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	syscall.Getppid()

	// A plain value the program reads.
	if err := s.Update("@limit", nil, 42); err != nil {
		t.Fatal(err)
	}
	syscall.Getppid()
	if got := mapOf(t, s, "@seen")[""]; got != int64(42) {
		t.Errorf("@seen = %v after Update(@limit, 42), want 42", got)
	}

	// An aggregation the program goes on counting from.
	key := []any{pid, "getppid"}
	if err := s.Update("@calls", key, 100); err != nil {
		t.Fatal(err)
	}
	syscall.Getppid()
	p := strconv.Itoa(pid)
	if got := mapOf(t, s, "@calls")["("+p+",getppid)"]; got != uint64(101) {
		t.Errorf("@calls = %v after Update to 100 and one call, want 101", got)
	}
	if err := s.Update("@max", nil, 50); err != nil {
		t.Fatal(err)
	}
	syscall.Getppid()
	if got := mapOf(t, s, "@max")[""]; got != int64(50) {
		t.Errorf("@max = %v after Update to 50 and max(1), want 50", got)
	}
	if err := s.Update("@avg", nil, bpfscript.StatsValue{Count: 1, Total: 30}); err != nil {
		t.Fatal(err)
	}
	syscall.Getppid()
	if got := mapOf(t, s, "@avg")[""]; got != (value.StatsValue{Count: 2, Average: 20, Total: 40}) {
		t.Errorf("@avg = %v after Update to 30/1 and avg(10), want 40/2", got)
	}

	// Delete with the key as read, then the program starts over.
	m, err := s.Map("@calls")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("@calls", m.Entries[0].Key); err != nil {
		t.Fatal(err)
	}
	if got := mapOf(t, s, "@calls"); len(got) != 0 {
		t.Errorf("@calls = %v after Delete, want it empty", got)
	}
	if err := s.Delete("@calls", key); !errors.Is(err, bpfscript.ErrNoEntry) {
		t.Errorf("deleting twice: %v, want ErrNoEntry", err)
	}
	syscall.Getppid()
	if got := mapOf(t, s, "@calls")["("+p+",getppid)"]; got != uint64(1) {
		t.Errorf("@calls = %v after Delete and one call, want 1", got)
	}
	if err := s.Delete("@h", nil); err != nil {
		t.Errorf("deleting a histogram's entry: %v", err)
	}
	if got := mapOf(t, s, "@h"); len(got) != 0 {
		t.Errorf("@h = %v after Delete, want it empty", got)
	}

	// Zero keeps the keys, clear drops them.
	if err := s.ZeroMap("@calls"); err != nil {
		t.Fatal(err)
	}
	if got := mapOf(t, s, "@calls"); !equalAny(got, map[string]any{"(" + p + ",getppid)": uint64(0)}) {
		t.Errorf("@calls = %v after ZeroMap", got)
	}
	if err := s.ClearMap("@calls"); err != nil {
		t.Fatal(err)
	}
	if got := mapOf(t, s, "@calls"); len(got) != 0 {
		t.Errorf("@calls = %v after ClearMap", got)
	}
}

// TestEditErrors checks that keys and values that do not fit a map are
// refused with a message naming what is wanted, and change nothing.
func TestEditErrors(t *testing.T) {
	s := bpfscript.NewSession(bpfscript.Options{StrLen: 4}, runtime.Options{Quiet: true, Out: &strings.Builder{}})
	src := `BEGIN { @x = 1; @u[cpu] = 1; @t[1, "ab"] = count(); @s["k"] = "v"; @h = hist(1); @p[probe] = 1; }`
	if _, err := s.Add(src); err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	tests := []struct {
		name     string
		key, val any
		wantErr  string
	}{
		{"@none", nil, 1, "no map @none in the session"},
		{"@x", 1, 1, "map @x has no keys: want a nil key, got int"},
		{"@x", nil, "s", "map @x: value: want an integer for int64, got string"},
		{"@u", nil, 1, "map @u is keyed by uint64: the key is missing"},
		{"@u", -1, 1, "map @u: key: -1 is out of range for uint64, which is unsigned"},
		{"@t", []any{uint64(1 << 63), "ab"}, 1, "map @t: key: element 0: 9223372036854775808 is out of range for int64"},
		{"@t", 1, 1, "map @t: key: want a []any of 2 elements for (int64,string[4]), got int"},
		{"@t", []any{1}, 1, "map @t: key: want 2 elements for (int64,string[4]), got 1"},
		{"@t", []any{1, 2}, 1, "map @t: key: element 1: want a string for string[4], got int"},
		{"@t", []any{1, "abcd"}, 1, "map @t: key: element 1: string of 4 bytes does not fit string[4] (at most 3)"},
		{"@t", []any{1, "ab"}, bpfscript.StatsValue{}, "map @t: value: want an integer for uint64, got value.StatsValue"},
		{"@s", "k", 5, "map @s: value: want a string for string[4], got int"},
		{"@h", nil, 1, "map @h: value: a hist cannot be written from Go (delete or clear its entries instead)"},
		{"@p", "kprobe:nothing", 1, `map @p: key: no probe "kprobe:nothing" in the session`},
	}
	for _, tt := range tests {
		err := s.Update(tt.name, tt.key, tt.val)
		if err == nil || err.Error() != tt.wantErr {
			t.Errorf("Update(%s, %#v, %#v) = %v\nwant %s", tt.name, tt.key, tt.val, err, tt.wantErr)
		}
	}
	if err := s.Update("@p", "BEGIN", 2); err != nil {
		t.Errorf("Update(@p, BEGIN): %v", err)
	}
	if got := mapOf(t, s, "@p"); !equalAny(got, map[string]any{"BEGIN": int64(2)}) {
		t.Errorf("@p = %v, want BEGIN: 2", got)
	}
	if _, err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Update("@x", nil, 1); !errors.Is(err, bpfscript.ErrClosed) {
		t.Errorf("Update after Close: %v", err)
	}
}

func equalAny(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

var _ = slices.Equal[[]string]
