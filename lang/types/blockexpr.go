package types

import "github.com/bpfscript/bpfscript/lang/ast"

// blockExpr checks a block expression: its statements in a scope of their
// own (a let inside is not seen after the block), then its value, which
// is the block's. In statement position (asStmt) the value may be a call
// that returns nothing, `{ printf("hi") }`, as a statement's may.
func (c *checker) blockExpr(e *ast.BlockExpr, asStmt bool) *Type {
	c.scopes = append(c.scopes, scope{})
	for _, s := range e.Stmts {
		c.stmt(s)
	}
	var t *Type
	if asStmt {
		t = c.stmtValue(e.Value)
	} else {
		t = c.expr(e.Value)
	}
	c.scopes = c.scopes[:len(c.scopes)-1]
	return c.record(e, t)
}
