package attach

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
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

// A Closer hands perf events to a process of their own, the closer, which
// holds a second reference to each, so that closing them here is quick
// and the kernel's slow teardown of each (unregistering a tracepoint
// waits out RCU grace periods: tens of milliseconds per event) happens in
// the closer, after this process has gone. The closer closes what it
// holds once the socket that feeds it closes: at Release, or when this
// process exits however it exits, SIGKILL included, since the kernel
// closes the socket then. Closing the closer's copies never runs a
// program: programs run through BPF links, which only this process holds,
// so they stop when it closes them or exits.
//
// The closer is this program's own executable (/proc/self/exe) started
// again with an environment variable that RunCloserIfAsked recognises: a
// program using a Closer must call RunCloserIfAsked first thing in main.
// It runs in a session of its own, so that signals from the terminal do
// not reach it, with /dev/null as standard input, output and error, so
// that a shell reading this process's output (`$(bpfscript ...)`) sees
// its end when this process exits.
//
// The zero value is ready to use; the closer process starts at the first
// Hold. Everything a Closer does is an optimisation: when the closer
// cannot start or has gone, Hold says so and the perf events simply close
// here, slowly. Its methods are safe for concurrent use.
type Closer struct {
	mu   sync.Mutex
	sock int       // this end of the socket to the closer, when cmd is not nil
	cmd  *exec.Cmd // the closer process; nil when none runs
	// links are those DetachAll detaches.
	links []Link
}

// Hold gives the closer a reference to the perf events of events. The
// caller still owns them and closes them as usual, or attaches them and
// closes their links; those closes are then quick. Hold starts the closer
// process if none runs. A nil Closer holds nothing.
func (c *Closer) Hold(events []*Event) error {
	if c == nil {
		return nil
	}
	var fds []int
	for _, e := range events {
		fds = append(fds, e.fds...)
	}
	if len(fds) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmd == nil {
		if err := c.start(); err != nil {
			return err
		}
	}
	if err := sendFDs(c.sock, fds); err != nil {
		// The closer has gone: it closed (or the kernel did) what it
		// had. What is still here closes here.
		c.stop()
		return fmt.Errorf("handing perf events to the closer process: %w", err)
	}
	return nil
}

// Track records links whose programs DetachAll must stop: the links
// made from the events handed to Hold. The caller still owns them.
func (c *Closer) Track(links []Link) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.links = append(c.links, links...)
}

// DetachAll detaches every link tracked, concurrently, for a process that
// is about to end without closing them: the kernel would otherwise close
// them one after another as the process exits, each waiting for an RCU
// grace period. It may run while the links' owner closes them.
func (c *Closer) DetachAll() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	links := c.links
	c.mu.Unlock()
	return DetachAll(links)
}

// Release lets the closer close what it holds and exit, and forgets the
// links tracked: their owner has closed them. A later Hold starts a new
// closer.
func (c *Closer) Release() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop()
	c.links = nil
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
