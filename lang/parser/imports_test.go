package parser

import (
	"testing"
)

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
