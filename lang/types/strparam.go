package types

import "github.com/bpfscript/bpfscript/lang/ast"

// ParamOffset recognises the argument of str($N + k): a positional
// parameter plus one constant, which bpftrace reads as a pointer into the
// parameter's text, so that str($1 + 1) of "hello" is "ello". It returns
// the parameter and the offset expression.
func ParamOffset(e ast.Expr) (*ast.PosParam, ast.Expr, bool) {
	b, ok := unparen(e).(*ast.BinaryExpr)
	if !ok || b == nil || b.Op != "+" {
		return nil, nil, false
	}
	p, ok := unparen(b.X).(*ast.PosParam)
	if !ok || p == nil || p.Count {
		return nil, nil, false
	}
	return p, b.Y, true
}

// strParamOffset checks str($N + k[, n]) (see ParamOffset): k must be an
// integer constant from 0 to the parameter's length. size is the buffer
// str()'s length argument allows, limit whether one was given. The result
// is the rest of the parameter from its k-th byte.
func (c *checker) strParamOffset(arg ast.Expr, p *ast.PosParam, k ast.Expr, size int, limit bool) *Type {
	c.expr(p)
	kt := c.expr(k)
	s, _ := c.param(p.Index)
	n, ok := c.constInt(k)
	switch {
	case kt.Kind == Invalid:
		return c.record(arg, InvalidT)
	case kt.Kind != Int || !ok:
		c.errorf(k, "str($%d + k) needs an integer constant k, not %s", p.Index, kt)
		return c.record(arg, InvalidT)
	case n < 0 || n > int64(len(s)):
		c.errorf(k, "str($%d + %d) is outside parameter $%d: the offset must be from 0 to its length, %d", p.Index, n, p.Index, len(s))
		return c.record(arg, InvalidT)
	}
	rest := NewString(len(s) - int(n) + 1)
	c.record(arg, rest)
	if limit && size < rest.Size {
		return NewString(size)
	}
	return rest
}
