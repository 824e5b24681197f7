package bpfscript_test

import (
	"context"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
)

// TestKprobeProgramsLoad compiles kprobe and kretprobe programs that use
// every kprobe builtin against the fixture environment and loads them
// into the running kernel's verifier without attaching: the program type
// loads even where the kernel has no kprobes to attach them to.
func TestKprobeProgramsLoad(t *testing.T) {
	const src = `kprobe:vfs_read, k:vfs_write+16 /arg2 > 0/ {
  @bytes[func, probe] = sum(arg2);
  @args = (arg0, arg1, arg3, arg4, arg5);
  printf("%s %d %s\n", func, arg1, comm);
}
kretprobe:vfs_rea* { @ret[func] = hist(retval); @neg = retval < 0 ? 1 : 0; }`
	prog, err := bpfscript.Compile(src, goldenOptions)
	if err != nil {
		t.Fatalf("%s", bpfscript.FormatError(err, src))
	}
	var names []string
	for _, p := range prog.Compiled.Probes {
		names = append(names, p.Attach.Name)
	}
	want := []string{"kprobe:vfs_read", "kprobe:vfs_write+16", "kretprobe:vfs_read", "kretprobe:vfs_readv"}
	if len(names) != len(want) {
		t.Fatalf("attach points %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("attach points %q, want %q", names, want)
		}
	}
	if _, err := prog.Run(context.Background(), runtime.Options{DryRun: true}); err != nil {
		t.Fatalf("loading: %v", err)
	}
}
