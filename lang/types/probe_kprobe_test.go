package types_test

import (
	"slices"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestKprobeErrors pins the errors of kprobe and kretprobe specs and of
// the builtins only they have.
func TestKprobeErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_kprobe.txt", false)
}

// TestKprobeUnlistedFunctions checks a kernel that will not list its
// functions: a plain name is taken on trust (attaching says whether it
// exists), a wildcard or a module cannot be resolved.
func TestKprobeUnlistedFunctions(t *testing.T) {
	info, err := checkWith(t, "kprobe:vfs_read { @ = arg0; } kretprobe:vfs_write { @r = retval; }", &types.Config{Env: deniedEnv{}})
	if err != nil {
		t.Fatalf("check error: %v", err)
	}
	var names []string
	for _, p := range info.Probes {
		for _, a := range p.Attach {
			names = append(names, a.Name+" "+a.Func)
		}
	}
	if want := []string{"kprobe:vfs_read vfs_read", "kretprobe:vfs_write vfs_write"}; !slices.Equal(names, want) {
		t.Errorf("attach points %q, want %q", names, want)
	}
	checkOneError(t, "kprobe:vfs_* { }", &types.Config{Env: deniedEnv{}},
		"cannot expand kprobe:vfs_*: open /sys/kernel/tracing/available_filter_functions: permission denied", 1, 1)
	checkOneError(t, "kprobe:kvm:x86_emulate_insn { }", &types.Config{Env: deniedEnv{}},
		"cannot expand kprobe:kvm:x86_emulate_insn: open /sys/kernel/tracing/available_filter_functions: permission denied", 1, 1)
}

func checkWith(t *testing.T, src string, conf *types.Config) (*types.Info, error) {
	t.Helper()
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatalf("parse error: %v", err)
	}
	return types.Check(prog, conf)
}

// TestSignalProbeKinds checks where signal() and signal_thread() may be
// used: in probes that fire in a task's context (the reference lists
// k(ret)probes and profile; tracepoints fire in one too), not in begin,
// end or interval probes.
func TestSignalProbeKinds(t *testing.T) {
	tests := []struct {
		probe string
		ok    bool
	}{
		{"kprobe:vfs_read", true},
		{"kretprobe:vfs_read", true},
		{"tracepoint:syscalls:sys_enter_read", true},
		{"profile:hz:99", true},
		{"begin", false},
		{"interval:s:1", false},
	}
	for _, tt := range tests {
		for _, fn := range []string{`signal("SIGUSR1")`, "signal_thread(5)"} {
			_, err := checkWith(t, tt.probe+" { "+fn+"; }", &types.Config{Env: testenv.New(), Unsafe: true})
			if (err == nil) != tt.ok {
				t.Errorf("%s in %s: error %v, want ok %v", fn, tt.probe, err, tt.ok)
			}
		}
	}
}
