package types_test

import (
	"io"
	"reflect"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// FuzzCheck parses and checks arbitrary source: the checker must not
// panic, must return an Info and a diag.List, and must type every
// expression of every program that parses.
func FuzzCheck(f *testing.F) {
	for _, src := range testPrograms(f) {
		f.Add(src)
	}
	env := testenv.New()
	f.Fuzz(func(t *testing.T, src string) {
		prog, err := parser.Parse("", src)
		if err != nil {
			return
		}
		info, err := types.Check(prog, &types.Config{Env: env, Params: testParams})
		if info == nil {
			t.Fatal("no Info")
		}
		if err != nil {
			if _, ok := err.(diag.List); !ok {
				t.Fatalf("error is %T, want diag.List", err)
			}
			_ = diag.Render(err, src)
		}
		var exprs []ast.Expr
		collectExprs(reflect.ValueOf(prog), &exprs)
		for _, e := range exprs {
			if info.Types[e] == nil {
				t.Fatalf("%s: %s has no type", e.Pos(), types.ExprString(e))
			}
		}
		if err := info.Fprint(io.Discard, prog); err != nil {
			t.Fatal(err)
		}
	})
}
