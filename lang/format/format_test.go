package format_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/format"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// casesFile holds programs and their formatted text; go test -update
// rewrites the latter.
const casesFile = "testdata/format.txt"

func TestSource(t *testing.T) {
	golden.CheckCases(t, casesFile, func(t *testing.T, src string) string {
		out, err := format.Source("", src)
		if err != nil {
			t.Fatal(err)
		}
		checkFormatted(t, src, string(out))
		return string(out)
	})
}

// checkFormatted checks what every formatting must hold: the program is
// the same (the same tree, every comment kept) and formatting it again
// changes nothing.
func checkFormatted(t *testing.T, src, out string) {
	t.Helper()
	if a, b := dump(t, src), dump(t, out); a != b {
		t.Errorf("formatting changed the program:\n%s\nbecame\n%s\nformatted:\n%s", a, b, out)
	}
	if a, b := comments(src), comments(out); a != b {
		t.Errorf("formatting changed the comments:\n%s\nbecame\n%s", a, b)
	}
	again, err := format.Source("", out)
	if err != nil {
		t.Fatalf("formatted text does not format: %v\n%s", err, out)
	}
	if string(again) != out {
		t.Errorf("formatting is not stable:\n%s\nbecame\n%s", out, again)
	}
}

func dump(t *testing.T, src string) string {
	t.Helper()
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatalf("does not parse: %v\n%s", err, src)
	}
	var b strings.Builder
	ast.Fprint(&b, prog)
	return b.String()
}

func comments(src string) string {
	var texts []string
	for _, c := range parser.Comments(src) {
		texts = append(texts, c.Text)
	}
	return strings.Join(texts, "\n")
}

// TestScriptsAreFormatted: the scripts the project ships are in the
// canonical layout already, comments and all.
func TestScriptsAreFormatted(t *testing.T) {
	for _, dir := range []string{"stdlib", "examples"} {
		golden.ForEachFile(t, filepath.Join("..", "..", dir, "*.bt"), func(t *testing.T, path, src string) {
			out, err := format.Source(path, src)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != src {
				t.Errorf("%s is not formatted; bpfscript fmt makes it:\n%s", path, out)
			}
			checkFormatted(t, src, string(out))
		})
	}
}

func TestSourceErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"BEGIN { @x = ; }", "stdin:1:14: error: syntax error"},
		{"#include <linux/sched.h>\nBEGIN { }", "stdin:1: cannot format a program with preprocessor lines"},
		{"#!/usr/bin/env bpfscript\nBEGIN { }\n#define X 1", "stdin:3: cannot format"},
	}
	for _, tt := range tests {
		_, err := format.Source("", tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Source(%q): %v, want an error containing %q", tt.src, err, tt.want)
		}
	}
}

// TestParserInputsRoundTrip formats the parser's golden inputs, which use
// every construct of the grammar: each keeps its tree and comments and is
// stable.
func TestParserInputsRoundTrip(t *testing.T) {
	golden.ForEachFile(t, filepath.Join("..", "parser", "testdata", "*.bt"), func(t *testing.T, path, src string) {
		out, err := format.Source(path, src)
		if err != nil {
			t.Fatal(err)
		}
		checkFormatted(t, src, string(out))
	})
}
