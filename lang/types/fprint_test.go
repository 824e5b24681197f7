package types_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestGolden checks every testdata/*.bt, which must type-check, and
// compares the Info.Fprint dump with the matching .types file; go test
// -update rewrites them.
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
			data, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			src := string(data)
			prog, err := parser.Parse(filepath.Base(input), src)
			if err != nil {
				t.Fatalf("parse error:\n%s", diag.Render(err, src))
			}
			info, err := types.Check(prog, testConfig(t))
			if err != nil {
				t.Fatalf("check error:\n%s", diag.Render(err, src))
			}
			var got bytes.Buffer
			if err := info.Fprint(&got, prog); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(input, ".bt")+".types", got.Bytes())
		})
	}
}
