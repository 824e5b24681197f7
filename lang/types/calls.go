package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// TimestampT is the type of strftime(fmt, ns): a format id and a time.
var TimestampT = &Type{Kind: Timestamp, Size: 16}

// call checks a function call. asStmt says the call is a whole statement,
// where functions that return nothing (printf, print, exit, ...) belong.
func (c *checker) call(call *ast.CallExpr, asStmt bool) *Type {
	if isAggregation(call.Name) {
		c.aggregation(call)
		c.errorf(call, "%s() must be assigned directly to a map, as in @x = %s(...)", call.Name, call.Name)
		return c.record(call, InvalidT)
	}
	t := c.function(call)
	if t.Kind == Void && !asStmt {
		c.errorf(call, "%s() does not return a value", call.Name)
		return c.record(call, InvalidT)
	}
	return c.record(call, t)
}

// function checks a call of a builtin function (or of a builtin variable,
// as pid()) and returns its result type, Void for the statement-only
// functions.
func (c *checker) function(call *ast.CallExpr) *Type {
	b, ok := LookupBuiltin(call.Name)
	// A variable called with arguments, as uid(1), is no function at
	// all; pid(init) and nsecs(tai) take a mode.
	if !ok || !b.Callable() || (b.IsVar() && b.MaxArgs == 0 && len(call.Args) > 0) {
		var name ast.Node = call.NameSpan
		if !call.NameSpan.Start.IsValid() {
			name = call
		}
		if msg, ok := unsupportedCall(call, b); ok {
			c.errorf(name, "%s", msg)
		} else if b != nil && b.Callable() {
			c.errorf(call, "%s() takes no arguments", call.Name)
		} else {
			c.errorf(name, "unknown function '%s'%s", call.Name, unknownFunctionHint(call.Name))
		}
		for _, a := range call.Args {
			c.expr(a)
		}
		return InvalidT
	}
	failed := InvalidT
	if b.Stmt {
		failed = VoidT
	}
	if !c.validIn(b, call) || !c.unsafeAllowed(b, call) {
		for _, a := range call.Args {
			c.expr(a)
		}
		return failed
	}
	if n := len(call.Args); n < b.MinArgs && b.needs != "" {
		c.errorf(call, "%s() needs %s", call.Name, b.needs)
		for _, a := range call.Args {
			c.expr(a)
		}
		return failed
	}
	max := b.MaxArgs
	if max < 0 {
		max = len(call.Args)
	}
	if !c.arity(call, b.MinArgs, max) {
		return failed
	}
	return b.call(c, call)
}

// arity checks that call has between min and max arguments. When it does
// not, it still checks the arguments so that they get types.
func (c *checker) arity(call *ast.CallExpr, min, max int) bool {
	n := len(call.Args)
	if n >= min && n <= max {
		return true
	}
	switch {
	case min == max:
		c.errorf(call, "%s() takes %s, got %d", call.Name, plural(min, "argument"), n)
	case n < min:
		c.errorf(call, "%s() takes at least %s, got %d", call.Name, plural(min, "argument"), n)
	default:
		c.errorf(call, "%s() takes at most %s, got %d", call.Name, plural(max, "argument"), n)
	}
	for _, a := range call.Args {
		c.expr(a)
	}
	return false
}

// literalFormat checks that arg, a format, is a string literal.
func (c *checker) literalFormat(call *ast.CallExpr, arg ast.Expr) (*ast.StrLit, bool) {
	c.expr(arg)
	lit, ok := unparen(arg).(*ast.StrLit)
	if !ok || lit == nil {
		c.errorf(arg, "%s() format must be a string literal", call.Name)
		return nil, false
	}
	return lit, true
}

func (c *checker) print(call *ast.CallExpr) *Type {
	first := call.Args[0]
	if m, ok := unparen(first).(*ast.MapExpr); ok && m != nil && m.Keys == nil {
		// print(@m[, top[, div]]) prints the whole map.
		c.mapArg("print", first)
		for _, a := range call.Args[1:] {
			if t := c.expr(a); t.Kind != Int && t.Kind != Invalid {
				c.errorf(a, "print() top and div must be integers, not %s", t)
			}
		}
		return VoidT
	}
	t := c.expr(first)
	if !printable(t) && t.Kind != Invalid {
		c.errorf(first, "print() cannot print %s", t)
	}
	if len(call.Args) > 1 {
		c.errorf(call.Args[1], "print() takes top and div arguments only when printing a map")
		for _, a := range call.Args[1:] {
			c.expr(a)
		}
	}
	return VoidT
}

func (c *checker) exit(call *ast.CallExpr) *Type {
	if len(call.Args) == 1 {
		if t := c.expr(call.Args[0]); t.Kind != Int && t.Kind != Invalid {
			c.errorf(call.Args[0], "exit() code must be an integer, not %s", t)
		}
	}
	return VoidT
}

// DeletedT is the type of delete()'s result: whether the key was there.
var DeletedT = Uint64

// delete accepts delete(@m, key), delete(@m[key]) and, for a scalar map,
// delete(@m). It returns whether an entry was deleted.
func (c *checker) delete(call *ast.CallExpr) *Type {
	first := call.Args[0]
	if m, ok := unparen(first).(*ast.MapExpr); ok && m != nil && m.Keys != nil && len(call.Args) == 1 {
		st := c.mapFor(m.Name, m)
		c.mapKeys(m, st)
		c.mapNodes = append(c.mapNodes, mapNode{node: m, name: m.Name, role: mapWhole})
		if st.m.Value == nil {
			c.neverAssigned(m, st)
			c.record(m, InvalidT)
		} else {
			c.record(m, st.m.Value)
		}
		c.recordParens(first, c.info.Types[m])
		return DeletedT
	}
	st, ok := c.mapArg("delete", first)
	if len(call.Args) == 1 {
		if ok && st.keyKnown && st.m.Key != nil {
			c.errorf(call, "delete() needs a key for map %s, which has keys: delete(%s, key)", st.m.Name, st.m.Name)
		}
		return DeletedT
	}
	if !ok {
		c.expr(call.Args[1])
		return DeletedT
	}
	if st.keyKnown && st.m.Key == nil {
		c.errorf(call.Args[1], "map %s has no keys", st.m.Name)
		c.expr(call.Args[1])
		return DeletedT
	}
	c.keyArg(call, st, call.Args[1])
	return DeletedT
}

