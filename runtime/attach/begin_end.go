package attach

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
)

// BEGIN and END programs are not attached but run once, with RunOnce. Raw
// tracepoint programs support BPF_PROG_TEST_RUN (Linux 5.10+) and, unlike
// socket or XDP programs, may call the tracing helpers; they are loaded
// without an attach target.
func init() {
	for _, k := range []types.ProbeKind{types.BeginProbe, types.EndProbe} {
		register(k, &provider{programType: ebpf.RawTracepoint, attachType: ebpf.AttachNone})
	}
}

// rawTracepointContext is the context RunOnce passes: the largest argument
// array a raw tracepoint program may read (MAX_BPF_FUNC_ARGS u64s), all
// zero, so the kernel accepts the run whatever offsets the program reads.
type rawTracepointContext [12]uint64

// RunOnce runs a begin or end program once with BPF_PROG_TEST_RUN, on the
// calling thread, and returns its return value. The program must be of the
// type ProgramType gives for types.BeginProbe.
func RunOnce(prog *ebpf.Program) (uint32, error) {
	if prog == nil {
		return 0, fmt.Errorf("running a begin/end program: nil program")
	}
	if prog.Type() != ebpf.RawTracepoint {
		return 0, fmt.Errorf("running a begin/end program: it is a %s program, want %s", prog.Type(), ebpf.RawTracepoint)
	}
	ret, err := prog.Run(&ebpf.RunOptions{Context: rawTracepointContext{}})
	if err != nil {
		if errors.Is(err, ebpf.ErrNotSupported) || errors.Is(err, unix.EOPNOTSUPP) {
			return 0, fmt.Errorf("running a begin/end program: the running kernel cannot test-run raw tracepoint programs (Linux 5.10 or later is needed): %v", err)
		}
		return 0, fmt.Errorf("running a begin/end program: %w", err)
	}
	return ret, nil
}
