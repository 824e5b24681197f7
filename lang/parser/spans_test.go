package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// checkPos reports what is wrong with p as a position in src, or "".
// It recomputes line and column from the offset independently of the
// parser's line index.
func checkPos(p ast.Pos, src string) string {
	if p.Offset < 0 || p.Offset > len(src) {
		return fmt.Sprintf("offset %d outside [0, %d]", p.Offset, len(src))
	}
	before := src[:p.Offset]
	line := strings.Count(before, "\n") + 1
	col := p.Offset - (strings.LastIndexByte(before, '\n') + 1) + 1
	if p.Line != line || p.Col != col {
		return fmt.Sprintf("offset %d is %d:%d, position says %d:%d", p.Offset, line, col, p.Line, p.Col)
	}
	return ""
}

// checkSpans checks every node of prog: valid positions, a non-empty span
// (except the program of an all-blank file), children inside their parent,
// and names matching the source text they span. It returns the first
// problem or "".
func checkSpans(prog *ast.Program, src string) string {
	var problem string
	var stack []ast.Node
	ast.Inspect(prog, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if problem != "" {
			return false
		}
		fail := func(format string, args ...any) {
			problem = fmt.Sprintf("%T at %s: %s", n, n.Pos(), fmt.Sprintf(format, args...))
		}
		start, stop := n.Pos(), n.End()
		if msg := checkPos(start, src); msg != "" {
			fail("start: %s", msg)
			return false
		}
		if msg := checkPos(stop, src); msg != "" {
			fail("stop: %s", msg)
			return false
		}
		if start.Offset >= stop.Offset {
			fail("empty span [%d, %d)", start.Offset, stop.Offset)
			return false
		}
		if len(stack) > 0 {
			parent := stack[len(stack)-1]
			if start.Offset < parent.Pos().Offset || stop.Offset > parent.End().Offset {
				fail("span [%d, %d) outside parent %T [%d, %d)", start.Offset, stop.Offset,
					parent, parent.Pos().Offset, parent.End().Offset)
				return false
			}
		}
		if want, ok := spannedText(n); ok {
			if got := src[start.Offset:stop.Offset]; got != want {
				fail("spans %q, want %q", got, want)
				return false
			}
		}
		stack = append(stack, n)
		return true
	})
	return problem
}

// spannedText is the exact source text a leaf node must span, when the node
// records it.
func spannedText(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.Ident:
		return n.Name, true
	case *ast.Var:
		return n.Name, true
	case *ast.IntLit:
		return n.Raw, true
	case *ast.ProbeSpec:
		return n.Raw, true
	case *ast.MapExpr:
		if n.Keys == nil {
			return n.Name, true
		}
	}
	return "", false
}

