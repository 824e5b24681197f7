package macro_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/macro"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// expand parses src and expands its macros: the probes' tree as ast.Fprint
// prints it, or the errors as diag.Render prints them.
func expand(t *testing.T, src string) string {
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatalf("parse error:\n%s", diag.Render(err, src))
	}
	if err := macro.Expand(prog); err != nil {
		return diag.Render(err, src)
	}
	var b strings.Builder
	for _, p := range prog.Probes {
		if err := ast.Fprint(&b, p); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestExpand pins the expansion of each case: the probes after it.
func TestExpand(t *testing.T) {
	golden.CheckCases(t, "testdata/expand.txt", expand)
}

// TestErrors pins every misuse's message, position and caret.
func TestErrors(t *testing.T) {
	golden.CheckCases(t, "testdata/errors.txt", expand)
}

// TestNoMacros checks that a program without macros is left as it is:
// the same nodes, not copies.
func TestNoMacros(t *testing.T) {
	prog, err := parser.Parse("", "BEGIN { printf(\"%d\\n\", pid); }")
	if err != nil {
		t.Fatal(err)
	}
	body := prog.Probes[0].Body
	if err := macro.Expand(prog); err != nil {
		t.Fatal(err)
	}
	if prog.Probes[0].Body != body {
		t.Error("Expand copied a program without macros")
	}
}

// TestNoSharedNodes checks that no node of the expanded program stands in
// two places: the checker and the compiler key what they learn by node.
func TestNoSharedNodes(t *testing.T) {
	src := `macro twice(x) { x + x } macro id($a) { $a }
BEGIN { $v = 1; print(twice(id($v) * 2)); print(twice(twice(pid))); }`
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatal(err)
	}
	if err := macro.Expand(prog); err != nil {
		t.Fatal(err)
	}
	seen := map[ast.Node]bool{}
	ast.Inspect(prog.Probes[0], func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if seen[n] {
			t.Errorf("%s: %T appears twice", n.Pos(), n)
		}
		seen[n] = true
		return true
	})
}

// TestExpansionTooLarge: macros that double their argument, nested, would
// make a program of billions of nodes; the expansion stops with an error.
func TestExpansionTooLarge(t *testing.T) {
	var src strings.Builder
	src.WriteString("macro m0(x) { x + x }\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&src, "macro m%d(x) { m%d(x) + m%d(x) }\n", i, i-1, i-1)
	}
	src.WriteString("BEGIN { print(m39(1)); }\n")
	prog, err := parser.Parse("", src.String())
	if err != nil {
		t.Fatal(err)
	}
	err = macro.Expand(prog)
	if err == nil || !strings.Contains(err.Error(), "macro expansion too large") {
		t.Fatalf("got %v, want an expansion too large", err)
	}
}
