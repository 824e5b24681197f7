package parser

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// TestNestingLimit checks that every way of nesting deeply stops at
// maxNesting with a positioned error instead of exhausting the stack, and
// that nesting up to the limit still parses.
func TestNestingLimit(t *testing.T) {
	repeat := strings.Repeat
	const n = 100000 // far past the limit
	tests := []struct {
		name, src, msg string
	}{
		{"parentheses", "begin { $x = " + repeat("(", n) + "1" + repeat(")", n) + "; }", "expression nested too deeply"},
		{"unary minus", "begin { $x = " + repeat("- ", n) + "1; }", "expression nested too deeply"},
		{"logical not", "begin { $x = " + repeat("!", n) + "1; }", "expression nested too deeply"},
		{"binary chain", "begin { $x = 1" + repeat(" + 1", n) + "; }", "expression nested too deeply"},
		{"ternary chain", "begin { $x = " + repeat("1 ? 2 : ", n) + "3; }", "expression nested too deeply"},
		{"index chain", "begin { $x = @m" + repeat("[1]", n) + "; }", "expression nested too deeply"},
		{"field chain", "begin { $x = args" + repeat(".f", n) + "; }", "expression nested too deeply"},
		{"nested ifs", "begin { " + repeat("if (1) { ", n) + repeat("} ", n) + "}", "block nested too deeply"},
		{"else if chain", "begin { if (1) {} " + repeat("else if (1) {} ", n) + "}", "block nested too deeply"},
		{"block expressions in parentheses", "begin { $x = " + repeat("({ ", n) + "1" + repeat(" })", n) + "; }", "block nested too deeply"},
		{"nested block expressions", "begin { $x = " + repeat("{ ", n) + "1" + repeat(" }", n) + "; }", "block nested too deeply"},
		{"nested typeof", "begin { $x = (" + repeat("typeof(", n) + "uint8" + repeat(")", n) + ")1; }", "expression nested too deeply"},
		{"nested sizeof", "begin { $x = " + repeat("sizeof(", n) + "uint8" + repeat(")", n) + "; }", "expression nested too deeply"},
		{"nested predicate", "begin /" + repeat("(", n) + "1" + repeat(")", n) + "/ { }", "expression nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("test.bt", tt.src)
			list, ok := err.(diag.List)
			if !ok || len(list) != 1 {
				t.Fatalf("got error %v, want one positioned error", err)
			}
			want := tt.msg + " (more than 1000 levels)"
			if e := list[0]; e.Msg != want || e.Pos.Line != 1 || e.Pos.Col < 1000 {
				t.Errorf("got %s, want %q at line 1 past column 1000", e, want)
			}
		})
	}
}

func TestNestingUpToLimitParses(t *testing.T) {
	repeat := strings.Repeat
	// A probe body is one level and each if's block another; an
	// expression level is one parenthesis or one operator.
	const n = maxNesting - 10
	for name, src := range map[string]string{
		"parentheses":  "begin { $x = " + repeat("(", n) + "1" + repeat(")", n) + "; }",
		"binary chain": "begin { $x = 1" + repeat(" + 1", n) + "; }",
		"nested ifs":   "begin { " + repeat("if (1) { ", n/2) + repeat("} ", n/2) + "}",
	} {
		if _, err := parse("test.bt", src); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
