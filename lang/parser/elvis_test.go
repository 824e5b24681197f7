package parser

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// TestElvisErrors pins the syntax errors of the elvis operator `a ?: b`,
// the discard `_ = expr;` and the ternary as a statement, in the format of
// errorsFile.
func TestElvisErrors(t *testing.T) {
	golden.CheckCases(t, "testdata/errors_elvis.txt", func(t *testing.T, src string) string {
		_, err := parse("", src)
		if list, ok := err.(diag.List); !ok || len(list) != 1 {
			t.Fatalf("error is %T %v, want a diag.List of one error", err, err)
		}
		return diag.Render(err, src)
	})
}
