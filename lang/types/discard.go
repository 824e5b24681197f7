package types

import "github.com/bpfscript/bpfscript/lang/ast"

// discardedMsg is upstream's warning, word for word, about a statement
// that computes a value and throws it away.
const discardedMsg = "Return value discarded."

// discarded warns when x, an expression statement of type t, computes a
// value that nothing uses, as upstream does for every expression
// statement whose type is not void: `{ 1 }`, `has_key(@a, 1);`, `pid;`
// or a call of a macro that ends in a value. `_ = x;` says the value is
// unwanted and does not warn. Neither do the statements whose effect is
// the point: `@x++` and `$x--`, and delete(), which warns at run time
// when its discarded result says the key was missing.
func (c *checker) discarded(x ast.Expr, t *Type) {
	if c.learnOnly || t == nil || t.Kind == Void || t.Kind == Invalid {
		return
	}
	switch e := unparen(x).(type) {
	case *ast.IncDecExpr:
		return
	case *ast.CallExpr:
		if e.Name == "delete" {
			return
		}
	}
	c.warnings.Addf(x, "%s", discardedMsg)
}
