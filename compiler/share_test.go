package compiler_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/compiler/ir"
)

// TestAttachPointsShareCode checks which attach points of a block share
// one compiled function: those whose code cannot differ (the probe's id
// comes from the link's cookie), but not those whose args records are laid
// out differently, nor syscall tracepoints and others (str() of an integer
// reads user memory in the first, kernel memory in the second).
func TestAttachPointsShareCode(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		programs  int
		functions int
	}{
		{"wildcard without args", `tracepoint:syscalls:sys_enter_* { @[probe] = count(); }`, 3, 1},
		{"wildcard with args", `tracepoint:syscalls:sys_enter_* { @[args.__syscall_nr] = count(); }`, 3, 3},
		{"syscalls and others", `tracepoint:syscalls:sys_enter_getppid, tracepoint:sched:sched_switch { @ = count(); }`, 2, 2},
		{"profile and interval", `profile:hz:99, interval:ms:10 { @[probe] = count(); }`, 2, 2},
		{"begin and end", `begin, end { @[probe] = count(); }`, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := compile(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			funcs := map[*ir.Func]bool{}
			for _, p := range plan.Programs {
				funcs[p.Func] = true
			}
			if len(plan.Programs) != tt.programs || len(funcs) != tt.functions {
				t.Errorf("%d programs with %d functions, want %d with %d", len(plan.Programs), len(funcs), tt.programs, tt.functions)
			}
		})
	}
}
