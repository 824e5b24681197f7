package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript/internal/testbin"
)

// bin is the bpfscript binary the end-to-end tests run, built by TestMain.
var bin string

func TestMain(m *testing.M) {
	if spec := os.Getenv(loadgenEnv); spec != "" {
		runLoadgen(spec)
		os.Exit(0)
	}
	// The runtime's goroutines (signals, monitoring, parallel
	// detaching) run in the binary, so that is where races show.
	testbin.Main(m, nil, testbin.Bin{Name: "bpfscript", Package: ".", Race: true, Path: &bin})
}

// result is what one bpfscript run printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// run runs bpfscript with args to completion (it must exit by itself).
func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return wait(t, cmd, &out, &errb)
}

func wait(t *testing.T, cmd *exec.Cmd, out, errb *bytes.Buffer) result {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return result{out.String(), errb.String(), code}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("bpfscript did not exit in time; stderr so far: %s", errb.String())
	}
	return result{}
}

// runWithLoad starts a paused load generator, runs script with the
// generator's pid as $1 (then extra), lets the generator work once
// bpfscript has attached, and stops bpfscript with SIGINT after the
// generator exits, unless the script exits by itself first.
func runWithLoad(t *testing.T, script, load string, extra ...string) result {
	t.Helper()
	s := startWithLoad(t, script, load, extra...)
	s.resume()
	if err := s.gen.Wait(); err != nil {
		t.Fatalf("load generator: %v: %s", err, s.genErr.String())
	}
	return s.stop(syscall.SIGINT)
}

// session is a bpfscript run attached and waiting, with its paused load
// generator if it has one.
type session struct {
	t       *testing.T
	gen     *exec.Cmd // nil without a load generator
	genErr  *bytes.Buffer
	cmd     *exec.Cmd
	out     bytes.Buffer
	errb    bytes.Buffer
	pw      *io.PipeWriter
	scanned chan struct{}
}

// startWithLoad starts the load generator (it stops itself), then
// bpfscript with script and the generator's pid as $1, and returns once
// bpfscript has attached.
func startWithLoad(t *testing.T, script, load string, extra ...string) *session {
	t.Helper()
	gen := exec.Command(os.Args[0])
	gen.Env = append(os.Environ(), loadgenEnv+"="+load)
	var genErr bytes.Buffer
	gen.Stderr = &genErr
	if err := gen.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gen.Process.Kill(); gen.Wait() })
	waitStopped(t, gen.Process.Pid)
	s := startRun(t, append([]string{"-e", script, strconv.Itoa(gen.Process.Pid)}, extra...)...)
	s.gen, s.genErr = gen, &genErr
	return s
}

// startRun starts bpfscript with args and returns once it has attached.
func startRun(t *testing.T, args ...string) *session {
	t.Helper()
	s := &session{t: t, scanned: make(chan struct{})}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Stdout = &s.out
	pr, pw := io.Pipe()
	s.pw = pw
	s.cmd.Stderr = pw
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill() })
	attached := make(chan bool, 1)
	go func() {
		defer close(s.scanned)
		sc := bufio.NewScanner(pr)
		seen := false
		for sc.Scan() {
			s.errb.WriteString(sc.Text() + "\n")
			if !seen && strings.HasPrefix(sc.Text(), "Attached ") {
				seen = true
				attached <- true
			}
		}
		if !seen {
			attached <- false
		}
	}()
	select {
	case ok := <-attached:
		if !ok {
			r := s.wait()
			t.Fatalf("bpfscript exited before attaching (code %d): %s", r.code, r.stderr)
		}
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		t.Fatal("bpfscript did not attach in time")
	}
	return s
}

// resume lets the load generator run.
func (s *session) resume() { s.gen.Process.Signal(syscall.SIGCONT) }

// stop signals bpfscript and waits for it to exit.
func (s *session) stop(sig os.Signal) result {
	s.cmd.Process.Signal(sig)
	return s.wait()
}

func (s *session) wait() result {
	r := wait(s.t, s.cmd, &s.out, &bytes.Buffer{})
	s.pw.Close()
	<-s.scanned
	r.stderr = s.errb.String()
	return r
}

func tempFile(t *testing.T, size int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func expect(t *testing.T, r result, stdout string, code int) {
	t.Helper()
	if r.stdout != stdout || r.code != code {
		t.Errorf("got exit code %d and stdout:\n%s\nwant exit code %d and stdout:\n%s\nstderr:\n%s", r.code, r.stdout, code, stdout, r.stderr)
	}
}

// waitStopped waits until process pid has stopped itself.
func waitStopped(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			t.Fatal(err)
		}
		// The state follows the parenthesised command name.
		if i := bytes.LastIndexByte(stat, ')'); i > 0 && len(stat) > i+2 && stat[i+2] == 'T' {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("load generator did not stop itself")
}
