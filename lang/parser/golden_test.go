package parser

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// TestGolden parses every testdata/*.bt and compares the ast.Fprint dump
// with the matching .ast file.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.bt")
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.bt files")
	}
	for _, input := range inputs {
		name := strings.TrimSuffix(filepath.Base(input), ".bt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			prog := mustParse(t, string(src))
			var got bytes.Buffer
			if err := ast.Fprint(&got, prog); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(input, ".bt")+".ast", got.Bytes())
		})
	}
}
