package attach

import (
	"errors"
	"os"
	"path/filepath"
	"sync"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

// Kprobe and kretprobe programs run for a kprobe on one kernel function,
// which cilium/ebpf's link.Kprobe creates (through the kprobe PMU, or
// kprobe_events on old kernels) together with the BPF link that carries
// the cookie. Opening only checks that the kernel has kprobes at all, so
// that a kernel without them fails before any begin probe runs, with an
// error that says so.
func init() {
	for _, k := range []types.ProbeKind{types.KprobeProbe, types.KretprobeProbe} {
		register(k, &provider{
			programType: ebpf.Kprobe,
			attachType:  ebpf.AttachNone,
			open: func(*types.AttachPoint) ([]int, error) {
				return nil, KprobeSupport()
			},
			attach: attachKprobe,
		})
	}
}

// ErrNoKprobes says the running kernel was built without kprobes.
var ErrNoKprobes = errors.New("the running kernel does not support kprobes (no kprobe PMU in /sys/bus/event_source/devices and no kprobe_events in tracefs: it was built without CONFIG_KPROBES)")

// kprobePMU is the perf event source of kprobes (Linux 4.17+); tracefs'
// kprobe_events is the older interface. A kernel with kprobes has one.
const kprobePMU = "/sys/bus/event_source/devices/kprobe"

// KprobeSupport returns nil when the running kernel has kprobes, and
// ErrNoKprobes when it has neither interface to them. The answer is
// worked out once.
func KprobeSupport() error { return kprobeSupport() }

var kprobeSupport = sync.OnceValue(func() error {
	root, err := tracefs.Mount()
	if err != nil {
		root = ""
	}
	return kprobeSupportAt(kprobePMU, root)
})

// kprobeSupportAt says whether the kprobe PMU directory pmu or
// kprobe_events in the tracefs tree at root ("" for none) exists.
func kprobeSupportAt(pmu, root string) error {
	if _, err := os.Stat(pmu); err == nil {
		return nil
	}
	if root != "" {
		if _, err := os.Stat(filepath.Join(root, "kprobe_events")); err == nil {
			return nil
		}
	}
	return ErrNoKprobes
}

// attachKprobe attaches prog to the function of a kprobe or kretprobe
// attach point, with cookie as what bpf_get_attach_cookie returns.
func attachKprobe(prog *ebpf.Program, ap *types.AttachPoint, cookie uint64) (Link, error) {
	if err := KprobeSupport(); err != nil {
		return nil, err
	}
	opts := &link.KprobeOptions{Cookie: cookie, Offset: ap.Offset}
	var l link.Link
	var err error
	if ap.Kind == types.KretprobeProbe {
		l, err = link.Kretprobe(ap.Func, prog, opts)
	} else {
		l, err = link.Kprobe(ap.Func, prog, opts)
	}
	if err != nil {
		return nil, err
	}
	return kprobeLink(l), nil
}

// kprobeLink holds the kprobe's perf event apart from the link, as the
// other kinds' links do, when the link is a BPF link: Detach then stops
// the program at once and Close releases the perf event (unregistering a
// kprobe waits out RCU grace periods), which a Closer may hand to its
// closer process. Otherwise closing the link does both.
func kprobeLink(l link.Link) Link {
	pe, ok := l.(link.PerfEvent)
	if !ok {
		return &ownLink{link: l}
	}
	if _, err := l.Info(); err != nil {
		// Attached by ioctl, without a BPF link: only closing the perf
		// event stops the program.
		return &ownLink{link: l}
	}
	f, err := pe.PerfEvent()
	if err != nil {
		return &ownLink{link: l}
	}
	fd, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 0)
	f.Close()
	if err != nil {
		return &ownLink{link: l}
	}
	return &perfEventLink{fd: fd, link: l}
}

// ownLink is a link made by cilium/ebpf whose perf event cannot be held
// apart: closing it both stops the program and releases the event, so
// Detach closes it.
// Its methods are safe for concurrent use and may be called more than once.
type ownLink struct {
	mu   sync.Mutex
	link link.Link
}

func (l *ownLink) Detach() error { return l.Close() }

func (l *ownLink) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.link == nil {
		return nil
	}
	err := l.link.Close()
	l.link = nil
	return err
}
