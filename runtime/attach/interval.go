package attach

import "github.com/bpfscript/bpfscript/lang/types"

// Interval programs run for a cpu-clock perf event on one CPU, the first
// online.
func init() {
	register(types.IntervalProbe, cpuClockProvider(func(cpus []int) []int { return cpus[:1] }))
}
