package format_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/format"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// FuzzSource: whatever parses formats to the same program with the same
// comments, and formatting that again changes nothing.
func FuzzSource(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "parser", "testdata", "*.bt"))
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(string(src))
		}
	}
	f.Add("BEGIN { @x = - -1; /* a */ } // b\nEND{}")
	f.Add("t:a:b,\nt:a:c /pid/ { if (1) { } else if (2) { @[1,\n2] = 3; } }")
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := parser.Parse("", src); err != nil {
			return
		}
		out, err := format.Source("", src)
		if err != nil {
			if strings.Contains(err.Error(), "preprocessor lines") {
				return // refused, as it should be
			}
			t.Fatalf("formatting %q: %v", src, err)
		}
		checkFormatted(t, src, string(out))
	})
}
