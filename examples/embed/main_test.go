package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// build builds the example into a temporary directory.
func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "embed")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestEmbedRuns builds the example and runs it for a couple of seconds:
// it prints the top system-call counters every second, largest first, and
// once more at the end.
func TestEmbedRuns(t *testing.T) {
	bin := build(t)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "-t", "2500ms", "-n", "3")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A quiet machine may have only two processes making system calls;
	// the top-3 cut needs more, so the test makes them itself.
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				for _, name := range []string{"true", "cat", "ls"} {
					exec.Command(name, "/dev/null").Run()
				}
			}
		}
	}()
	err := cmd.Run()
	close(stop)
	<-done
	if err != nil {
		t.Fatalf("embed: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	ticks := regexp.MustCompile(`(?m)^--- \d\d:\d\d:\d\d\n@syscalls \(\d+ entries\)\n`).FindAllString(out, -1)
	if len(ticks) < 2 {
		t.Errorf("%d periodic reports, want 2:\n%s", len(ticks), out)
	}
	_, end, ok := strings.Cut(out, "--- end\n")
	if !ok {
		t.Fatalf("no final report:\n%s", out)
	}
	lines := strings.Split(strings.TrimSuffix(end, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "@syscalls (") {
		t.Fatalf("final report:\n%s\nwant @syscalls and its top 3 entries", end)
	}
	// The top entries, largest first.
	prev := uint64(1<<64 - 1)
	for _, line := range lines[1:] {
		fields := strings.Fields(line)
		n, err := strconv.ParseUint(fields[len(fields)-1], 10, 64)
		if err != nil || n > prev || n == 0 {
			t.Errorf("entry %q: want a count no larger than %d", line, prev)
		}
		prev = n
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
}

// TestEmbedCompileError gives the example a broken program: it says where,
// with a caret, and fails.
func TestEmbedCompileError(t *testing.T) {
	bin := build(t)
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "-e", "BEGIN { @x = nope; }")
	cmd.Stderr = &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); err == nil || code != 1 {
		t.Errorf("exit code %d (%v), want 1", code, err)
	}
	want := "-e:1:14: error: unknown identifier 'nope'\nBEGIN { @x = nope; }\n             ^~~~\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant\n%s", stderr.String(), want)
	}
}
