package types_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/types"
)

// typeExprErrorsFile holds the errors of type expressions, sizeof, typeof
// and pointers, in the format of errorsFile.
const typeExprErrorsFile = "testdata/errors_typeexpr.txt"

func TestTypeExprErrors(t *testing.T) { checkErrorCases(t, typeExprErrorsFile, false) }

// typeExprDecls are the variables the cases of TestSizeof and TestTypeof
// use.
const typeExprDecls = `$i16 = (int16)1; $u = (uint32)2; $lit = 1; $s = "abc"; $p = (int32*)8; $t = ((int8)1, "ab"); `

func TestSizeof(t *testing.T) {
	cases := []struct {
		operand string
		want    uint64
	}{
		{"uint32", 4},
		{"int8_t", 1},
		{"bool", 1},
		{"uint32*", 8},
		{"uint32*[10]", 80},
		{"uint32[10]*", 8},
		{"int16[3][2]", 12},
		{"string[64]", 64},
		{"string[64][2]", 128},
		{"string", types.DefaultStrLen},
		{"buffer[16]", 24},
		{"comm", 16},
		{"pid", 4},
		{"$i16", 2},
		{"$u", 4},
		{"$lit", 8},
		{"$s", 4},
		{"$p", 8},
		{"$t", 16}, // a tuple's integers are stored in 64 bits
		{"{ $a = (int8)1; $a }", 1},
		{"{ 1 }", 1},
		{"-200", 2},
		{"$i16 + 1", 8},
		{"($i16)", 2},
		{"typeof($i16)", 2},
		{"typeof(uint8)[5]", 5},
		{"typeof($p)*", 8},
		{"(int8[2])$i16", 2},
		{"*$p", 4},
	}
	for _, c := range cases {
		t.Run(c.operand, func(t *testing.T) {
			src := "begin { " + typeExprDecls + "print(sizeof(" + c.operand + ")); }"
			info, call := checkFind(t, src, "sizeof")
			if got, ok := info.Consts[call]; !ok || got != c.want {
				t.Errorf("sizeof(%s) = %d (known %t), want %d", c.operand, got, ok, c.want)
			}
		})
	}
}

func TestTypeof(t *testing.T) {
	cases := []struct {
		typ, want string // (typ)0 is of type want
	}{
		{"typeof($i16)", "int16"},
		{"typeof($u)", "uint32"},
		{"typeof($lit)", "int64"},
		{"typeof(uint8)", "uint8"},
		{"typeof(uint8)*", "uint8 *"},
		{"typeof($p)", "int32 *"},
		{"typeof(*$p)", "int32"},
		{"typeof(typeof($i16))", "int16"},
		{"typeof({ $b = (uint16)1; $b })", "uint16"},
		{"int32*", "int32 *"},
		{"bool*", "bool *"},
		{"int32[2]*", "int32[2] *"},
		{"uint8*[4]*", "uint8 *[4] *"},
	}
	for _, c := range cases {
		t.Run(c.typ, func(t *testing.T) {
			src := "begin { " + typeExprDecls + "$r = (" + c.typ + ")0; }"
			info, _ := checkFind(t, src, "")
			var cast *ast.CastExpr
			prog := info.Probes[0].Node
			ast.Inspect(prog, func(n ast.Node) bool {
				if a, ok := n.(*ast.AssignStmt); ok && a.LHS.(*ast.Var).Name == "$r" {
					cast, _ = a.RHS.(*ast.CastExpr)
				}
				return true
			})
			if cast == nil {
				t.Fatal("no cast found")
			}
			if got := info.Types[cast].String(); got != c.want {
				t.Errorf("(%s)0 has type %s, want %s", c.typ, got, c.want)
			}
		})
	}
}

// checkFind checks src, which must check, and returns its Info and the
// last call named name in it (nil for "").
func checkFind(t *testing.T, src, name string) (*types.Info, *ast.CallExpr) {
	t.Helper()
	info, err := checkSource(t, src)
	if err != nil {
		t.Fatalf("%s", diag.Render(err, src))
	}
	var call *ast.CallExpr
	for _, p := range info.Probes {
		ast.Inspect(p.Node, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && c.Name == name {
				call = c
			}
			return true
		})
	}
	return info, call
}
