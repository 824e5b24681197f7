package ast_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// label names a node briefly for the traversal tests.
func label(n ast.Node) string {
	switch n := n.(type) {
	case *ast.ProbeSpec:
		return n.Raw
	case *ast.Ident:
		return n.Name
	case *ast.Var:
		return n.Name
	case *ast.MapExpr:
		return n.Name
	case *ast.IntLit:
		return n.Raw
	case *ast.BinaryExpr:
		return n.Op
	case *ast.CallExpr:
		return n.Name + "()"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast.")
}

func TestInspectOrder(t *testing.T) {
	tests := []struct{ src, want string }{
		{"kprobe:a, kprobe:b /pid == 1/ { @[comm] = count(); }",
			"Program Probe kprobe:a kprobe:b == pid 1 Block AssignStmt @ comm count()"},
		{"BEGIN { let $x = 1; let $y; if ($x) { return } else if (1) { } else { exit() } }",
			"Program Probe BEGIN Block LetStmt $x 1 LetStmt $y IfStmt $x Block ReturnStmt IfStmt 1 Block Block ExprStmt exit()"},
		{"BEGIN { @ = a ? -b[1] : (c, d.x, $e++); }",
			"Program Probe BEGIN Block AssignStmt @ TernaryExpr a UnaryExpr IndexExpr b 1 TupleExpr c FieldExpr d IncDecExpr $e"},
		{"BEGIN { @ = (f(1, 2) + $1); }",
			"Program Probe BEGIN Block AssignStmt @ ParenExpr + f() 1 2 PosParam"},
	}
	for _, tt := range tests {
		prog, err := parser.Parse("", tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		var got []string
		depth, maxDepth := 0, 0
		ast.Inspect(prog, func(n ast.Node) bool {
			if n == nil {
				depth--
				return false
			}
			depth++
			maxDepth = max(maxDepth, depth)
			got = append(got, label(n))
			return true
		})
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Inspect(%q) visited\n%s\nwant\n%s", tt.src, g, tt.want)
		}
		if depth != 0 {
			t.Errorf("Inspect(%q): %d more nodes entered than left", tt.src, depth)
		}
	}
}

func TestInspectPrune(t *testing.T) {
	prog, err := parser.Parse("", "BEGIN { @ = f(g(1)); } END { exit() }")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	ast.Inspect(prog, func(n ast.Node) bool {
		if n != nil {
			got = append(got, label(n))
		}
		_, isCall := n.(*ast.CallExpr)
		return !isCall
	})
	want := "Program Probe BEGIN Block AssignStmt @ f() Probe END Block ExprStmt exit()"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("visited\n%s\nwant\n%s", g, want)
	}
}

// TestInspectPartialTree checks that nil children of a hand-built tree are
// skipped rather than visited or dereferenced.
func TestInspectPartialTree(t *testing.T) {
	tree := &ast.Program{Probes: []*ast.Probe{{}}}
	tree.Probes = append(tree.Probes, &ast.Probe{Body: &ast.Block{Stmts: []ast.Stmt{&ast.LetStmt{}, &ast.IfStmt{}}}})
	var got []string
	ast.Inspect(tree, func(n ast.Node) bool {
		if n != nil {
			got = append(got, label(n))
		}
		return true
	})
	if g, want := strings.Join(got, " "), "Program Probe Probe Block LetStmt IfStmt"; g != want {
		t.Errorf("visited %s, want %s", g, want)
	}
}
