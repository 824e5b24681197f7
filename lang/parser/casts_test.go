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
	header, cases := golden.ReadCases(t, intErrorsFile)
	for i, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			prog, err := parse("", c.Src)
			if err == nil {
				t.Fatalf("parsed without error: %d probes", len(prog.Probes))
			}
			got := diag.Render(err, c.Src)
			if golden.Update() {
				cases[i].Want = got
				return
			}
			if got != c.Want {
				t.Errorf("got\n%s\nwant\n%s", got, c.Want)
			}
		})
	}
	if golden.Update() {
		golden.WriteCases(t, intErrorsFile, header, cases)
	}
}
