package types_test

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/macro"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestDiscardedWarnings pins which statements warn that their value is
// discarded, and where: each case's warnings as upstream prints them, or
// "(none)".
func TestDiscardedWarnings(t *testing.T) {
	golden.CheckCases(t, "testdata/warnings.txt", func(t *testing.T, src string) string {
		prog, err := parser.Parse("", src)
		if err != nil {
			t.Fatalf("parse error:\n%s", diag.Render(err, src))
		}
		if err := macro.Expand(prog); err != nil {
			t.Fatalf("macro error:\n%s", diag.Render(err, src))
		}
		info, err := types.Check(prog, testConfig(t))
		if err != nil {
			t.Fatalf("check error:\n%s", diag.Render(err, src))
		}
		if len(info.Warnings) == 0 {
			return "(none)\n"
		}
		var b strings.Builder
		for _, w := range info.Warnings {
			b.WriteString(diag.Warning(w, src) + "\n")
		}
		return b.String()
	})
}
