package attach

import "github.com/bpfscript/bpfscript/lang/types"

// Profile programs run for a cpu-clock perf event on every online CPU.
func init() {
	register(types.ProfileProbe, cpuClockProvider(func(cpus []int) []int { return cpus }))
}
