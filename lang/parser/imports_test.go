package parser

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/lang/diag"
)

const importErrorsFile = "testdata/errors_imports.txt"

// TestImportErrors pins the message, position and caret of misplaced and
// malformed import statements.
func TestImportErrors(t *testing.T) {
	golden.CheckCases(t, importErrorsFile, func(t *testing.T, src string) string {
		prog, err := parse("", src)
		if err == nil {
			t.Fatalf("parsed without error: %d imports", len(prog.Imports))
		}
		return diag.Render(err, src)
	})
}

// TestImportOnly accepts a file of imports alone: a library that gathers
// others has no probes of its own.
func TestImportOnly(t *testing.T) {
	prog, err := parse("lib.bt", `import "a.bt"; import "b.bt";`)
	if err != nil {
		t.Fatal(err)
	}
	if len(prog.Imports) != 2 || prog.Imports[1].Path != "b.bt" || prog.Imports[1].PathSpan.Start.Col != 23 {
		t.Errorf("got imports %+v", prog.Imports)
	}
}
