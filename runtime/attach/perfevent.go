package attach

import (
	"errors"
	"fmt"
	goruntime "runtime"
	"sync"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// perfEventLink is one perf event with a program attached by a BPF link.
// Its methods are safe for concurrent use: a process ending in a hurry
// detaches from one goroutine what the run is closing from another.
type perfEventLink struct {
	mu   sync.Mutex
	fd   int
	link link.Link
}

// Detach closes the BPF link (fast: the program stops running). The perf
// event itself stays open.
func (l *perfEventLink) Detach() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.detach()
}

func (l *perfEventLink) detach() error {
	if l.link == nil {
		return nil
	}
	err := l.link.Close()
	l.link = nil
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
// the returned link's Close.
func attachToPerfEvent(prog *ebpf.Program, fd int, cookie uint64) (*perfEventLink, error) {
	l, err := linkPerfEvent(prog, fd, cookie)
	if err == nil {
		// Start an event opened stopped (a timer); others are running
		// already, and enabling them again does nothing.
		if err = unix.IoctlSetInt(fd, unix.PERF_EVENT_IOC_ENABLE, 0); err != nil {
			l.Close()
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
	return &perfEventLink{fd: fd, link: l}, nil
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
// call made directly; the link is then handed to cilium/ebpf.
func linkPerfEvent(prog *ebpf.Program, fd int, cookie uint64) (link.Link, error) {
	attr := linkCreatePerfEvent{
		progFD:     uint32(prog.FD()),
		targetFD:   uint32(fd),
		attachType: unix.BPF_PERF_EVENT,
		cookie:     cookie,
	}
	r, _, errno := unix.Syscall(unix.SYS_BPF, unix.BPF_LINK_CREATE, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
	goruntime.KeepAlive(prog)
	if errno != 0 {
		return nil, errno
	}
	l, err := link.NewFromFD(int(r))
	if err != nil {
		_ = unix.Close(int(r))
		return nil, err
	}
	return l, nil
}

func attachError(err error) error {
	if errors.Is(err, unix.EEXIST) {
		// A tracepoint's program list refuses duplicates.
		return errors.New("the program is already attached there")
	}
	return fmt.Errorf("attaching the program to its perf event: %w", err)
}
