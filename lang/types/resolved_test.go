package types_test

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestResolved checks Config.Resolved: called once, before any probe body
// is checked, with the very attach points Info holds; not called when a
// probe fails to resolve or there are too many.
func TestResolved(t *testing.T) {
	many := strings.Repeat("t:syscalls:sys_enter_read { }\n", 513)
	tests := []struct {
		name   string
		src    string
		called bool
		names  []string
	}{
		{"two blocks", "begin { }\nt:syscalls:sys_enter_read, t:syscalls:sys_exit_read { @[probe] = count(); }", true,
			[]string{"begin", "tracepoint:syscalls:sys_enter_read", "tracepoint:syscalls:sys_exit_read"}},
		{"wildcard", "t:syscalls:sys_enter_open* { }", true,
			[]string{"tracepoint:syscalls:sys_enter_open", "tracepoint:syscalls:sys_enter_openat", "tracepoint:syscalls:sys_enter_openat2"}},
		// Errors in bodies come later: the points are already known.
		{"body error", "t:syscalls:sys_enter_read { @x = nosuch; }", true, []string{"tracepoint:syscalls:sys_enter_read"}},
		{"missing tracepoint", "t:syscalls:sys_enter_read { }\nt:syscalls:sys_enter_nothing { }", false, nil},
		{"unknown probe type", "nosuch:x { }", false, nil},
		{"too many", many, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog, err := parser.Parse("", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			var got []*types.AttachPoint
			calls := 0
			info, _ := types.Check(prog, &types.Config{Env: testenv.New(), Resolved: func(aps []*types.AttachPoint) {
				calls++
				got = aps
			}})
			if !tt.called {
				if calls != 0 {
					t.Fatalf("Resolved called with %d attach points, want no call", len(got))
				}
				return
			}
			if calls != 1 {
				t.Fatalf("Resolved called %d times, want once", calls)
			}
			var names []string
			for _, ap := range got {
				names = append(names, ap.Name)
			}
			if strings.Join(names, " ") != strings.Join(tt.names, " ") {
				t.Errorf("Resolved got %q, want %q", names, tt.names)
			}
			var inInfo []*types.AttachPoint
			for _, p := range info.Probes {
				inInfo = append(inInfo, p.Attach...)
			}
			if len(inInfo) != len(got) {
				t.Fatalf("Info holds %d attach points, Resolved got %d", len(inInfo), len(got))
			}
			for i := range got {
				if got[i] != inInfo[i] {
					t.Errorf("attach point %d (%s): Resolved got another value than Info holds", i, got[i].Name)
				}
			}
		})
	}
}
