package types_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// checkOneError checks src and expects exactly one error, with message
// want, at line:col.
func checkOneError(t *testing.T, src string, conf *types.Config, want string, line, col int) {
	t.Helper()
	prog, err := parser.Parse("limits.bt", src)
	if err != nil {
		t.Fatalf("parse error: %v", err)
	}
	_, err = types.Check(prog, conf)
	list, ok := err.(diag.List)
	if !ok || len(list) != 1 {
		t.Fatalf("got %v, want one error %q", err, want)
	}
	if e := list[0]; e.Msg != want || e.Pos.Line != line || e.Pos.Col != col {
		t.Errorf("got %s, want limits.bt:%d:%d: error: %s", e, line, col, want)
	}
}

func TestAttachPointLimit(t *testing.T) {
	var lines []string
	for i := 1; i <= 600; i++ {
		lines = append(lines, fmt.Sprintf("interval:ms:%d { }", i))
	}
	// The 513th attach point is on line 513.
	checkOneError(t, strings.Join(lines, "\n"), testConfig(t), "too many probes: 600 attach points, the limit is 512", 513, 1)

	// Exactly at the limit is fine, begin and end included.
	src := "begin { } end { } " + strings.Join(lines[:510], " ")
	prog, err := parser.Parse("limits.bt", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := types.Check(prog, testConfig(t)); err != nil {
		t.Errorf("512 attach points: %v", err)
	}
}

func TestStringLiteralLimit(t *testing.T) {
	long := strings.Repeat("a", 4096)
	checkOneError(t, `begin { $s = "`+long+`"; }`, testConfig(t), "string literal is too long: 4096 bytes, the limit is 4095", 1, 14)
	prog, err := parser.Parse("limits.bt", `begin { $s = "`+long[1:]+`"; }`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := types.Check(prog, testConfig(t)); err != nil {
		t.Errorf("a 4095-byte literal: %v", err)
	}
}

// deniedEnv is a tracing environment the process may not read.
type deniedEnv struct{}

func (deniedEnv) Tracepoints(group, event string) ([]string, error) {
	return nil, &fs.PathError{Op: "open", Path: "/sys/kernel/tracing/events", Err: fs.ErrPermission}
}

func (deniedEnv) TracepointFormat(group, event string) (*types.TracepointFormat, error) {
	return nil, fs.ErrPermission
}

func (deniedEnv) KernelFuncID(name string) (int32, error) {
	return 0, &fs.PathError{Op: "open", Path: "/sys/kernel/btf/vmlinux", Err: fs.ErrPermission}
}

func (deniedEnv) KernelFieldOffset(structName, member string) (int, error) {
	return 0, &fs.PathError{Op: "open", Path: "/sys/kernel/btf/vmlinux", Err: fs.ErrPermission}
}

func (deniedEnv) PIDNamespace() (types.PIDNamespace, error) {
	return types.PIDNamespace{}, &fs.PathError{Op: "stat", Path: "/proc/self/ns/pid", Err: fs.ErrPermission}
}

func (deniedEnv) CgroupID(path string) (uint64, error) {
	return 0, &fs.PathError{Op: "stat", Path: path, Err: fs.ErrPermission}
}

func TestTracefsPermissionExplained(t *testing.T) {
	checkOneError(t, "tracepoint:sched:sched_switch { }", &types.Config{Env: deniedEnv{}},
		"cannot list tracepoints without root or read access to tracefs: open /sys/kernel/tracing/events: permission denied", 1, 1)
}

func (deniedEnv) KernelFuncs(module, pattern string) ([]string, error) {
	return nil, &fs.PathError{Op: "open", Path: "/sys/kernel/tracing/available_filter_functions", Err: fs.ErrPermission}
}
