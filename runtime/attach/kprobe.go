package attach

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
)

// Kprobe and kretprobe programs run for a perf event of the kernel's kprobe
// PMU on one function, opened as a tracepoint's is, before the program
// exists, and bound to it by a BPF link with the cookie (cilium/ebpf's
// link.Kprobe makes the event and the link at once, which would leave a
// function that cannot be probed to fail after the other probes have been
// attached, past what missing_probes can forgive). A kernel without
// kprobes fails at Open, before any begin probe runs, with an error that
// says so.
func init() {
	for _, k := range []types.ProbeKind{types.KprobeProbe, types.KretprobeProbe} {
		register(k, &provider{
			programType: ebpf.Kprobe,
			attachType:  ebpf.AttachNone,
			open: func(ap *types.AttachPoint) ([]int, error) {
				fd, err := openKprobe(ap)
				if err != nil {
					return nil, err
				}
				return []int{fd}, nil
			},
		})
	}
}

// ErrNoKprobes says the running kernel was built without kprobes.
var ErrNoKprobes = errors.New("the running kernel does not support kprobes (it has no kprobe PMU in /sys/bus/event_source/devices: it was built without CONFIG_KPROBES)")

// pmuDir is where the kernel lists its perf event sources: kprobe (Linux
// 4.17+, a kernel with kprobes has it) and uprobe among them.
const pmuDir = "/sys/bus/event_source/devices"

// KprobeSupport returns nil when the running kernel has kprobes, and
// ErrNoKprobes when it has not. The answer is worked out once.
func KprobeSupport() error {
	_, err := kprobePMU()
	return err
}

// kprobePMU is the kprobe PMU of the running kernel, read once.
var kprobePMU = sync.OnceValues(func() (probePMU, error) {
	pmu, err := readProbePMU(filepath.Join(pmuDir, "kprobe"))
	if errors.Is(err, os.ErrNotExist) {
		return pmu, ErrNoKprobes
	}
	return pmu, err
})

// probePMU is a perf event source of dynamic probes, kprobe or uprobe:
// its perf_event_attr type, and the config bit that makes a return probe.
type probePMU struct {
	typ         uint32
	retprobeBit uint
}

// readProbePMU reads the PMU at dir: dir/type, and dir/format/retprobe
// ("config:0").
func readProbePMU(dir string) (probePMU, error) {
	text, err := os.ReadFile(filepath.Join(dir, "type"))
	if err != nil {
		return probePMU{}, err
	}
	typ, err := strconv.ParseUint(strings.TrimSpace(string(text)), 10, 32)
	if err != nil {
		return probePMU{}, fmt.Errorf("%s/type: %w", dir, err)
	}
	text, err = os.ReadFile(filepath.Join(dir, "format", "retprobe"))
	if err != nil {
		return probePMU{}, err
	}
	bit, ok := strings.CutPrefix(strings.TrimSpace(string(text)), "config:")
	n, err := strconv.ParseUint(bit, 10, 6)
	if !ok || err != nil {
		return probePMU{}, fmt.Errorf("%s/format/retprobe: unexpected %q", dir, text)
	}
	return probePMU{typ: uint32(typ), retprobeBit: uint(n)}, nil
}

// open opens a probe of the PMU on target (a kernel function, or for
// uprobes a file) at offset, for all processes: one event on one CPU
// suffices, as for a tracepoint, since the kernel runs the programs of a
// probe wherever it fires.
func (p probePMU) open(target string, offset uint64, ret bool) (int, error) {
	name, err := unix.BytePtrFromString(target)
	if err != nil {
		return -1, err
	}
	attr := p.attr(name, offset, ret)
	fd, err := unix.PerfEventOpen(&attr, -1, anyCPU(), -1, unix.PERF_FLAG_FD_CLOEXEC)
	// The kernel reads the name during the call.
	goruntime.KeepAlive(name)
	return fd, err
}

// attr is the perf_event_attr of a probe on the NUL-terminated target.
func (p probePMU) attr(target *byte, offset uint64, ret bool) unix.PerfEventAttr {
	attr := unix.PerfEventAttr{
		Type:        p.typ,
		Size:        uint32(unsafe.Sizeof(unix.PerfEventAttr{})),
		Ext1:        uint64(uintptr(unsafe.Pointer(target))), // config1: the target
		Ext2:        offset,                                  // config2: the offset
		Sample_type: unix.PERF_SAMPLE_RAW,
		Sample:      1,
		Wakeup:      1,
	}
	if ret {
		attr.Config |= 1 << p.retprobeBit
	}
	return attr
}

// openKprobe opens the kprobe or kretprobe of an attach point.
func openKprobe(ap *types.AttachPoint) (int, error) {
	pmu, err := kprobePMU()
	if err != nil {
		return -1, err
	}
	fd, err := pmu.open(ap.Func, ap.Offset, ap.Kind == types.KretprobeProbe)
	switch {
	case err == nil:
		return fd, nil
	case errors.Is(err, unix.ENOENT), errors.Is(err, unix.EINVAL):
		return -1, fmt.Errorf("kernel function %s cannot be probed: it does not exist, was inlined or is marked notrace (%v)", ap.Func, err)
	case errors.Is(err, unix.EILSEQ):
		return -1, fmt.Errorf("offset %d is not at an instruction of %s (%v)", ap.Offset, ap.Func, err)
	case errors.Is(err, unix.EACCES), errors.Is(err, unix.EPERM):
		return -1, fmt.Errorf("perf_event_open: %w (CAP_PERFMON is needed)", err)
	}
	return -1, fmt.Errorf("perf_event_open: %w", err)
}
