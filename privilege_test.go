package bpfscript_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/bpfscript/bpfscript"
)

// unprivilegedEnv marks the run of this test binary that TestPrivilegeError
// starts as user nobody.
const unprivilegedEnv = "BPFSCRIPT_TEST_UNPRIVILEGED"

// TestPrivilegeError runs the test binary again as user nobody, without
// capabilities: compiling works, running and adding to a session fail
// with a *PrivilegeError naming what is missing.
func TestPrivilegeError(t *testing.T) {
	if os.Getenv(unprivilegedEnv) != "" {
		unprivileged(t)
		return
	}
	// The test binary's directory is private to root: copy it.
	dir, err := os.MkdirTemp("", "bpfscript-api-nobody")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "api.test")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestPrivilegeError$", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), unprivilegedEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestPrivilegeError") {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
}

// unprivileged is TestPrivilegeError's part that runs as nobody.
func unprivileged(t *testing.T) {
	const src = `BEGIN { printf("hi\n"); }`
	prog, err := bpfscript.Compile(src, bpfscript.Options{NumCPUs: 2})
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	var pe *bpfscript.PrivilegeError
	_, err = prog.Run(context.Background(), bpfscript.RunOptions{Quiet: true})
	if !errors.As(err, &pe) || !slices.Equal(pe.Missing, []string{"CAP_BPF", "CAP_PERFMON"}) {
		t.Errorf("Run: err = %v (%T), want a *PrivilegeError missing CAP_BPF and CAP_PERFMON", err, err)
	}
	s := bpfscript.NewSession(bpfscript.Options{NumCPUs: 2}, bpfscript.RunOptions{Quiet: true})
	defer s.Close()
	if _, err := s.Add(src); !errors.As(err, &pe) {
		t.Errorf("Add: err = %v (%T), want a *PrivilegeError", err, err)
	}
}