// wholeMap checks clear(@m) and zero(@m).
func (c *checker) wholeMap(call *ast.CallExpr) *Type {
	c.mapArg(call.Name, call.Args[0])
	return VoidT
}

// time checks time([fmt]).
func (c *checker) time(call *ast.CallExpr) *Type {
	if len(call.Args) == 1 {
		c.literalFormat(call, call.Args[0])
	}
	return VoidT
}

// strftime checks strftime(fmt, ns).
func (c *checker) strftime(call *ast.CallExpr) *Type {
	c.literalFormat(call, call.Args[0])
	if t := c.expr(call.Args[1]); t.Kind != Int && t.Kind != Invalid {
		c.errorf(call.Args[1], "strftime() needs an integer time in nanoseconds, not %s", t)
	}
	return TimestampT
}

// hasKey checks has_key(@m, key).
func (c *checker) hasKey(call *ast.CallExpr) *Type {
	if st, ok := c.keyedMapArg(call); ok {
		c.keyArg(call, st, call.Args[1])
	} else {
		c.expr(call.Args[1])
	}
	return Uint64
}

// mapLen checks len(@m).
func (c *checker) mapLen(call *ast.CallExpr) *Type {
	c.keyedMapArg(call)
	return Int64
}

// keyedMapArg checks the first argument of has_key() and len(): a map that
// has keys.
func (c *checker) keyedMapArg(call *ast.CallExpr) (*mapState, bool) {
	st, ok := c.mapArg(call.Name, call.Args[0])
	if !ok {
		return nil, false
	}
	if st.keyKnown && st.m.Key == nil {
		c.errorf(call.Args[0], "%s() needs a map with keys; %s has none", call.Name, st.m.Name)
		return nil, false
	}
	return st, true
}

// keyArg checks a key given as a separate argument against the map's key.
// Several keys are given as one tuple: delete(@m, (1, "a")).
func (c *checker) keyArg(call *ast.CallExpr, st *mapState, key ast.Expr) {
	t := c.expr(key)
	if t.Kind == Invalid || !st.keyKnown || st.m.Key == nil {
		return
	}
	if _, ok := unify(st.m.Key, t); !ok {
		c.errorf(key, "%s(): key type %s does not match %s of map %s", call.Name, t, st.m.Key, st.m.Name)
	}
}

// str checks str(x[, len]): x a pointer, an integer address, a string or a
// positional parameter; the result is a string of len bytes (at most the
// configured string length).
func (c *checker) str(call *ast.CallExpr) *Type {
	size := c.strLen
	badLen := false
	if len(call.Args) == 2 {
		lt := c.expr(call.Args[1])
		switch {
		case lt.Kind == Invalid:
		case lt.Kind != Int:
			c.errorf(call.Args[1], "str() length must be an integer, not %s", lt)
		default:
			if n, ok := c.constInt(call.Args[1]); ok {
				if n <= 0 {
					c.errorf(call.Args[1], "str() length must be positive, not %d", n)
					badLen = true
				}
				// The length counts characters: the buffer also
				// holds the NUL, as bpftrace's str($1, 3) is "abc".
				if n+1 < int64(size) {
					size = int(n) + 1
				}
			}
		}
	}
	arg := call.Args[0]
	if p, ok := unparen(arg).(*ast.PosParam); ok && p != nil && !p.Count {
		// str($1) is the parameter's text, whatever it looks like.
		c.expr(arg)
		if badLen {
			return InvalidT
		}
		s, _ := c.param(p.Index)
		if len(call.Args) == 2 && size < len(s)+1 {
			return NewString(size)
		}
		return NewString(len(s) + 1)
	}
	if p, k, ok := ParamOffset(arg); ok {
		t := c.strParamOffset(arg, p, k, size, len(call.Args) == 2)
		if badLen {
			return InvalidT
		}
		return t
	}
	t := c.expr(arg)
	switch {
	case badLen || t.Kind == Invalid:
		return InvalidT
	case t.Kind == String:
		if size < t.Size {
			return NewString(size)
		}
		return t
	case t.Kind == Pointer:
		return &Type{Kind: String, Size: size, Space: t.Space}
	case t.Kind == Int:
		return NewString(size)
	}
	c.errorf(arg, "str() needs a pointer, an integer or a string, not %s", t)
	return InvalidT
}

// join checks join(argv[, sep]): argv must point to an array of string
// pointers, such as args.argv of sys_enter_execve.
func (c *checker) join(call *ast.CallExpr) *Type {
	t := c.expr(call.Args[0])
	if t.Kind != Invalid && (t.Kind != Pointer || t.Elem == nil || t.Elem.Kind != Pointer) {
		c.errorf(call.Args[0], "join() needs a pointer to an array of string pointers, not %s", t)
	}
	if len(call.Args) == 2 {
		c.expr(call.Args[1])
		if lit, ok := unparen(call.Args[1]).(*ast.StrLit); !ok || lit == nil {
			c.errorf(call.Args[1], "join() separator must be a string literal")
		}
	}
	return VoidT
}
