package attach

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// closerEnv, set to "1" in its environment, makes a binary a closer
// process: RunCloserIfAsked then serves and exits.
const closerEnv = "BPFSCRIPT_PERF_EVENT_CLOSER"

// closerSocketFD is where the closer process finds its end of the socket.
const closerSocketFD = 3

// maxFDsPerMessage is SCM_MAX_FD, the most descriptors one message carries.
const maxFDsPerMessage = 253

// closerWorkers is how many perf events a closer process closes at once.
// The kernel serialises most of a tracepoint's unregistering under its
// event_mutex, so more threads would only wait there.
const closerWorkers = 32

// A Closer makes ending a run quick. Closing a tracepoint's perf event
// makes the kernel unregister it and wait out RCU grace periods: tens of
// milliseconds per event, one event after another, whether the process
// closes it or the kernel does as the process exits. HandOff gives a
// second reference to every perf event of the links tracked to a process
// of its own, the closer; this process's closes are then quick, and the
// slow ones happen in the closer once this process has let go (at
// Release, or when this process exits however it exits, since the socket
// to the closer closes then). The programs do not wait for that: they run
// through BPF links, which only this process holds and HandOff detaches
// first.
//
// The closer is this program's own executable (/proc/self/exe) started
// again with an environment variable that RunCloserIfAsked recognises: a
// program using a Closer must call RunCloserIfAsked first thing in main.
// It runs in a session of its own, so that signals from the terminal do
// not reach it, with /dev/null as standard input, output and error, so
// that a shell reading this process's output (`$(bpfscript ...)`) sees
// its end when this process exits. It waits for nothing but the socket,
// so it cannot outlive this process by more than its closes take.
//
// Everything a Closer does is an optimisation: when the closer cannot
// start, HandOff says so and the perf events simply close here, slowly.
// The zero value is ready to use; its methods are safe for concurrent
// use, and a nil Closer does nothing.
type Closer struct {
	mu     sync.Mutex
	links  []Link    // the links tracked
	handed bool      // their perf events are the closer's too
	sock   int       // this end of the socket to the closer, when cmd is not nil
	cmd    *exec.Cmd // the closer process; nil when none runs
}

// Track records links that HandOff detaches and whose perf events it
// hands over. The caller still owns them and closes them as usual.
func (c *Closer) Track(links []Link) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.links = append(c.links, links...)
}

// Untrack forgets links closed otherwise (a program detached from a
// session that goes on).
func (c *Closer) Untrack(links []Link) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.links = slices.DeleteFunc(c.links, func(l Link) bool { return slices.Contains(links, l) })
}

// HandOff detaches every link tracked, concurrently, so that no program
// runs any more, and then gives a reference to each of their perf events
// to a closer process, started now; closing the links is then quick. It
// may run while the links' owner closes them, as when a process ends in a
// hurry from a signal handler, and more than once: the perf events are
// handed over once.
func (c *Closer) HandOff() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	detachErr := DetachAll(c.links)
	if c.handed {
		return detachErr
	}
	c.handed = true
	fds := dupPerfEvents(nil, c.links)
	// Once sent, the copies are the closer's: closing ours is quick.
	defer closeFDs(fds)
	if len(fds) == 0 {
		return detachErr
	}
	if err := c.start(); err != nil {
		return errors.Join(detachErr, err)
	}
	if err := sendFDs(c.sock, fds); err != nil {
		c.stop()
		return errors.Join(detachErr, fmt.Errorf("handing perf events to the closer process: %w", err))
	}
	return detachErr
}

// Release lets the closer close what it holds and exit, and forgets the
// links tracked: their owner has closed them.
func (c *Closer) Release() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop()
	c.links, c.handed = nil, false
}

// pid is the closer process's, or 0 when none runs.
func (c *Closer) pid() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmd == nil {
		return 0
	}
	return c.cmd.Process.Pid
}

