package types_test

import (
	"bytes"
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
	golden.ForEachFile(t, "testdata/*.bt", func(t *testing.T, input, src string) {
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
