package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEveryEventDeliveredOrCounted floods the ring buffer from two threads
// and checks that each event is either in the output or counted in a
// "Lost N events" line: nothing disappears silently.
func TestEveryEventDeliveredOrCounted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	const threads, calls = 2, 200000
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { printf("%d %s %s\n", tid, comm, comm); }`,
		"getppid "+strconv.Itoa(threads)+" "+strconv.Itoa(calls), "-o", out)
	if r.code != 0 {
		t.Fatalf("exit code %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(data), "\n")
	lost := 0
	for _, m := range regexp.MustCompile(`(?m)^Lost (\d+) events$`).FindAllStringSubmatch(r.stderr, -1) {
		n, _ := strconv.Atoi(m[1])
		lost += n
	}
	if lines+lost != threads*calls {
		t.Errorf("%d lines + %d lost = %d, want %d events; stderr:\n%s", lines, lost, lines+lost, threads*calls, r.stderr)
	}
	t.Logf("%d events delivered, %d lost", lines, lost)
}

// TestSignalDuringStorm checks that under a storm of events, faster than
// they can be printed, bpfscript's memory stays bounded and SIGINT still
// stops it promptly.
func TestSignalDuringStorm(t *testing.T) {
	s := startWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { printf("%d %s\n", tid, comm); }`,
		"getppid 2 50000000", "-o", os.DevNull)
	s.resume()
	time.Sleep(300 * time.Millisecond)
	early := rssKB(t, s.cmd.Process.Pid)
	time.Sleep(1500 * time.Millisecond)
	late := rssKB(t, s.cmd.Process.Pid)
	if late > 150*1024 || late > early+32*1024 {
		t.Errorf("resident memory grew from %d KiB to %d KiB under load", early, late)
	}
	start := time.Now()
	r := s.stop(syscall.SIGINT)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("bpfscript took %v to stop under load", d)
	}
	if r.code != 0 {
		t.Errorf("exit code %d: %s", r.code, r.stderr)
	}
}

// TestFullMapReported fills a map past its 4096 entries and expects one
// warning naming it.
func TestFullMapReported(t *testing.T) {
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @keys[rand] = count(); }`, "getppid 1 20000")
	warning := "WARNING: map @keys is full (4096 entries): updates with new keys are dropped\n"
	if n := strings.Count(r.stderr, warning); n != 1 {
		t.Errorf("stderr has the warning %d times, want once:\n%s", n, r.stderr)
	}
	if n := strings.Count(r.stdout, "@keys["); n != 4096 {
		t.Errorf("printed %d entries, want 4096", n)
	}
}

// rssKB reads a process's resident set size.
func rssKB(t *testing.T, pid int) int {
	t.Helper()
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		t.Fatalf("no VmRSS in %s", status)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
