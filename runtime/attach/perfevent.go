package attach

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// perfEventLink is one perf event with a program attached.
type perfEventLink struct {
	fd   int
	link *link.RawLink // nil when attached with ioctls (kernels before 5.15)
}

// Detach closes the BPF link (fast: the program stops running) or, for an
// ioctl attachment, disables the event. The perf event itself stays open.
func (l *perfEventLink) Detach() error {
	if l.fd < 0 {
		return nil
	}
	if l.link != nil {
		err := l.link.Close()
		l.link = nil
		return err
	}
	return unix.IoctlSetInt(l.fd, unix.PERF_EVENT_IOC_DISABLE, 0)
}

func (l *perfEventLink) Close() error {
	if l.fd < 0 {
		return nil
	}
	var linkErr error
	if l.link != nil {
		linkErr = l.link.Close()
	}
	// Closing the perf event also detaches an ioctl-attached program.
	closeErr := unix.Close(l.fd)
	l.fd, l.link = -1, nil
	return errors.Join(linkErr, closeErr)
}

// multiLink is an attachment made of several, such as one perf event per
// CPU for a profile probe.
type multiLink []Link

func (l *multiLink) Detach() error { return DetachAll(*l) }

func (l *multiLink) Close() error {
	links := *l
	*l = nil
	return CloseAll(links)
}

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

// attachToPerfEvent attaches prog to the perf event fd, taking ownership of
// fd: it is closed on failure and by the returned link's Close.
func attachToPerfEvent(prog *ebpf.Program, fd int) (*perfEventLink, error) {
	raw, err := link.AttachRawLink(link.RawLinkOptions{Target: fd, Program: prog, Attach: ebpf.AttachPerfEvent})
	if err == nil {
		return &perfEventLink{fd: fd, link: raw}, nil
	}
	if !errors.Is(err, ebpf.ErrNotSupported) && !errors.Is(err, unix.EINVAL) {
		_ = unix.Close(fd)
		return nil, attachError(err)
	}
	// Kernels before 5.15 have no BPF links for perf events: fall back to
	// the ioctls, which the perf event's release undoes.
	if err := unix.IoctlSetInt(fd, unix.PERF_EVENT_IOC_SET_BPF, prog.FD()); err != nil {
		_ = unix.Close(fd)
		return nil, attachError(err)
	}
	if err := unix.IoctlSetInt(fd, unix.PERF_EVENT_IOC_ENABLE, 0); err != nil {
		_ = unix.Close(fd)
		return nil, fmt.Errorf("enabling the perf event: %w", err)
	}
	return &perfEventLink{fd: fd}, nil
}

func attachError(err error) error {
	if errors.Is(err, unix.EEXIST) {
		// A tracepoint's program list refuses duplicates.
		return errors.New("the program is already attached there")
	}
	return fmt.Errorf("attaching the program to its perf event: %w", err)
}
