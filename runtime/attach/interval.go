package attach

import (
	"github.com/cilium/ebpf"

	"github.com/bpfscript/bpfscript/lang/types"
)

// Interval programs run for a cpu-clock perf event on one CPU, the first
// online.
func init() {
	register(types.IntervalProbe, &provider{
		programType: ebpf.PerfEvent,
		attachType:  ebpf.AttachNone,
		open: func(ap *types.AttachPoint) ([]int, error) {
			cpus, err := onlineCPUs()
			if err != nil {
				return nil, err
			}
			return openCPUClock(ap, cpus[:1])
		},
	})
}
