package runtime

import (
	"errors"
	"fmt"
	"strings"
)

// VerifierError says the kernel refused a compiled program: its verifier
// rejected it, or it is larger than the kernel loads. Its text says which
// probe and shows the end of the verifier's log (all of it with
// Options.Verbose).
type VerifierError struct {
	Probe string // the probe whose program was refused
	// Log is the verifier's log, the lines shown: its last 20 unless the
	// run was verbose.
	Log []string
	// TooLarge says the program has more instructions than the kernel
	// accepts: the script asks for more than it can load, which is no bug.
	TooLarge bool
	Err      error // the error of the load
}

func (e *VerifierError) Error() string {
	if e.TooLarge {
		return fmt.Sprintf("the program for %s is too large for the kernel to load (more than %d instructions): make the probe smaller or split it over several",
			e.Probe, maxProgramInsns)
	}
	return fmt.Sprintf("the kernel's verifier rejected the program for %s (this is a bpfscript bug; please report it with the script):\n%s",
		e.Probe, strings.Join(e.Log, "\n"))
}

func (e *VerifierError) Unwrap() error { return e.Err }

// ErrClosed is what a closed session's methods return.
var ErrClosed = errors.New("the session is closed")
