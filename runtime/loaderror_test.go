package runtime

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// TestExplainLoadError covers the verifier errors that come without a log:
// a program too large for the kernel is the script's size, not a bug, and
// any other logless refusal still shows the kernel's error.
func TestExplainLoadError(t *testing.T) {
	const prog = "begin"
	loadErr := func(cause error) error {
		return fmt.Errorf("program begin: %w", &ebpf.VerifierError{Cause: cause})
	}
	tests := []struct {
		cause error
		want  string
	}{
		{unix.E2BIG, "the program for begin is too large for the kernel to load (more than 1000000 instructions): make the probe smaller or split it over several"},
		{unix.ENOMEM, "the kernel's verifier rejected the program for begin (this is a bpfscript bug; please report it with the script):\ncannot allocate memory"},
	}
	// Not the verifier's refusal at all: the error is passed on, naming the probe.
	if got := explainLoadError(prog, unix.EPERM, false).Error(); got != "loading the program for begin: operation not permitted" {
		t.Errorf("a plain error: got %q", got)
	}
	for _, tt := range tests {
		got := explainLoadError(prog, loadErr(tt.cause), false).Error()
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("cause %v: got\n%s\nwant\n%s", tt.cause, got, tt.want)
		}
	}
}
