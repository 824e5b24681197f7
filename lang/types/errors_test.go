package types_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// testParams are the positional parameters every test program is checked
// with: an integer, a string, a negative and a hex integer.
var testParams = []string{"42", "hello", "-7", "0x10"}

func testConfig(t testing.TB) *types.Config {
	return &types.Config{Env: testenv.New(), Params: testParams}
}

// checkSource parses src, which must parse, and checks it.
func checkSource(t testing.TB, src string) (*types.Info, error) {
	t.Helper()
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatalf("parse error:\n%s", diag.Render(err, src))
	}
	return types.Check(prog, testConfig(t))
}

// The errors file is a list of cases:
//
//	=== name
//	source lines
//	---
//	every error, as diag.Render prints the list
//
// Lines before the first "===" are a comment. Sources cannot end in a
// newline; blank lines after the rendered errors are ignored.
const errorsFile = "testdata/errors.txt"

// suggestionsFile holds the cases of errors that suggest a name, in the
// same form.
const suggestionsFile = "testdata/suggestions.txt"

// TestErrors pins the exact messages, positions and carets of every error
// the checker reports for each case; go test -update rewrites them.
func TestErrors(t *testing.T) {
	checkErrorCases(t, errorsFile, false)
	checkErrorCases(t, suggestionsFile, false)
}

// checkErrorCases runs the cases of an errors file (see errorsFile),
// checked with --unsafe when unsafe is set.
func checkErrorCases(t *testing.T, file string, unsafe bool) {
	golden.CheckCases(t, file, func(t *testing.T, src string) string {
		prog, err := parser.Parse("", src)
		if err != nil {
			t.Fatalf("parse error:\n%s", diag.Render(err, src))
		}
		conf := testConfig(t)
		conf.Unsafe = unsafe
		info, err := types.Check(prog, conf)
		if info == nil {
			t.Fatal("Check returned no Info")
		}
		if err == nil {
			t.Fatal("checked without error")
		}
		if _, ok := err.(diag.List); !ok {
			t.Fatalf("error is %T, want a diag.List", err)
		}
		return diag.Render(err, src)
	})
}
