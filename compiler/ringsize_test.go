package compiler_test

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/compiler"
)

// TestEventsRingSize checks how the event ring buffer is sized: large when
// an attached probe sends records, otherwise just large enough for what
// begin and end probes can send (each printf of one u64 takes a 24-byte
// record: an 8-byte header, the event id and the value).
func TestEventsRingSize(t *testing.T) {
	printfs := func(n int) string {
		return strings.Repeat(`printf("%d\n", 1); `, n)
	}
	// Records of 72 bytes: header, id and seven values.
	widePrintfs := func(n int) string {
		return strings.Repeat(`printf("%d %d %d %d %d %d %d\n", 1, 2, 3, 4, 5, 6, 7); `, n)
	}
	long := strings.Repeat("a", 1000)
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"sends nothing", `tracepoint:syscalls:sys_enter_getppid { @[comm] = count(); }`, 64 << 10},
		{"begin prints a little", `begin { printf("hi\n"); } end { print(@x); } tracepoint:syscalls:sys_enter_getppid { @x = count(); }`, 64 << 10},
		{"a tracepoint prints", `tracepoint:syscalls:sys_enter_getppid { printf("%d\n", pid); }`, 1 << 20},
		{"an interval exits", `interval:s:1 { exit(); }`, 1 << 20},
		// Records of long strings: 512 of the largest fit the ring.
		{"a tracepoint prints 1000 bytes", `tracepoint:syscalls:sys_enter_getppid { printf("%s\n", "` + long + `"); }`, 1 << 20},
		{"a tracepoint prints 3000 bytes", `tracepoint:syscalls:sys_enter_getppid { printf("%s%s%s\n", "` + long + `", "` + long + `", "` + long + `"); }`, 2 << 20},
		{"a tracepoint prints 20000 bytes", `tracepoint:syscalls:sys_enter_getppid { printf("%s%s%s%s%s\n", ` + strings.Repeat(`"`+strings.Repeat("a", 4000)+`", `, 4) + `"` + strings.Repeat("a", 4000) + `"); }`, 8 << 20},
		// Strings of the default size (1 KiB).
		{"a tracepoint prints a string", `tracepoint:syscalls:sys_enter_openat { printf("%s\n", str(args.filename)); }`, 1 << 20},
		{"a tracepoint prints two strings", `tracepoint:syscalls:sys_enter_openat { printf("%s %s\n", str(args.filename), str(args.filename)); }`, 2 << 20},
		{"a tracepoint joins", `tracepoint:syscalls:sys_enter_execve { join(args.argv); }`, 8 << 20},
		{"begin prints 3000 bytes", `begin { printf("%s%s%s\n", "` + long + `", "` + long + `", "` + long + `"); }`, 64 << 10},
		// 2,730 records of 24 bytes are 65,520 bytes, 16 short of 64 KiB.
		{"begin prints 64 KiB and a bit", `begin { ` + printfs(2731) + `}`, 128 << 10},
		{"begin prints 64 KiB exactly", `begin { ` + printfs(2730) + `}`, 64 << 10},
		{"begin and end print 64 KiB and a bit", `begin { ` + printfs(2730) + `} end { printf("%d\n", 1); }`, 128 << 10},
		{"begin and end print more than the large ring", `begin { ` + widePrintfs(8000) + `} end { ` + widePrintfs(7000) + `}`, 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := compile(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := plan.Map(compiler.EventsMap).MaxEntries; got != tt.want {
				t.Errorf("events ring = %d bytes, want %d", got, tt.want)
			}
		})
	}
}
