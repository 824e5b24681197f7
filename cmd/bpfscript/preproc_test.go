package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// End-to-end tests of the preprocessor: scripts with #include, #define and
// #if run on this kernel, and errors point into the original files.

// writeScript writes files (name → text) into a fresh directory and
// returns the path of the first, the script.
func writeScript(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < len(files); i += 2 {
		if err := os.WriteFile(filepath.Join(dir, files[i]), []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, files[0])
}

func TestPreprocessorScript(t *testing.T) {
	script := writeScript(t, "tool.bt", `#!/usr/bin/env bpfscript
#include <linux/sched.h>
#include <net/sock.h>
#include "defs.h"
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define GREETING "hello MAX(1, 2)" // not expanded in strings
#ifdef BPFTRACE_HAVE_BTF
#define TYPES "btf"
#else
#define TYPES "headers"
#endif
#if LIMIT * 2 > 10 && !defined(UNDEFINED)
#define BIG 1
#endif

BEGIN {
	@MAX = MAX($1, LIMIT);
	printf("%s %s %d %d %d\n", GREETING, TYPES, TASK_COMM_LEN, AF_INET6, TCP_LISTEN);
	printf("%d %d\n", MAX(1,
	                      @MAX), BIG);
	exit();
}
`, "defs.h", "struct ignored { int x; };\n#define LIMIT 7\n")
	r := run(t, "", script, "3")
	expect(t, r, "hello MAX(1, 2) btf 16 10 10\n7 1\n\n\n@MAX: 7\n", 0)
}

// TestPreprocessorLibcHeaders runs the reference's examples that take
// their constants from libc-style headers: <signal.h>, <errno.h> and
// <syscall.h> are built in.
func TestPreprocessorLibcHeaders(t *testing.T) {
	tests := []struct{ src, want string }{
		{"#include <signal.h>\nbegin { print(signal_name(SIGINT)); print(SIGUSR1); exit(); }", "SIGINT\n10\n"},
		{"#include <errno.h>\nbegin { print(strerror(EPERM)); print(ENOENT); exit(); }", "Operation not permitted\n2\n"},
		{"#include <syscall.h>\nbegin { print(syscall_name(__NR_read)); print(__NR_getppid); exit(); }", "read\n110\n"},
		{"#include <sys/syscall.h>\nbegin { print(syscall_name(__NR_openat)); exit(); }", "openat\n"},
	}
	for _, tt := range tests {
		r := run(t, "", "-e", tt.src)
		expect(t, r, tt.want, 0)
	}
}

func TestPreprocessorProbeFromMacro(t *testing.T) {
	path := tempFile(t, 10)
	r := runWithLoad(t, "#define OPENAT tracepoint:syscalls:sys_enter_openat\n#define MINE (pid == $1)\nOPENAT /MINE/ { @opens = count(); }", "open 6 "+path)
	expect(t, r, "\n\n@opens: 6\n", 0)
}

func TestPreprocessorErrors(t *testing.T) {
	tests := []struct {
		name   string
		files  []string
		stderr string // with %s for the script's directory
	}{
		{"missing header", []string{"s.bt", "#include <linux/nosuch.h>\nBEGIN { exit(); }\n"},
			"%s/s.bt:1:10: error: header linux/nosuch.h not found (looked in the built-in headers)\n#include <linux/nosuch.h>\n         ^~~~~~~~~~~~~~~~\n"},
		{"unterminated #if", []string{"s.bt", "#if 1\n#ifdef X\n#endif\nBEGIN { exit(); }\n"},
			"%s/s.bt:1:2: error: unterminated #if: no #endif before the end of the file\n#if 1\n ^~\n"},
		{"bad #define", []string{"s.bt", "#define MAX(a, a) a\nBEGIN { exit(); }\n"},
			"%s/s.bt:1:16: error: duplicate parameter a of macro MAX\n#define MAX(a, a) a\n               ^\n"},
		{"error in a header", []string{"s.bt", "#include \"h.h\"\nBEGIN { exit(); }\n", "h.h", "#define A 1\n#elif\n"},
			"%s/h.h:2:2: error: #elif without #if\n#elif\n ^~~~\n"},
		{"include cycle", []string{"s.bt", "#include \"a.h\"\nBEGIN { exit(); }\n", "a.h", "#include \"b.h\"\n", "b.h", "#include \"a.h\"\n"},
			"%[1]s/b.h:1:10: error: #include cycle: %[1]s/a.h includes %[1]s/b.h includes %[1]s/a.h\n#include \"a.h\"\n         ^~~~~\n"},
		{"checker error after expansion", []string{"s.bt", "#define TWICE(x) (2 * (x))\nBEGIN { @a = TWICE(nosuch) + 1; @b = nosuch2; }\n"},
			"%[1]s/s.bt:2:14: error: unknown identifier 'nosuch'\nBEGIN { @a = TWICE(nosuch) + 1; @b = nosuch2; }\n             ^~~~~~~~~~~~~\n%[1]s/s.bt:2:38: error: unknown identifier 'nosuch2'\nBEGIN { @a = TWICE(nosuch) + 1; @b = nosuch2; }\n                                     ^~~~~~~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := writeScript(t, tt.files...)
			r := run(t, "", script)
			want := fmt.Sprintf(tt.stderr, filepath.Dir(script))
			if r.code != 1 || r.stdout != "" || r.stderr != want {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", r.code, r.stdout, r.stderr, want)
			}
		})
	}
}
