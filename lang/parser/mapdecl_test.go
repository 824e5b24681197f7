package parser

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// mapDeclErrorsFile holds the syntax errors of map declarations
// (`let @a = lruhash(100);`), in the format of errorsFile.
const mapDeclErrorsFile = "testdata/errors_mapdecl.txt"

func TestMapDeclErrors(t *testing.T) {
	golden.CheckCases(t, mapDeclErrorsFile, func(t *testing.T, src string) string {
		prog, err := parse("", src)
		if err == nil {
			t.Fatalf("parsed without error: %d probes", len(prog.Probes))
		}
		return diag.Render(err, src)
	})
}
