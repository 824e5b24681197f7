package parser

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// The errors file is a list of cases:
//
//	=== name
//	source lines
//	---
//	the error as diag.Render prints it
//
// Lines before the first "===" are a comment. Sources cannot end in a
// newline; blank lines after the rendered error are ignored.
const errorsFile = "testdata/errors.txt"

// errorFiles are the error cases: errors.txt, and one file per construct
// added since (casts and literals, elvis, imports, map declarations).
var errorFiles = []string{
	errorsFile,
	"testdata/errors_ints.txt",
	"testdata/errors_elvis.txt",
	"testdata/errors_imports.txt",
	"testdata/errors_mapdecl.txt",
	"testdata/errors_blockexpr.txt",
	"testdata/errors_for.txt",
	"testdata/errors_typeexpr.txt",
}

// TestErrors pins the exact message, position and caret of each error
// case; go test -update rewrites the expected renderings. The parser
// stops at its first error, so each case has exactly one.
func TestErrors(t *testing.T) {
	for _, file := range errorFiles {
		t.Run(file, func(t *testing.T) {
			golden.CheckCases(t, file, func(t *testing.T, src string) string {
				_, err := parse("", src)
				if err == nil {
					t.Fatal("parsed without error")
				}
				list, ok := err.(diag.List)
				if !ok || len(list) != 1 {
					t.Fatalf("error is %T %v, want a diag.List of one error", err, err)
				}
				return diag.Render(err, src)
			})
		})
	}
}

// TestUnprintableErrors covers inputs a text file holds badly: control
// characters and invalid UTF-8.
func TestUnprintableErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"BEGIN { \x00 }", `stdin:1:9: error: invalid character "\x00"`},
		{"BEGIN { \xff }", `stdin:1:9: error: invalid character "\xff"`},
		{"BEGIN { @ = \"\\\xff\"; }", `stdin:1:14: error: invalid escape character "\\\xff"`},
	}
	for _, tt := range tests {
		_, err := parse("", tt.src)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", tt.src)
			continue
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}
