package types_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestElvisErrors pins the errors of the elvis operator, the discard
// `_ = expr;` and the ternary as a statement.
func TestElvisErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_elvis.txt", false)
}

// TestElvisTypes checks the type of the expression of a program's last
// statement: an expression statement, or the value of `_ = expr;`.
func TestElvisTypes(t *testing.T) {
	tests := []struct{ src, want string }{
		{`BEGIN { 1 ?: 2; }`, "int64"},
		{`BEGIN { pid ?: tid; }`, "uint64"},
		{`BEGIN { pid ?: -1; }`, "int64"},
		{`BEGIN { true ?: false; }`, "bool"},
		{`BEGIN { $a = 1; $b = 2; $a ?: $b ?: 3; }`, "int64"},
		{`BEGIN { $a = 1; $a == 1 ? printf("a") : printf("b"); }`, "none"},
		{`BEGIN { 1 ? exit() : (2 ? print(1) : clear(@m)); @m = 1; 1 ? exit() : exit(); }`, "none"},
		{`BEGIN { _ = pid; }`, "uint32"},
		{`BEGIN { _ = printf("x"); }`, "none"},
		{`BEGIN { _ = (1 ? printf("x") : exit()); }`, "none"},
		{`BEGIN { @m[1] = 1; _ = @m[1] ?: 2; }`, "int64"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := parser.Parse("", tt.src)
			if err != nil {
				t.Fatalf("parse error:\n%s", diag.Render(err, tt.src))
			}
			info, err := types.Check(prog, testConfig(t))
			if err != nil {
				t.Fatalf("check error:\n%s", diag.Render(err, tt.src))
			}
			stmts := prog.Probes[0].Body.Stmts
			var x ast.Expr
			switch s := stmts[len(stmts)-1].(type) {
			case *ast.ExprStmt:
				x = s.X
			case *ast.AssignStmt:
				x = s.RHS
			default:
				t.Fatalf("last statement is %T", s)
			}
			if got := info.Types[x].String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
