package attach

import (
	"github.com/cilium/ebpf"

	"github.com/bpfscript/bpfscript/lang/types"
)

// Profile programs run for a cpu-clock perf event on every online CPU.
func init() {
	register(types.ProfileProbe, &provider{
		programType: ebpf.PerfEvent,
		attachType:  ebpf.AttachNone,
		open: func(ap *types.AttachPoint) ([]int, error) {
			cpus, err := onlineCPUs()
			if err != nil {
				return nil, err
			}
			return openCPUClock(ap, cpus)
		},
	})
}
