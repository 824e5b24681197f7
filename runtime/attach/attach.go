package attach

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

// Link is an attachment. Detach stops the program from running, quickly;
// Close releases everything, which for a perf event means unregistering it
// from its tracepoint and waiting out RCU grace periods (tens of
// milliseconds each). Splitting the two lets a run stop its probes, print
// its results and only then pay for the teardown.
type Link interface {
	Detach() error
	Close() error
}

// systemTracefs gives tracepoint ids; it mounts tracefs on first use only.
var systemTracefs = tracefs.New()

// ProgramType says which BPF program type, and which expected attach type
// (ebpf.AttachNone when there is none), the compiler must emit for a probe
// kind.
func ProgramType(k types.ProbeKind) (ebpf.ProgramType, ebpf.AttachType) {
	switch k {
	case types.TracepointProbe:
		return ebpf.TracePoint, ebpf.AttachNone
	case types.ProfileProbe, types.IntervalProbe:
		return ebpf.PerfEvent, ebpf.AttachNone
	default:
		// BEGIN and END: raw tracepoint programs support BPF_PROG_TEST_RUN
		// (Linux 5.10+) and, unlike socket or XDP programs, may call the
		// tracing helpers. They are loaded without an attach target.
		return ebpf.RawTracepoint, ebpf.AttachNone
	}
}

// Attach attaches a loaded program to one attach point and returns what
// detaches it. Begin and end points are not attached: run them with RunOnce.
// Errors are one line and start with "attaching <name>: ".
func Attach(prog *ebpf.Program, ap *types.AttachPoint) (Link, error) {
	if prog == nil || ap == nil {
		return nil, errors.New("attach: nil program or attach point")
	}
	l, err := attach(prog, ap)
	if err != nil {
		return nil, fmt.Errorf("attaching %s: %w", pointName(ap), err)
	}
	return l, nil
}

func attach(prog *ebpf.Program, ap *types.AttachPoint) (Link, error) {
	if ap.Kind == types.BeginProbe || ap.Kind == types.EndProbe {
		return nil, fmt.Errorf("%s probes are not attached but run once with RunOnce", ap.Kind)
	}
	if want, _ := ProgramType(ap.Kind); prog.Type() != want {
		return nil, fmt.Errorf("a %s program cannot run for a %s probe, which needs a %s program", prog.Type(), ap.Kind, want)
	}
	switch ap.Kind {
	case types.TracepointProbe:
		return attachTracepoint(prog, ap)
	case types.ProfileProbe:
		cpus, err := onlineCPUs()
		if err != nil {
			return nil, err
		}
		return attachCPUClock(prog, ap, cpus)
	case types.IntervalProbe:
		cpus, err := onlineCPUs()
		if err != nil {
			return nil, err
		}
		return attachCPUClock(prog, ap, cpus[:1])
	}
	return nil, fmt.Errorf("unknown probe kind %d", ap.Kind)
}

// attachTracepoint opens the tracepoint's perf event for all processes and
// attaches prog to it. The program then runs on every CPU: the kernel keeps
// BPF programs per tracepoint, not per perf event, so one event on CPU 0
// suffices (this is also what cilium/ebpf's link.Tracepoint does; it is not
// used here because it loses the errno that tells "already attached" apart).
func attachTracepoint(prog *ebpf.Program, ap *types.AttachPoint) (Link, error) {
	id, err := systemTracefs.EventID(ap.Group, ap.Event)
	if err != nil {
		return nil, err
	}
	attr := unix.PerfEventAttr{
		Type:        unix.PERF_TYPE_TRACEPOINT,
		Config:      uint64(id),
		Size:        uint32(unsafe.Sizeof(unix.PerfEventAttr{})),
		Sample_type: unix.PERF_SAMPLE_RAW,
		Sample:      1,
		Wakeup:      1,
	}
	fd, err := openPerfEvent(&attr, 0)
	if err != nil {
		return nil, err
	}
	return attachToPerfEvent(prog, fd)
}

// pointName names an attach point in messages.
func pointName(ap *types.AttachPoint) string {
	if ap.Name != "" {
		return ap.Name
	}
	if ap.Kind == types.TracepointProbe {
		return "tracepoint:" + ap.Group + ":" + ap.Event
	}
	return ap.Kind.String()
}

// DetachAll detaches links concurrently and returns their errors joined.
func DetachAll(links []Link) error {
	errs := make([]error, len(links))
	var wg sync.WaitGroup
	for i, l := range links {
		if l == nil {
			continue
		}
		wg.Go(func() { errs[i] = l.Detach() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// CloseAll closes links concurrently and returns their errors joined.
// Tearing down a tracepoint's perf event waits for RCU grace periods in the
// kernel (tens of milliseconds each); closing in parallel lets those waits
// overlap, roughly halving the time to detach a script with many probes.
func CloseAll(links []Link) error {
	errs := make([]error, len(links))
	var wg sync.WaitGroup
	for i, l := range links {
		if l == nil {
			continue
		}
		wg.Go(func() { errs[i] = l.Close() })
	}
	wg.Wait()
	return errors.Join(errs...)
}