// dupPerfEvents appends a copy of each perf event the links hold. Copies,
// made under each link's lock, stay valid whatever the links' owner does
// meanwhile.
func dupPerfEvents(fds []int, links []Link) []int {
	for _, l := range links {
		switch l := l.(type) {
		case *perfEventLink:
			l.mu.Lock()
			if l.fd >= 0 {
				if fd, err := unix.FcntlInt(uintptr(l.fd), unix.F_DUPFD_CLOEXEC, 0); err == nil {
					fds = append(fds, fd)
				}
			}
			l.mu.Unlock()
		case multiLink:
			fds = dupPerfEvents(fds, l)
		}
	}
	return fds
}

// start starts the closer process with a socket to it.
func (c *Closer) start() error {
	// SOCK_SEQPACKET keeps each message's descriptors with it and reports
	// the peer's close as a zero-length read.
	pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("starting the closer process: %w", err)
	}
	theirs := os.NewFile(uintptr(pair[1]), "closer")
	defer theirs.Close()
	cmd := &exec.Cmd{
		Path:       "/proc/self/exe",
		Args:       []string{"bpfscript-closer"},
		Env:        []string{closerEnv + "=1"},
		ExtraFiles: []*os.File{theirs}, // closerSocketFD
		// Stdin, Stdout and Stderr nil: /dev/null.
		SysProcAttr: &syscall.SysProcAttr{Setsid: true},
	}
	if err := cmd.Start(); err != nil {
		unix.Close(pair[0])
		return fmt.Errorf("starting the closer process: %w", err)
	}
	// Reap the closer when it exits before this process does.
	go cmd.Wait()
	c.sock, c.cmd = pair[0], cmd
	return nil
}

// stop closes the socket: the closer closes what it holds and exits.
func (c *Closer) stop() {
	if c.cmd != nil {
		unix.Close(c.sock)
		c.cmd = nil
	}
}

// sendFDs sends fds over sock, as many as fit in each message. The kernel
// takes its references when each message is sent, whether or not the
// closer has read it yet.
func sendFDs(sock int, fds []int) error {
	for len(fds) > 0 {
		n := min(len(fds), maxFDsPerMessage)
		err := unix.Sendmsg(sock, []byte{0}, unix.UnixRights(fds[:n]...), nil, unix.MSG_NOSIGNAL)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return err
		}
		fds = fds[n:]
	}
	return nil
}

// RunCloserIfAsked makes this process the closer process when a Closer
// started it, and then never returns; otherwise it returns at once. Call
// it first thing in main, before anything that could take time or print.
func RunCloserIfAsked() {
	if os.Getenv(closerEnv) != "1" {
		return
	}
	os.Exit(serveCloser(closerSocketFD))
}

// serveCloser receives perf events on sock until the other end closes,
// then closes them all and returns the exit status.
func serveCloser(sock int) int {
	var held []int
	buf := make([]byte, 1)
	oob := make([]byte, unix.CmsgSpace(maxFDsPerMessage*4))
	status := 0
	for {
		n, oobn, _, _, err := unix.Recvmsg(sock, buf, oob, unix.MSG_CMSG_CLOEXEC)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			// Started by hand, with the variable set: say why nothing
			// happens (a closer's stderr is /dev/null).
			fmt.Fprintf(os.Stderr, "bpfscript-closer: %s is set but descriptor %d is not a closer's socket: %v\n", closerEnv, sock, err)
			status = 1
			break
		}
		if n == 0 && oobn == 0 {
			break // the other end closed
		}
		msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
		if err != nil {
			continue
		}
		for _, m := range msgs {
			if fds, err := unix.ParseUnixRights(&m); err == nil {
				held = append(held, fds...)
			}
		}
	}
	unix.Close(sock)
	closeConcurrently(held)
	return status
}

// closeConcurrently closes fds from closerWorkers threads at once.
func closeConcurrently(fds []int) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(closerWorkers, len(fds)) {
		wg.Go(func() {
			for fd := range work {
				unix.Close(fd)
			}
		})
	}
	for _, fd := range fds {
		work <- fd
	}
	close(work)
	wg.Wait()
}
