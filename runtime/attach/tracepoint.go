package attach

import (
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
)

// Tracepoint programs run for one perf event of the tracepoint.
func init() {
	register(types.TracepointProbe, &provider{
		programType: ebpf.TracePoint,
		attachType:  ebpf.AttachNone,
		open: func(ap *types.AttachPoint) ([]int, error) {
			fd, err := openTracepoint(ap)
			if err != nil {
				return nil, err
			}
			return []int{fd}, nil
		},
		name: func(ap *types.AttachPoint) string { return "tracepoint:" + ap.Group + ":" + ap.Event },
	})
}

// openTracepoint opens the tracepoint's perf event for all processes. A
// program attached to it runs on every CPU: the kernel keeps BPF programs
// per tracepoint, not per perf event, so one event on one CPU suffices
// (cilium/ebpf's link.Tracepoint opens it on CPU 0; it is not used here
// because it loses the errno that tells "already attached" apart).
func openTracepoint(ap *types.AttachPoint) (int, error) {
	id, err := systemTracefs.EventID(ap.Group, ap.Event)
	if err != nil {
		return -1, err
	}
	attr := unix.PerfEventAttr{
		Type:        unix.PERF_TYPE_TRACEPOINT,
		Config:      uint64(id),
		Size:        uint32(unsafe.Sizeof(unix.PerfEventAttr{})),
		Sample_type: unix.PERF_SAMPLE_RAW,
		Sample:      1,
		Wakeup:      1,
	}
	return openPerfEvent(&attr, anyCPU())
}
