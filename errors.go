package bpfscript

import (
	"errors"

	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
)

// CompileError is every error Compile (or Session.Add) found in a
// program, each with its position. errors.As finds it in the error they
// return:
//
//	var ce *bpfscript.CompileError
//	if errors.As(err, &ce) {
//		for _, d := range ce.Errors {
//			fmt.Println(d.Line, d.Col, d.Msg)
//		}
//	}
type CompileError struct {
	// Errors are in source order.
	Errors []Diagnostic
	// Text renders every error as the bpfscript command prints it: the
	// position and message, the source line, a caret under the span.
	Text string

	list diag.List
}

// Diagnostic is one error at a place in a program's source. Lines and
// columns count from 1; columns count bytes.
type Diagnostic struct {
	File      string
	Line, Col int
	// EndLine and EndCol are where the span the error marks ends
	// (exclusive); 0 when it marks one place.
	EndLine, EndCol int
	Msg             string
}

func (e *CompileError) Error() string { return e.list.Error() }

// Unwrap returns the errors as the diag.List the compiler's stages make.
func (e *CompileError) Unwrap() error { return e.list }

// compileError turns the positioned errors of the compiler's stages into a
// CompileError rendered against src; other errors pass as they are.
func compileError(err error, src string) error {
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = diag.List{one}
	default:
		return err
	}
	ce := &CompileError{list: list, Text: diag.Render(list, src)}
	for _, e := range list {
		ce.Errors = append(ce.Errors, Diagnostic{
			File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col,
			EndLine: e.End.Line, EndCol: e.End.Col,
			Msg: e.Msg,
		})
	}
	return ce
}

// VerifierError says the kernel's verifier refused a compiled program:
// which probe's, and the end of the verifier's log (all of it with
// RunOptions.Verbose).
type VerifierError = runtime.VerifierError

// PrivilegeError says the process may not load or attach BPF programs: it
// needs root, or CAP_BPF and CAP_PERFMON. Run and Session.Add check before
// loading anything.
type PrivilegeError = attach.PrivilegeError

// AttachError says a probe could not be attached: which probe, and why.
type AttachError = attach.Error

// ErrClosed is what a closed session's methods return (Add, Detach,
// Update, ...).
var ErrClosed = runtime.ErrClosed

// ErrNoEntry is what Session.Delete returns for a key the map does not
// hold.
var ErrNoEntry = runtime.ErrNoEntry
