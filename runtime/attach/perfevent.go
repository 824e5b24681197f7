package attach

import (
	"errors"
	"fmt"
	goruntime "runtime"
	"sync"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// perfEventLink is one perf event with a program attached by a BPF link.
// Its methods are safe for concurrent use: a process ending in a hurry
// detaches from one goroutine what the run is closing from another.
type perfEventLink struct {
	mu     sync.Mutex
	fd     int
	linkFD int // the BPF link; -1 once closed
}

// Detach closes the BPF link (fast: the program stops running). The perf
// event itself stays open.
func (l *perfEventLink) Detach() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.detach()
}

func (l *perfEventLink) detach() error {
	if l.linkFD < 0 {
		return nil
	}
	err := unix.Close(l.linkFD)
	l.linkFD = -1
	return err
}

func (l *perfEventLink) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fd < 0 {
		return nil
	}
	linkErr := l.detach()
	closeErr := unix.Close(l.fd)
	l.fd = -1
	return errors.Join(linkErr, closeErr)
}

// multiLink is an attachment made of several, such as one perf event per
// CPU for a profile probe. Its parts are closed once, however often it is.
type multiLink []Link

func (l multiLink) Detach() error { return DetachAll(l) }

func (l multiLink) Close() error { return CloseAll(l) }

// openPerfEvent opens a perf event for all processes on cpu.
func openPerfEvent(attr *unix.PerfEventAttr, cpu int) (int, error) {
	fd, err := unix.PerfEventOpen(attr, -1, cpu, -1, unix.PERF_FLAG_FD_CLOEXEC)
	if err != nil {
		return -1, perfOpenError(cpu, err)
	}
	return fd, nil
}

// anyCPU is the CPU to open a perf event on whose CPU does not matter, as
// a tracepoint's or a kprobe's, whose program runs on every CPU: the one
// this thread runs on. The kernel installs an event bound to a CPU on that
// CPU, with an interrupt to it from any other, which on a virtual machine
// costs tens of microseconds per event; a thread moved meanwhile pays that
// once.
func anyCPU() int {
	var cpu uint32
	if _, _, errno := unix.RawSyscall(unix.SYS_GETCPU, uintptr(unsafe.Pointer(&cpu)), 0, 0); errno != 0 {
		return 0
	}
	return int(cpu)
}

// perfOpenError explains a perf_event_open failure, telling a kernel
// without perf events (or without this kind of event) apart from a refusal.
func perfOpenError(cpu int, err error) error {
	switch {
	case errors.Is(err, unix.ENOENT), errors.Is(err, unix.ENODEV), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.ENOSYS):
		return fmt.Errorf("the running kernel does not support perf events (perf_event_open on CPU %d: %v)", cpu, err)
	case errors.Is(err, unix.EACCES), errors.Is(err, unix.EPERM):
		return fmt.Errorf("perf_event_open on CPU %d: %w (CAP_PERFMON is needed)", cpu, err)
	}
	return fmt.Errorf("perf_event_open on CPU %d: %w", cpu, err)
}

// attachToPerfEvent attaches prog to the perf event fd with a BPF link
// carrying cookie, taking ownership of fd: it is closed on failure and by
// the returned link's Close. start starts an event opened stopped.
func attachToPerfEvent(prog *ebpf.Program, fd int, cookie uint64, start bool) (*perfEventLink, error) {
	linkFD, err := linkPerfEvent(prog, fd, cookie)
	if err == nil && start {
		if err = unix.IoctlSetInt(fd, unix.PERF_EVENT_IOC_ENABLE, 0); err != nil {
			_ = unix.Close(linkFD)
			err = fmt.Errorf("starting the perf event: %w", err)
		}
	}
	if err != nil {
		_ = unix.Close(fd)
		if errors.Is(err, unix.EINVAL) {
			return nil, fmt.Errorf("linking the program to its perf event: %w (BPF links for perf events need Linux 5.15 or later)", err)
		}
		return nil, attachError(err)
	}
	return &perfEventLink{fd: fd, linkFD: linkFD}, nil
}

// linkCreatePerfEvent is bpf(2)'s attribute for BPF_LINK_CREATE with a
// perf event target (union bpf_attr, link_create).
type linkCreatePerfEvent struct {
	progFD     uint32
	targetFD   uint32
	attachType uint32
	flags      uint32
	cookie     uint64 // perf_event.bpf_cookie
}

// linkPerfEvent creates the BPF link that runs prog for the perf event fd,
// with the cookie bpf_get_attach_cookie returns in the program (the
// probe's id: programs alike are shared between probes). cilium/ebpf
// links perf events with cookies only inside link.Tracepoint and
// link.Kprobe, which open their own events, so this is the one bpf(2)
// call made directly. The link's descriptor is all there is to keep:
// closing it detaches (wrapping it in a cilium/ebpf link would cost a
// system call per probe to ask the kernel what kind of link it is).
func linkPerfEvent(prog *ebpf.Program, fd int, cookie uint64) (int, error) {
	attr := linkCreatePerfEvent{
		progFD:     uint32(prog.FD()),
		targetFD:   uint32(fd),
		attachType: unix.BPF_PERF_EVENT,
		cookie:     cookie,
	}
	r, _, errno := unix.Syscall(unix.SYS_BPF, unix.BPF_LINK_CREATE, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
	goruntime.KeepAlive(prog)
	if errno != 0 {
		return -1, errno
	}
	return int(r), nil
}

func attachError(err error) error {
	if errors.Is(err, unix.EEXIST) {
		// A tracepoint's program list refuses duplicates.
		return errors.New("the program is already attached there")
	}
	return fmt.Errorf("attaching the program to its perf event: %w", err)
}
