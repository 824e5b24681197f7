package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
)

// child is the command given with -c. It starts stopped at its exec (under
// ptrace, so not one instruction of it runs untraced), is released once the
// probes are attached, and its exit ends the run, as with bpftrace.
type child struct {
	pid     int
	release chan struct{}
	exited  chan struct{}
}

// startChild starts command, stopped.
func startChild(command string) (*child, error) {
	args, err := splitCommand(command)
	if err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return nil, fmt.Errorf("-c: empty command")
	}
	c := &child{release: make(chan struct{}), exited: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		// ptrace requests must come from the thread that traces the child.
		runtime.LockOSThread()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
		if err := cmd.Start(); err != nil {
			started <- fmt.Errorf("-c: %w", err)
			return
		}
		c.pid = cmd.Process.Pid
		// Wait for the stop at exec before anything else.
		var ws syscall.WaitStatus
		if _, err := syscall.Wait4(c.pid, &ws, 0, nil); err != nil || !ws.Stopped() {
			cmd.Process.Kill()
			started <- fmt.Errorf("-c: %s did not start", args[0])
			return
		}
		started <- nil
		<-c.release
		syscall.PtraceDetach(c.pid)
		cmd.Wait()
		close(c.exited)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return c, nil
}

// run lets the child go; it is safe to call more than once.
func (c *child) run() {
	select {
	case <-c.release:
	default:
		close(c.release)
	}
}

// kill ends the child if it is still running when bpfscript exits: after
// exit(), or a failure before it was released. bpftrace does the same.
func (c *child) kill() {
	select {
	case <-c.exited:
	default:
		syscall.Kill(c.pid, syscall.SIGKILL)
		c.run()
	}
}

// splitCommand splits a command line into words, with single and double
// quotes and backslash escapes as a shell has them, but no expansions.
func splitCommand(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			// Inside double quotes a backslash escapes only these, as in sh.
			if quote == '"' && !strings.ContainsRune("$`\"\\\n", r) {
				cur.WriteRune('\\')
			}
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 || escaped {
		return nil, fmt.Errorf("-c: unterminated quote or escape in %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