// TestSpans pins spans by rendering an error over a chosen node: the caret
// and tildes must sit exactly under the node's text.
func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		src  string
		pick func(ast.Node) bool // the first node, in source order, to mark
		want string              // the caret line under the source line
	}{
		{"probe", "BEGIN { exit() }", is[*ast.Probe], "^~~~~~~~~~~~~~~~"},
		{"probe list", "// x\nkprobe:a, kprobe:b /pid/ { }", is[*ast.Probe], "^~~~~~~~~~~~~~~~~~~~~~~~~~~~"},
		{"second spec", "kprobe:a, kprobe:b { }", nth[*ast.ProbeSpec](2), "          ^~~~~~~~"},
		{"uprobe spec", "uprobe:/bin/bash:readline{}", is[*ast.ProbeSpec], "^~~~~~~~~~~~~~~~~~~~~~~~~"},
		{"block", "BEGIN { exit() }", is[*ast.Block], "      ^~~~~~~~~~"},
		{"predicate", "BEGIN /pid == 1/ { }", is[*ast.BinaryExpr], "       ^~~~~~~~"},
		{"expr stmt", "BEGIN { exit(); }", is[*ast.ExprStmt], "        ^~~~~~"},
		{"assign without semicolon", "BEGIN { @x[1] += 2; }", is[*ast.AssignStmt], "        ^~~~~~~~~~"},
		{"let", "BEGIN { let $x = 1 + 2; }", is[*ast.LetStmt], "        ^~~~~~~~~~~~~~"},
		{"let var", "BEGIN { let $x; }", is[*ast.Var], "            ^~"},
		{"if else", "BEGIN { if (a) { } else { } }", is[*ast.IfStmt], "        ^~~~~~~~~~~~~~~~~~~"},
		{"else if", "BEGIN { if (a) { } else if (b) { } }", nth[*ast.IfStmt](2), "                        ^~~~~~~~~~"},
		{"return", "BEGIN { return; }", is[*ast.ReturnStmt], "        ^~~~~~"},
		{"int", "BEGIN { @ = 0x1_0; }", is[*ast.IntLit], "            ^~~~~"},
		{"string with escapes", `BEGIN { @ = "a\tb"; }`, is[*ast.StrLit], "            ^~~~~~"},
		{"map key list", "BEGIN { @m[1, 2] = 1; }", is[*ast.MapExpr], "        ^~~~~~~~"},
		{"anonymous map", "BEGIN { @ = 1; }", is[*ast.MapExpr], "        ^"},
		{"call", `BEGIN { printf("%d", 1); }`, is[*ast.CallExpr], "        ^~~~~~~~~~~~~~~"},
		{"positional", "BEGIN { @ = $12; }", is[*ast.PosParam], "            ^~~"},
		{"param count", "BEGIN { @ = $#; }", is[*ast.PosParam], "            ^~"},
		{"binary", "BEGIN { @ = a + b * c; }", is[*ast.BinaryExpr], "            ^~~~~~~~~"},
		{"inner binary", "BEGIN { @ = a + b * c; }", nth[*ast.BinaryExpr](2), "                ^~~~~"},
		{"unary", "BEGIN { @ = -~a; }", is[*ast.UnaryExpr], "            ^~~"},
		{"pre increment", "BEGIN { ++$x; }", is[*ast.IncDecExpr], "        ^~~~"},
		{"post increment", "BEGIN { @m[1]--; }", is[*ast.IncDecExpr], "        ^~~~~~~"},
		{"ternary", "BEGIN { @ = a ? b : c; }", is[*ast.TernaryExpr], "            ^~~~~~~~~"},
		{"field", "BEGIN { @ = args->x.y; }", is[*ast.FieldExpr], "            ^~~~~~~~~"},
		{"tuple index", "BEGIN { @ = $t.0; }", is[*ast.FieldExpr], "            ^~~~"},
		{"index", "BEGIN { @ = a[1]; }", is[*ast.IndexExpr], "            ^~~~"},
		{"tuple", "BEGIN { @ = (1, 2); }", is[*ast.TupleExpr], "            ^~~~~~"},
		{"paren", "BEGIN { @ = ( 1 ); }", is[*ast.ParenExpr], "            ^~~~~"},
		{"second line", "BEGIN {\n\t@ = \"é\" + pid;\n}", is[*ast.Ident], "\t          ^~~"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := mustParse(t, tt.src)
			var found ast.Node
			ast.Inspect(prog, func(n ast.Node) bool {
				if found == nil && n != nil && tt.pick(n) {
					found = n
				}
				return found == nil
			})
			if found == nil {
				t.Fatal("no node picked")
			}
			lines := strings.Split(diag.Render(diag.Errorf(found, "here"), tt.src), "\n")
			if len(lines) < 3 || lines[2] != tt.want {
				t.Errorf("got caret\n%s\nwant\n%s\n%s", strings.Join(lines, "\n"), lines[1], tt.want)
			}
		})
	}
}

// is picks the first node of type T.
func is[T ast.Node](n ast.Node) bool {
	_, ok := n.(T)
	return ok
}

// nth picks the n-th node of type T, counting from 1.
func nth[T ast.Node](n int) func(ast.Node) bool {
	seen := 0
	return func(node ast.Node) bool {
		if _, ok := node.(T); ok {
			seen++
		}
		return seen == n
	}
}
