package parser

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// intErrorsFile holds the syntax errors of casts, typed declarations,
// records and integer literals, in the format of errorsFile.
const intErrorsFile = "testdata/errors_ints.txt"

func TestIntErrors(t *testing.T) {
	golden.CheckCases(t, intErrorsFile, func(t *testing.T, src string) string {
		prog, err := parse("", src)
		if err == nil {
			t.Fatalf("parsed without error: %d probes", len(prog.Probes))
		}
		return diag.Render(err, src)
	})
}
