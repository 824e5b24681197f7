package parser

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

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
			golden := strings.TrimSuffix(input, ".bt") + ".ast"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("dump differs from %s (go test -update rewrites it)\ngot:\n%s", golden, got.String())
			}
		})
	}
}
