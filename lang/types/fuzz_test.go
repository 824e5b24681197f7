package types_test

import (
	"io"
	"reflect"
	"testing"

	"github.com/bpfscript/bpfscript/internal/progen"
	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/macro"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/preproc"
	"github.com/bpfscript/bpfscript/lang/types"
)

// FuzzCheck parses and checks arbitrary source: the checker must not
// panic, must return an Info and a diag.List, and must type every
// expression of every program that parses.
//
// The seeds are the test programs (with every file of error cases: each
// construct's type errors) and generated programs (internal/progen) with
// every construct the generator knows, preprocessed as the compiler does.
func FuzzCheck(f *testing.F) {
	for _, src := range testPrograms(f) {
		f.Add(src)
	}
	for seed := range uint64(30) {
		p := progen.Generate(seed, progen.Config{MaxProbes: 2, MaxStmts: 8, SelfContained: true})
		r, err := preproc.Process("gen.bt", p.Source, preproc.Options{})
		if err != nil {
			f.Fatalf("seed %d: %v", seed, err)
		}
		f.Add(r.Source)
	}
	env := testenv.New()
	f.Fuzz(func(t *testing.T, src string) {
		prog, err := parser.Parse("", src)
		if err != nil {
			return
		}
		// The checker sees programs after their macros are expanded,
		// as the pipeline gives them.
		if err := macro.Expand(prog); err != nil {
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
