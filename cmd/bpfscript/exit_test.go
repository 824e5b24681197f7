package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests check that ending a run waits for nothing in the kernel:
// bpfscript detaches its probes, prints its maps and exits, and a closer
// process (attach.Closer) closes the perf events, which takes the kernel
// tens of milliseconds each, afterwards.

// closersLeft returns a function listing the closer processes of the
// bpfscript under test that are still running, with the perf events each
// holds. Tests run one at a time, so those are the current test's, or
// those of a test just before it, which must go too.
func closersLeft(t *testing.T) func() []string {
	t.Helper()
	exe, err := filepath.EvalSymlinks(bin)
	if err != nil {
		t.Fatal(err)
	}
	return func() []string {
		var left []string
		procs, _ := os.ReadDir("/proc")
		for _, p := range procs {
			pid, err := strconv.Atoi(p.Name())
			if err != nil {
				continue
			}
			dir := filepath.Join("/proc", p.Name())
			cmdline, _ := os.ReadFile(filepath.Join(dir, "cmdline"))
			if path, _ := os.Readlink(filepath.Join(dir, "exe")); path != exe || !strings.HasPrefix(string(cmdline), "bpfscript-closer\x00") || zombie(pid) {
				continue
			}
			left = append(left, fmt.Sprintf("closer process %d holding %d perf events", pid, perfEventsOf(pid)))
		}
		return left
	}
}

// zombie says whether process pid has exited but not been reaped (the
// closer's new parent may be slow to reap it).
func zombie(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(stat), ')')
	return i > 0 && len(stat) > i+2 && stat[i+2] == 'Z'
}

// perfEventsOf counts the perf events process pid holds.
func perfEventsOf(pid int) int {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if target, _ := os.Readlink(filepath.Join(dir, e.Name())); target == "anon_inode:[perf_event]" {
			n++
		}
	}
	return n
}

// TestManyProbesExitQuickly stops a run of every syscall exit tracepoint
// (about 360): closing their perf events takes the kernel over ten
// seconds, which used to pass in silence before the shell's prompt came
// back. Now the maps print, the process goes at once, and the perf events
// go later, in the closer.
func TestManyProbesExitQuickly(t *testing.T) {
	s := startRun(t, "-e", "tracepoint:syscalls:sys_exit_* { @[probe] = count(); }")
	owned := bpfObjectsOf(t, s.cmd.Process.Pid)
	if len(owned.links) < 300 {
		t.Fatalf("bpfscript holds %d links, want one per syscall exit tracepoint", len(owned.links))
	}
	start := time.Now()
	r := s.stop(syscall.SIGINT)
	// The harness reads stdout to its end: a closer holding it would
	// keep this waiting too.
	gone := time.Since(start)
	if r.code != 0 || !strings.Contains(r.stdout, "@[tracepoint:syscalls:sys_exit_") {
		t.Fatalf("exit code %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if gone > 3*time.Second {
		t.Errorf("SIGINT to process gone took %v with %d probes, want well under 3s", gone, len(owned.links))
	}
	if left := owned.linksLeft(); len(left) > 0 {
		t.Errorf("%d links left attached after the process had gone", len(left))
	}
	waitGone(t, owned.remaining)
	// The kernel unregisters the tracepoints one after another.
	waitGoneWithin(t, time.Minute, closersLeft(t))
}

// TestSecondSignalEndsAtOnce blocks a run on writing its output (nobody
// reads it): the first signal cannot end it then, since the run is stuck
// in write(2), but the second ends the process, killed by that signal,
// with every probe detached.
func TestSecondSignalEndsAtOnce(t *testing.T) {
	script := `tracepoint:syscalls:sys_enter_getppid { @cl_sig = count(); }
interval:ms:1 { printf("%s\n", "` + strings.Repeat("x", 200) + `"); }`
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			before := currentSystemState(t)
			// A pipe nobody reads: once its 64 KiB are full, the run
			// blocks writing.
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer pr.Close()
			cmd := exec.Command(bin, "-e", script, "-c", "sleep 1000")
			cmd.Stdout = pw
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pw.Close()
			defer cmd.Process.Kill()
			sc := bufio.NewScanner(stderr)
			if !sc.Scan() || !strings.HasPrefix(sc.Text(), "Attached ") {
				t.Fatalf("bpfscript did not attach: %q", sc.Text())
			}
			go func() {
				for sc.Scan() {
				}
			}()
			owned := bpfObjectsOf(t, cmd.Process.Pid)
			child := childOf(t, cmd.Process.Pid)
			// A millisecond interval fills 64 KiB in a third of a second.
			time.Sleep(time.Second)
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()

			cmd.Process.Signal(sig)
			select {
			case err := <-exited:
				t.Fatalf("the first signal ended a run blocked on its output (%v): the test shows nothing", err)
			case <-time.After(300 * time.Millisecond):
			}
			start := time.Now()
			cmd.Process.Signal(sig)
			var err2 error
			select {
			case err2 = <-exited:
			case <-time.After(10 * time.Second):
				t.Fatal("the second signal did not end the run")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("the second signal took %v to end the run", d)
			}
			var ee *exec.ExitError
			if !errors.As(err2, &ee) {
				t.Fatalf("bpfscript ended with %v, want it killed by %v", err2, sig)
			}
			if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("bpfscript ended with %v, want it killed by %v", ws, sig)
			}
			if left := owned.linksLeft(); len(left) > 0 {
				t.Errorf("left attached after the process had gone:\n%s", strings.Join(left, "\n"))
			}
			// The -c command goes with the run, as after exit().
			waitGone(t, func() []string {
				if err := syscall.Kill(child, 0); err == nil && !zombie(child) {
					return []string{fmt.Sprintf("the -c command, process %d", child)}
				}
				return nil
			})
			waitGone(t, owned.remaining)
			waitGone(t, closersLeft(t))
			currentSystemState(t).check(t, before)
		})
	}
}

// childOf returns the pid of the one child of process pid.
func childOf(t *testing.T, pid int) int {
	t.Helper()
	var children []int
	// The -c command is a child of the thread that started it.
	tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, task := range tasks {
		text, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", pid, task.Name()))
		for _, f := range strings.Fields(string(text)) {
			if n, err := strconv.Atoi(f); err == nil {
				children = append(children, n)
			}
		}
	}
	if len(children) != 1 {
		t.Fatalf("process %d has children %v, want the -c command alone", pid, children)
	}
	return children[0]
}
