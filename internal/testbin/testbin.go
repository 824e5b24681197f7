package testbin

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Bin is a binary to build: the Go package Package (a path relative to
// the test's directory, as go build takes it), written as Name.
type Bin struct {
	Name, Package string
	// Race builds it with -race when BPFSCRIPT_E2E_RACE is set: the
	// goroutines whose races matter run in the binary, not in the test.
	Race bool
	// Path, when set, receives the built binary's path.
	Path *string
}

// Main builds bins into a new temporary directory, stores its path in
// *dir when dir is not nil, runs m's tests, removes the directory and
// exits with the tests' code. A build that fails ends the process with
// its error.
func Main(m *testing.M, dir *string, bins ...Bin) {
	tmp, err := os.MkdirTemp("", "bpfscript-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if dir != nil {
		*dir = tmp
	}
	race := os.Getenv("BPFSCRIPT_E2E_RACE") != ""
	for _, b := range bins {
		args := []string{"build", "-o", filepath.Join(tmp, b.Name), b.Package}
		if b.Race && race {
			args = []string{"build", "-race", "-o", filepath.Join(tmp, b.Name), b.Package}
		}
		if b.Path != nil {
			*b.Path = filepath.Join(tmp, b.Name)
		}
		build := exec.Command("go", args...)
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "building %s: %v\n", b.Name, err)
			os.RemoveAll(tmp)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}
