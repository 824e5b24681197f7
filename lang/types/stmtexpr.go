package types

import "github.com/bpfscript/bpfscript/lang/ast"

// The expressions whose value a statement discards: a call to a function
// that returns nothing, the ternary whose branches are such calls
// (`$a == 1 ? print("t") : print("f");`), a block expression that ends in
// one (`{ printf("hi") }`), and `_ = expr;`.

// stmtValue checks x, an expression whose value is discarded, and returns
// its type: Void for a call that returns nothing and for a ternary whose
// branches both do.
func (c *checker) stmtValue(x ast.Expr) *Type {
	switch e := unparen(x).(type) {
	case *ast.CallExpr:
		if e == nil {
			return InvalidT
		}
		t := c.call(e, true)
		c.recordParens(x, t)
		return t
	case *ast.TernaryExpr:
		if e == nil || e.Then == nil {
			break
		}
		t := c.ternaryStmt(e)
		c.recordParens(x, t)
		return t
	case *ast.BlockExpr:
		if e == nil {
			break
		}
		t := c.blockExpr(e, true)
		c.recordParens(x, t)
		return t
	}
	return c.expr(x)
}

// ternaryStmt checks a ternary in statement position, whose branches may
// be calls that return nothing. Both branches must then return nothing;
// otherwise it is an ordinary ternary.
func (c *checker) ternaryStmt(e *ast.TernaryExpr) *Type {
	cond := c.expr(e.Cond)
	if !isCondition(cond) {
		c.errorf(e.Cond, "condition must be an integer or pointer, not %s", cond)
	}
	a := c.stmtValue(e.Then)
	b := c.stmtValue(e.Else)
	switch {
	case a.Kind == Void && b.Kind == Void:
		return c.record(e, VoidT)
	case a.Kind == Void || b.Kind == Void:
		if isInvalid(a, b) {
			return c.record(e, InvalidT)
		}
		c.errorf(e, "ternary branches have different types: %s and %s", a, b)
		return c.record(e, InvalidT)
	}
	return c.ternaryType(e, a, b)
}

// discard checks `_ = expr;`: expr is evaluated for its effects and its
// value, if any, dropped.
func (c *checker) discard(s *ast.AssignStmt) {
	// `_` takes the type of what it discards, so that every expression
	// of the tree has a type, as Info promises.
	t := c.stmtValue(s.RHS)
	c.recordParens(s.LHS, t)
	c.record(unparen(s.LHS), t)
}

// isDiscard reports whether x is `_`, the left side of `_ = expr;`.
func isDiscard(x ast.Expr) bool {
	id, ok := unparen(x).(*ast.Ident)
	return ok && id != nil && id.Name == "_"
}
