package main

import (
	"strings"
	"testing"
	"time"
)

// End-to-end tests of the unsafe functions: system, signal and
// signal_thread, which need --unsafe.

func TestSystem(t *testing.T) {
	r := run(t, "", "--unsafe", "-e", `begin { printf("a\n"); system("echo %s %d; echo two", "hi", 5); printf("b\n"); exit(); }`)
	expect(t, r, "a\nhi 5\ntwo\nb\n", 0)
	r = run(t, "", "--unsafe", "-f", "json", "-e", `begin { system("printf 'x\ty'"); exit(); }`)
	expect(t, r, `{"type": "attached_probes", "data": {"probes": 1}}`+"\n"+`{"type": "syscall", "data": "x\ty"}`+"\n", 0)
}

// TestSignal has signal() end a sleeping command from its first
// nanosleep, long before the sleep would.
func TestSignal(t *testing.T) {
	for _, call := range []string{`signal("SIGTERM")`, `signal("KILL")`, `signal_thread(15)`, `signal($1)`} {
		start := time.Now()
		r := run(t, "", "--unsafe", "-c", "/bin/sleep 20", "-e",
			`tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { `+call+`; printf("sent\n"); }`, "9")
		expect(t, r, "sent\n", 0)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: the command ran for %v: the signal did not end it", call, d)
		}
	}
}

// TestSignalFromProfile signals a busy command from a profile probe, which
// fires in whatever task runs on the CPU: the predicate picks the command.
// The command would stop by itself after 15 seconds; the run ends when it
// dies of the signal.
func TestSignalFromProfile(t *testing.T) {
	start := time.Now()
	busy := `/bin/sh -c 'end=$(($(date +%s)+15)); while [ $(date +%s) -lt $end ]; do :; done'`
	r := run(t, "", "--unsafe", "-c", busy, "-e",
		`profile:hz:99 /pid == cpid && @sent == 0/ { signal("SIGTERM"); @sent = 1; }`)
	expect(t, r, "\n\n@sent: 1\n", 0)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the command ran for %v: the signal did not end it", d)
	}
}

func TestUnsafeNeedsFlag(t *testing.T) {
	for _, tt := range []struct{ script, stderr string }{
		{`begin { system("true"); }`, "stdin:1:9: error: system() is unsafe (it changes the system being traced): run with --unsafe to allow it\nbegin { system(\"true\"); }\n        ^~~~~~\n"},
		{`tracepoint:syscalls:sys_enter_getppid { signal(9); }`, "stdin:1:41: error: signal() is unsafe"},
		{`tracepoint:syscalls:sys_enter_getppid { signal_thread("SIGINT"); }`, "stdin:1:41: error: signal_thread() is unsafe"},
	} {
		r := run(t, "", "-e", tt.script)
		if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("%s: code %d, stdout %q, stderr:\n%s\nwant 1 and %q", tt.script, r.code, r.stdout, r.stderr, tt.stderr)
		}
	}
	r := run(t, "", "--unsafe", "-e", `begin { signal("SIGKILL"); }`)
	if want := "stdin:1:9: error: signal is not valid in begin probes"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("signal in begin: code %d, stderr %q; want 1 and %q", r.code, r.stderr, want)
	}
}
