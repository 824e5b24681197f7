package measure

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// keepOutput is how much of a tracer's output a Proc keeps for error
// messages; the rest is read and dropped, so that the tracer never blocks
// on a full pipe.
const keepOutput = 64 << 10

// Proc is a tracer started by Launch.
type Proc struct {
	cmd     *exec.Cmd
	started time.Time

	attached chan struct{} // closed at the first line starting "Attach"
	attachAt time.Time
	exited   chan struct{} // closed when wait4 has returned
	exitAt   time.Time
	waitErr  error
	// releasedAt is when every kernel object was closed: at exit, or
	// later, when a closer process was left to close perf events.
	releasedAt time.Time
	signalAt   time.Time // when Stop sent its signal

	mu     sync.Mutex
	output bytes.Buffer
	lines  []string // every line, when Options.KeepLines
}

// Options adjust Launch.
type Options struct {
	// CPU pins the tracer (and every thread it makes) to one CPU; -1
	// leaves it free.
	CPU int
	// KeepLines keeps every output line for Lines.
	KeepLines bool
}

// Launch starts argv with its standard output and error on one pipe, which
// a goroutine reads line by line to timestamp the first line starting with
// "Attach". The clock for Since* starts just before fork.
func Launch(argv []string, opts Options) (*Proc, error) {
	if len(argv) == 0 {
		return nil, errors.New("empty command line")
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = pw, pw
	p := &Proc{cmd: cmd, attached: make(chan struct{}), exited: make(chan struct{})}
	p.started = time.Now()
	if err := startPinned(cmd, opts.CPU); err != nil {
		pr.Close()
		pw.Close()
		return nil, fmt.Errorf("starting %s: %w", argv[0], err)
	}
	pw.Close()
	go p.read(pr, opts.KeepLines)
	go func() {
		p.waitErr = cmd.Wait()
		p.exitAt = time.Now()
		close(p.exited)
	}()
	return p, nil
}

// startPinned starts cmd from a thread bound to cpu, so that the child
// inherits the affinity from fork. The thread is never unlocked: when the
// goroutine ends, the Go runtime ends the thread with it instead of reusing
// a thread with a narrowed affinity.
func startPinned(cmd *exec.Cmd, cpu int) error {
	if cpu < 0 {
		return cmd.Start()
	}
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.SchedSetaffinity(0, cpuSet(cpu)); err != nil {
			errc <- fmt.Errorf("pinning to CPU %d: %w", cpu, err)
			return
		}
		errc <- cmd.Start()
	}()
	return <-errc
}

func (p *Proc) read(r *os.File, keepLines bool) {
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	seen := false
	for sc.Scan() {
		line := sc.Text()
		if !seen && strings.HasPrefix(line, "Attach") {
			seen = true
			p.attachAt = time.Now()
			close(p.attached)
		}
		p.mu.Lock()
		if p.output.Len() < keepOutput {
			p.output.WriteString(line)
			p.output.WriteByte('\n')
		}
		if keepLines {
			p.lines = append(p.lines, line)
		}
		p.mu.Unlock()
	}
}

// Pid is the tracer's process id.
func (p *Proc) Pid() int { return p.cmd.Process.Pid }

// Output is the beginning of what the tracer wrote to stdout and stderr.
func (p *Proc) Output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.TrimSpace(p.output.String())
}

// Lines is every line the tracer wrote so far (Options.KeepLines).
func (p *Proc) Lines() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.lines...)
}

// AttachSeen reports, without waiting, whether the "Attach..." line has
// been read or the tracer has exited (WaitAttached then says which).
func (p *Proc) AttachSeen() bool {
	select {
	case <-p.attached:
		return true
	case <-p.exited:
		return true
	default:
		return false
	}
}

// WaitAttached waits for the "Attach..." line and returns the time from
// launch to reading it. It fails if the tracer exits first or timeout
// passes.
func (p *Proc) WaitAttached(timeout time.Duration) (time.Duration, error) {
	select {
	case <-p.attached:
		return p.attachAt.Sub(p.started), nil
	case <-p.exited:
		// The line and the exit can race: prefer the line.
		select {
		case <-p.attached:
			return p.attachAt.Sub(p.started), nil
		default:
		}
		return 0, fmt.Errorf("exited before attaching (%v): %s", p.waitErr, firstLines(p.Output(), 4))
	case <-time.After(timeout):
		return 0, fmt.Errorf("no \"Attach\" line within %v", timeout)
	}
}

