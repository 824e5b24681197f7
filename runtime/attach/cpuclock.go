package attach

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
)

const onlineCPUsFile = "/sys/devices/system/cpu/online"

// openCPUClock opens a software cpu-clock perf event on each CPU in cpus,
// for all processes, sampling at ap.Freq Hz or every ap.PeriodNS ns. The
// cpu-clock is a timer, so it fires on idle CPUs too.
func openCPUClock(ap *types.AttachPoint, cpus []int) ([]int, error) {
	attr := unix.PerfEventAttr{
		Type:   unix.PERF_TYPE_SOFTWARE,
		Config: unix.PERF_COUNT_SW_CPU_CLOCK,
		Size:   uint32(unsafe.Sizeof(unix.PerfEventAttr{})),
		// Opened stopped, and started once the program is attached
		// (attachToPerfEvent): a timer counts from when its program
		// runs, not from when its event was opened, which may be long
		// before when the kernel is slow to attach the probes before it.
		Bits: unix.PerfBitDisabled,
	}
	switch {
	case ap.Freq != 0:
		attr.Sample = ap.Freq
		attr.Bits |= unix.PerfBitFreq
	case ap.PeriodNS != 0:
		attr.Sample = ap.PeriodNS
	default:
		return nil, fmt.Errorf("neither a frequency nor a period is set")
	}
	fds := make([]int, 0, len(cpus))
	for _, cpu := range cpus {
		fd, err := openPerfEvent(&attr, cpu)
		if err != nil {
			closeFDs(fds)
			if ap.Freq != 0 && errors.Is(err, unix.EINVAL) {
				return nil, fmt.Errorf("%w (is %d Hz above kernel.perf_event_max_sample_rate?)", err, ap.Freq)
			}
			return nil, err
		}
		fds = append(fds, fd)
	}
	return fds, nil
}

// onlineCPUs returns the CPUs that are online now, in ascending order.
func onlineCPUs() ([]int, error) {
	text, err := os.ReadFile(onlineCPUsFile)
	if err != nil {
		return nil, fmt.Errorf("reading the online CPUs: %w", err)
	}
	cpus, err := parseCPUList(string(text))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", onlineCPUsFile, err)
	}
	return cpus, nil
}

// parseCPUList parses the kernel's CPU list format, such as "0-3,6,8-9".
func parseCPUList(text string) ([]int, error) {
	text = strings.TrimSpace(text)
	var cpus []int
	for part := range strings.SplitSeq(text, ",") {
		first, last, isRange := strings.Cut(part, "-")
		lo, err := strconv.Atoi(first)
		if err != nil || lo < 0 {
			return nil, fmt.Errorf("bad CPU list %q", text)
		}
		hi := lo
		if isRange {
			if hi, err = strconv.Atoi(last); err != nil || hi < lo {
				return nil, fmt.Errorf("bad CPU list %q", text)
			}
		}
		if len(cpus) > 0 && lo <= cpus[len(cpus)-1] {
			return nil, fmt.Errorf("bad CPU list %q: not ascending", text)
		}
		for cpu := lo; cpu <= hi; cpu++ {
			cpus = append(cpus, cpu)
		}
	}
	if len(cpus) == 0 {
		return nil, fmt.Errorf("bad CPU list %q: no CPUs", text)
	}
	return cpus, nil
}

// cpuClockProvider is the provider of a probe kind that runs its program
// for cpu-clock perf events on the online CPUs that which picks.
func cpuClockProvider(which func(online []int) []int) *provider {
	return &provider{
		programType: ebpf.PerfEvent,
		attachType:  ebpf.AttachNone,
		open: func(ap *types.AttachPoint) ([]int, error) {
			cpus, err := onlineCPUs()
			if err != nil {
				return nil, err
			}
			return openCPUClock(ap, which(cpus))
		},
		stopped: true,
	}
}
