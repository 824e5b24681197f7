package compiler_test

import (
	"testing"
)

// TestAttachPointsShareCode checks which attach points share one program:
// those whose code cannot differ (the probe's id comes from the link's
// cookie), but not those of different kinds, nor syscall tracepoints and
// others when the code reads memory (str() of an integer reads user memory
// in the first, kernel memory in the second), nor begin and end (their ids
// are constants).
func TestAttachPointsShareCode(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		programs int
		codes    int
	}{
		{"wildcard without args", `tracepoint:syscalls:sys_enter_* { @[probe] = count(); }`, 6, 1},
		{"wildcard with args alike", `tracepoint:syscalls:sys_enter_* { @[args.__syscall_nr] = count(); }`, 6, 1},
		{"syscalls and others", `tracepoint:syscalls:sys_enter_getppid, tracepoint:sched:sched_switch { @ = count(); }`, 2, 1},
		{"syscalls and others reading memory", `tracepoint:syscalls:sys_enter_getppid, tracepoint:sched:sched_switch { @ = str(1); }`, 2, 2},
		{"separate blocks alike", `tracepoint:syscalls:sys_enter_getppid { @[probe] = count(); } tracepoint:sched:sched_switch { @[probe] = count(); }`, 2, 1},
		{"profile and interval", `profile:hz:99, interval:ms:10 { @[probe] = count(); }`, 2, 2},
		{"begin and end", `begin, end { @[probe] = count(); }`, 2, 2},
		{"kprobe wildcard", `kprobe:vfs_* { @[probe] = count(); }`, 5, 1},
		{"kprobe wildcard with func", `kprobe:vfs_* { @[func] = count(); }`, 5, 5},
		{"kprobe wildcard with func()", `kretprobe:vfs_read* { printf("%s\n", func()); }`, 2, 2},
		{"kprobe and kretprobe", `kprobe:vfs_read, kretprobe:vfs_read { @[probe] = count(); }`, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := compile(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(plan.Codes()); len(plan.Probes) != tt.programs || got != tt.codes {
				t.Errorf("%d probes with %d programs, want %d with %d", len(plan.Probes), got, tt.programs, tt.codes)
			}
		})
	}
}
