package measure

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// closerName is the command name of the process bpfscript leaves behind
// to close its perf events after it has exited (attach.Closer): the kernel
// takes tens of milliseconds per tracepoint to unregister it.
const closerName = "bpfscript-closer"

// closersRunning lists the closer processes running, zombies aside.
func closersRunning() []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.HasPrefix(cmdline, []byte(closerName+"\x00")) {
			continue
		}
		if stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat")); err == nil {
			if i := bytes.LastIndexByte(stat, ')'); i > 0 && len(stat) > i+2 && stat[i+2] == 'Z' {
				continue
			}
		}
		pids = append(pids, pid)
	}
	return pids
}

// waitClosers waits until no closer process runs and returns when that
// was. The next measurement must not share the kernel with one: the
// kernel serialises unregistering tracepoints with registering them. It
// waits on pidfds rather than polling /proc, which would grow this
// process's heap, and with it the peak RSS the kernel reports for the
// next tracer it starts (a child started with vfork inherits its parent's
// high-water mark at exec).
func waitClosers(timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for _, pid := range closersRunning() {
		fd, err := unix.PidfdOpen(pid, 0)
		if err != nil {
			continue // gone already
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		for {
			n, err := unix.Poll(fds, int(time.Until(deadline).Milliseconds()))
			if errors.Is(err, unix.EINTR) {
				continue
			}
			unix.Close(fd)
			if err != nil {
				return time.Now(), err
			}
			if n == 0 {
				return time.Now(), fmt.Errorf("closer process %d still running after %v", pid, timeout)
			}
			break
		}
	}
	return time.Now(), nil
}

// PerfEvents counts the perf events the tracer holds: one per tracepoint
// it has attached, for either tool.
func (p *Proc) PerfEvents() int {
	dir := fmt.Sprintf("/proc/%d/fd", p.Pid())
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if target, _ := os.Readlink(filepath.Join(dir, e.Name())); target == "anon_inode:[perf_event]" {
			n++
		}
	}
	return n
}