// Wait waits for the tracer to exit by itself and returns the time from
// launch to exit (wait4 returning). A non-zero exit status is an error.
func (p *Proc) Wait(timeout time.Duration) (time.Duration, error) {
	select {
	case <-p.exited:
	case <-time.After(timeout):
		p.Kill()
		return 0, fmt.Errorf("still running after %v: killed", timeout)
	}
	if p.waitErr != nil {
		return 0, fmt.Errorf("%v: %s", p.waitErr, firstLines(p.Output(), 4))
	}
	if err := p.awaitRelease(); err != nil {
		return 0, err
	}
	return p.exitAt.Sub(p.started), nil
}

// awaitRelease waits, after the tracer has exited, for any closer process
// it left to finish, and notes when.
func (p *Proc) awaitRelease() error {
	at, err := waitClosers(2 * time.Minute)
	p.releasedAt = at
	return err
}

// Released is the time from Stop's signal to every kernel object of the
// tracer being closed: to its exit, or to the end of the closer process
// it left behind.
func (p *Proc) Released() time.Duration { return p.releasedAt.Sub(p.signalAt) }

// Stop sends sig and returns the time from sending it to the process being
// gone (wait4 returning). It returns once any closer process the tracer
// left has finished too (see Released).
func (p *Proc) Stop(sig syscall.Signal, timeout time.Duration) (time.Duration, error) {
	sent := time.Now()
	p.signalAt = sent
	if err := p.cmd.Process.Signal(sig); err != nil {
		return 0, err
	}
	select {
	case <-p.exited:
	case <-time.After(timeout):
		p.Kill()
		return 0, fmt.Errorf("still running %v after %v: killed", timeout, sig)
	}
	if p.waitErr != nil {
		return 0, fmt.Errorf("after %v: %v: %s", sig, p.waitErr, firstLines(p.Output(), 4))
	}
	if err := p.awaitRelease(); err != nil {
		return 0, err
	}
	return p.exitAt.Sub(sent), nil
}

// Exited returns an error with the beginning of the tracer's output if it
// has exited, nil while it runs.
func (p *Proc) Exited() error {
	select {
	case <-p.exited:
		return fmt.Errorf("exited (%v): %s", p.waitErr, firstLines(p.Output(), 4))
	default:
		return nil
	}
}

// Kill ends the tracer with SIGKILL if it is still running and waits for it.
func (p *Proc) Kill() {
	select {
	case <-p.exited:
		return
	default:
	}
	p.cmd.Process.Kill()
	<-p.exited
	p.awaitRelease()
}

// MaxRSS is the tracer's peak resident set in bytes, from wait4's rusage;
// it is known once the tracer has exited.
func (p *Proc) MaxRSS() (int64, error) {
	select {
	case <-p.exited:
	default:
		return 0, errors.New("still running")
	}
	ru, ok := p.cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, errors.New("no rusage")
	}
	return ru.Maxrss << 10, nil
}

// CPUTime is the user and system CPU time the tracer used, from wait4's
// rusage; it is known once the tracer has exited.
func (p *Proc) CPUTime() (time.Duration, error) {
	select {
	case <-p.exited:
	default:
		return 0, errors.New("still running")
	}
	return p.cmd.ProcessState.UserTime() + p.cmd.ProcessState.SystemTime(), nil
}

// Since is the time from launch to now.
func (p *Proc) Since() time.Duration { return time.Since(p.started) }

// Memory is a running tracer's peak and current resident set in bytes,
// from /proc/PID/status (VmHWM and VmRSS).
func (p *Proc) Memory() (peak, current int64, err error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.Pid()))
	if err != nil {
		return 0, 0, err
	}
	return parseStatusMemory(string(data))
}

// parseStatusMemory reads VmHWM and VmRSS (in kB) out of a
// /proc/PID/status text.
func parseStatusMemory(status string) (peak, current int64, err error) {
	found := 0
	for _, line := range strings.Split(status, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || (name != "VmHWM" && name != "VmRSS") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", name, err)
		}
		if name == "VmHWM" {
			peak = kb << 10
		} else {
			current = kb << 10
		}
		found++
	}
	if found != 2 {
		return 0, 0, errors.New("no VmHWM and VmRSS in status")
	}
	return peak, current, nil
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}
