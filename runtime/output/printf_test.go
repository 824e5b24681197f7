package output

import (
	"strings"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
)

func intArg(v int64) Arg   { return Arg{Type: types.Int64, Data: i64(v)} }
func uintArg(v uint64) Arg { return Arg{Type: types.Uint64, Data: u64(v)} }
func sizedArg(v uint64, size int, signed bool) Arg {
	return Arg{Type: types.NewInt(size, signed), Data: u64(v)[:size]}
}
func strArg(s string) Arg { return Arg{Type: types.NewString(len(s) + 1), Data: str(s, len(s)+1)} }

func TestPrintf(t *testing.T) {
	tuple := types.NewTuple([]*types.Type{types.Int64, types.NewString(4)})
	ptr := &types.Type{Kind: types.Pointer, Size: 8, Elem: types.Uint32}
	tests := []struct {
		format string
		args   []Arg
		want   string
	}{
		{"hello\n", nil, "hello\n"},
		{"100%%", nil, "100%"},
		{"%d %i", []Arg{intArg(-1), intArg(42)}, "-1 42"},
		// Without a length modifier integers print at 64 bits (upstream).
		{"%d|%u|%x|%X|%o", []Arg{intArg(1 << 40), intArg(-1), intArg(-1), intArg(255), intArg(8)},
			"1099511627776|18446744073709551615|ffffffffffffffff|FF|10"},
		{"%d", []Arg{uintArg(^uint64(0))}, "-1"},
		// Length modifiers truncate like a C cast.
		{"%hhd|%hhu|%hd|%hu|%hx|%hhx", []Arg{intArg(300), intArg(-1), intArg(70000), intArg(-1), intArg(-1), intArg(0x1ff)},
			"44|255|4464|65535|ffff|ff"},
		{"%ld|%lu|%lld|%llx|%zu|%jd|%td", []Arg{intArg(-1), intArg(-1), intArg(-1), intArg(-2), intArg(7), intArg(-7), intArg(9)},
			"-1|18446744073709551615|-1|fffffffffffffffe|7|-7|9"},
		// Narrow argument types are widened by their own sign first.
		{"%d %u %d", []Arg{sizedArg(0xff, 1, true), sizedArg(0xffff, 2, false), sizedArg(0xffffffff, 4, true)},
			"-1 65535 -1"},
		{"[%5d][%-5d][%05d][%+d][% d][%+05d][%-+5d]", []Arg{intArg(3), intArg(3), intArg(-3), intArg(3), intArg(3), intArg(3), intArg(3)},
			"[    3][3    ][-0003][+3][ 3][+0003][+3   ]"},
		{"[%.3d][%8.3d][%08.3d][%.0d][%.0d]", []Arg{intArg(5), intArg(-5), intArg(5), intArg(0), intArg(1)},
			"[005][    -005][     005][][1]"},
		{"[%#x][%#X][%#o][%#x][%#o][%08x][%#010x]", []Arg{intArg(255), intArg(255), intArg(8), intArg(0), intArg(0), intArg(0xbeef), intArg(0xbeef)},
			"[0xff][0XFF][010][0][0][0000beef][0x0000beef]"},
		{"[%c][%-3c][%3c]", []Arg{intArg(65), intArg(66), intArg(67)}, "[A][B  ][  C]"},
		{"[%p][%p][%18p]", []Arg{uintArg(4096), uintArg(0), Arg{Type: ptr, Data: u64(0xffff8880deadbeef)}},
			"[0x1000][(nil)][0xffff8880deadbeef]"},
		{"[%s][%5s][%-5s][%.1s][%.10s]", []Arg{strArg("ab"), strArg("ab"), strArg("ab"), strArg("xyz"), strArg("xyz")},
			"[ab][   ab][ab   ][x][xyz]"},
		// %s prints any value as print() would.
		{"%s|%s|%s|%s", []Arg{intArg(-12), uintArg(12), {Type: tuple, Data: cat(i64(1), str("abc", 4))}, {Type: ptr, Data: u64(0x10)}},
			"-12|12|(1, abc)|0x10"},
		{"%s", []Arg{{Type: types.ProbeT, Data: u64(1)}}, "tracepoint:syscalls:sys_enter_openat"},
		{"%s", []Arg{{Type: &types.Type{Kind: types.Timestamp, Size: 16}, Data: cat(u64(0), u64(1_500_000_000))}},
			"1970-01-01 00:00:01.500000"},
		{"%-10s|", []Arg{{Type: tuple, Data: cat(i64(-2), str("ab", 4))}}, "(-2, ab)  |"},
	}
	f := &Formatter{
		ProbeNames:  []string{"BEGIN", "tracepoint:syscalls:sys_enter_openat"},
		TimeFormats: []string{"%Y-%m-%d %H:%M:%S.%f"},
		BootTime:    time.Unix(0, 0).UTC(),
	}
	for _, tt := range tests {
		dirs, err := printf.Parse(tt.format)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.format, err)
		}
		var sb strings.Builder
		if err := f.Printf(&sb, dirs, tt.args); err != nil {
			t.Errorf("Printf(%q): %v", tt.format, err)
			continue
		}
		if sb.String() != tt.want {
			t.Errorf("Printf(%q) = %q, want %q", tt.format, sb.String(), tt.want)
		}
	}
}

func TestPrintfErrors(t *testing.T) {
	tests := []struct {
		format string
		args   []Arg
		want   string
	}{
		{"%d %d", []Arg{intArg(1)}, "printf: %d has no argument"},
		{"%d", []Arg{intArg(1), intArg(2)}, "printf: 2 arguments for 1 conversions"},
		{"%x", []Arg{strArg("a")}, "printf: %x needs an integer, got string[2]"},
		{"%s", []Arg{{}}, "printf: %s: argument has no type"},
	}
	for _, tt := range tests {
		dirs, err := printf.Parse(tt.format)
		if err != nil {
			t.Fatal(err)
		}
		_, err = (&Formatter{}).Sprintf(dirs, tt.args)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Sprintf(%q) error = %v, want %q", tt.format, err, tt.want)
		}
	}
}

// TestPrintfMatchesBpftrace017 runs testdata/bpftrace-0.17/printf.bt's
// printf and compares with what 0.17 printed, except where upstream now
// prints unmodified conversions at 64 bits.
func TestPrintfMatchesBpftrace017(t *testing.T) {
	const format = "%hhd|%d|%u|%lu|%x|%lx|%hx|%c|%p|%5s|%-5d|%05d|%.3d|%-4c|%hhu|%lld|%llx|%X|%o|%.1s|%-3s|%p|\n"
	args := []Arg{intArg(300), intArg(-1), intArg(-1), intArg(-1), intArg(-1), intArg(-1), intArg(-1),
		intArg(65), intArg(4096), strArg("ab"), intArg(3), intArg(3), intArg(5), intArg(66), intArg(-1),
		intArg(-1), intArg(-2), intArg(255), intArg(8), strArg("xyz"), strArg("a"), intArg(0)}
	dirs, err := printf.Parse(format)
	if err != nil {
		t.Fatal(err)
	}
	got, err := (&Formatter{}).Sprintf(dirs, args)
	if err != nil {
		t.Fatal(err)
	}
	// bpftrace 0.17 ends every run with two newlines.
	want := strings.TrimSuffix(readTestdata(t, "bpftrace-0.17/printf.txt"), "\n\n")
	want = strings.Replace(want, "|4294967295|", "|18446744073709551615|", 1)
	want = strings.Replace(want, "|ffffffff|", "|ffffffffffffffff|", 1)
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
