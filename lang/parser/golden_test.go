package parser

import (
	"bytes"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// TestGolden parses every testdata/*.bt and compares the ast.Fprint dump
// with the matching .ast file.
func TestGolden(t *testing.T) {
	golden.ForEachFile(t, "testdata/*.bt", func(t *testing.T, input, src string) {
		prog := mustParse(t, src)
		var got bytes.Buffer
		if err := ast.Fprint(&got, prog); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, strings.TrimSuffix(input, ".bt")+".ast", got.Bytes())
	})
}
