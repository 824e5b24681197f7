package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestChildCommand(t *testing.T) {
	path := tempFile(t, 10)
	// Traced from its first instruction: the command's own open of path is
	// seen, and the run ends when it exits.
	r := run(t, "", "-e", `tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @[str(args.filename)] = count(); }`, "-c", "/bin/cat "+path)
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf("@[%s]: 1\n", path)) {
		t.Errorf("code %d, stdout:\n%s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	// A command that crashes still ends the run cleanly, with end probes.
	r = run(t, "", "-c", `sh -c 'kill -SEGV $$'`, "-e", `tracepoint:syscalls:sys_enter_getppid { } END { printf("end\n"); }`)
	expect(t, r, "end\n", 0)
	// exit() ends the run and the command with it.
	r = run(t, "", "-c", "sleep 30", "-e", `interval:ms:50 { exit(); }`)
	expect(t, r, "", 0)

	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"-c", "/nonexistent/cmd", "-e", "BEGIN { }"}, "-c: "},
		{[]string{"-c", "'unterminated", "-e", "BEGIN { }"}, "unterminated quote"},
	} {
		r := run(t, "", tt.args...)
		if r.code != 1 || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("%q: code %d, stderr %q; want 1 and %q", tt.args, r.code, r.stderr, tt.stderr)
		}
	}
}

func TestSplitCommand(t *testing.T) {
	for in, want := range map[string][]string{
		"ls -l /tmp":               {"ls", "-l", "/tmp"},
		`sh -c 'echo "a b"; exit'`: {"sh", "-c", `echo "a b"; exit`},
		`printf "%s\n" x\ y`:       {"printf", `%s\n`, "x y"},
		"  spaced   out  ":         {"spaced", "out"},
		`empty ""`:                 {"empty", ""},
	} {
		got, err := splitCommand(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("splitCommand(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
