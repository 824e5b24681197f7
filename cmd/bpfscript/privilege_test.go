package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests run bpfscript as user nobody, without capabilities: loading
// must fail up front with one sentence naming what is missing, while the
// compile-only dumps (-d ast|types|ir|asm) need no privilege at all.

const nobody = 65534

const missingPrivilege = "bpfscript needs root or CAP_BPF and CAP_PERFMON to load BPF programs\n"

// unprivileged is a directory that user nobody can read, holding a copy of
// the binary and the scripts the tests give it.
type unprivileged struct {
	dir, bin string
}

func newUnprivileged(t *testing.T) *unprivileged {
	t.Helper()
	// t.TempDir's parent is private to root, so make a directory of our own.
	dir, err := os.MkdirTemp("", "bpfscript-nobody")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	u := &unprivileged{dir: dir, bin: filepath.Join(dir, "bpfscript")}
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(u.bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return u
}

// file writes a script user nobody may read only if perm allows it.
func (u *unprivileged) file(t *testing.T, name, src string, perm os.FileMode) string {
	t.Helper()
	path := filepath.Join(u.dir, name)
	if err := os.WriteFile(path, []byte(src), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil { // despite the umask
		t.Fatal(err)
	}
	return path
}

// run runs the copied binary as nobody.
func (u *unprivileged) run(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(u.bin, args...)
	cmd.Dir = u.dir
	cmd.Stdin = strings.NewReader("")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody, Groups: []uint32{}}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return wait(t, cmd, &out, &errb)
}

func TestUnprivilegedLoadFailsClearly(t *testing.T) {
	u := newUnprivileged(t)
	script := u.file(t, "count.bt", "tracepoint:syscalls:sys_enter_getppid { @n = count(); }\n", 0o644)
	for _, args := range [][]string{
		{"-e", `begin { printf("hello\n"); }`},
		{"-e", "interval:s:1 { @n = count(); } profile:hz:99 { @p = count(); }"},
		{script},
		{"--dry-run", script},
		{"-d", "verifier", "-e", "begin { @x = 1; }"},
		// The privilege check comes first, even before errors in the program.
		{"-e", "begin { @x = ; }"},
	} {
		r := u.run(t, args...)
		if r.code != 1 || r.stdout != "" || r.stderr != missingPrivilege {
			t.Errorf("bpfscript %q as nobody: exit code %d, stdout %q, stderr %q; want exit code 1 and stderr %q",
				args, r.code, r.stdout, r.stderr, missingPrivilege)
		}
	}
}

// TestUnprivilegedCompileOnlyDumps checks that the dumps that load nothing
// work for anyone, with the output root gets.
func TestUnprivilegedCompileOnlyDumps(t *testing.T) {
	u := newUnprivileged(t)
	const src = `begin { @start = 1; } interval:ms:100 { @ticks = count(); if (@ticks > 5) { exit(); } } profile:hz:99 { @cpu[cpu] = count(); }`
	for _, stage := range []string{"ast", "types", "ir", "asm"} {
		r := u.run(t, "-d", stage, "-e", src)
		if r.code != 0 || r.stderr != "" || r.stdout == "" {
			t.Errorf("-d %s as nobody: exit code %d, stderr:\n%s", stage, r.code, r.stderr)
			continue
		}
		if root := run(t, "", "-d", stage, "-e", src); r.stdout != root.stdout {
			t.Errorf("-d %s as nobody differs from root's:\n%s\nroot's:\n%s", stage, r.stdout, root.stdout)
		}
	}
}

// TestUnprivilegedTracepointDump checks what a compile-only dump of a
// tracepoint program gives without root: the tracepoint's format is in
// tracefs, so it works only when tracefs is readable; otherwise the error
// must say why, at the probe.
func TestUnprivilegedTracepointDump(t *testing.T) {
	u := newUnprivileged(t)
	info, err := os.Stat("/sys/kernel/tracing/events")
	if err != nil {
		t.Fatal(err)
	}
	readable := info.Mode().Perm()&0o005 == 0o005
	if parent, err := os.Stat("/sys/kernel/tracing"); err != nil || parent.Mode().Perm()&0o001 == 0 {
		readable = false
	}
	r := u.run(t, "-d", "ir", "-e", "tracepoint:syscalls:sys_enter_getppid { @n = count(); }")
	switch {
	case readable && r.code != 0:
		t.Errorf("tracefs is readable, but -d ir as nobody failed with exit code %d:\n%s", r.code, r.stderr)
	case !readable:
		want := "stdin:1:1: error: cannot list tracepoints without root or read access to tracefs: "
		if r.code != 1 || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "error:") != 1 {
			t.Errorf("tracefs is private: exit code %d, stderr:\n%s\nwant exit code 1 and an error starting %q", r.code, r.stderr, want)
		}
	}
}

// TestUnreadableProgramFile gives nobody a script only root may read.
func TestUnreadableProgramFile(t *testing.T) {
	u := newUnprivileged(t)
	script := u.file(t, "secret.bt", "begin { exit(); }\n", 0o600)
	start := time.Now()
	r := u.run(t, "-d", "asm", script)
	checkRejected(t, r, time.Since(start))
	if want := "bpfscript: reading the program: open " + script + ": permission denied\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}
