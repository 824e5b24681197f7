package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// Types as written (ast.TypeName) and the type context builtins, sizeof
// and typeof, whose operand is a type or an expression that is checked for
// its type and never evaluated.

// typeBuiltins adds sizeof and typeof to the table. typeof is a type, not
// a value: it is only valid where a type is written (casts, declarations,
// sizeof, macro arguments), which the parser turns into types; a call
// anywhere else is an error.
func typeBuiltins(t *[NumBuiltins]Builtin) {
	t[BuiltinSizeof] = Builtin{Name: "sizeof", MinArgs: 1, MaxArgs: 1, call: (*checker).sizeof}
	t[BuiltinTypeof] = Builtin{Name: "typeof", MinArgs: 1, MaxArgs: 1, call: (*checker).typeofValue}
}

// sizeof types sizeof(T) and sizeof(expr): a uint64 constant, which
// Info.Consts holds. The operand is checked, not compiled.
func (c *checker) sizeof(call *ast.CallExpr) *Type {
	t := c.typeOperand(call.Args[0])
	switch t.Kind {
	case Invalid:
		return InvalidT
	case Void:
		c.errorf(call.Args[0], "sizeof() needs a type or a value: this expression has none")
		return InvalidT
	}
	c.info.Consts[call] = uint64(t.Size)
	return Uint64
}

// typeofValue reports typeof used as a value.
func (c *checker) typeofValue(call *ast.CallExpr) *Type {
	c.typeOperand(call.Args[0])
	c.errorf(call, "typeof() is a type, not a value: use it in a cast, (typeof($x))y, a declaration, let $y: typeof($x), sizeof() or as a macro's argument")
	return InvalidT
}

// typeOperand returns the type a type context operand denotes: the type
// written, or the type of the expression, which is checked but never
// compiled. A bare name that is no type but a builtin variable (comm,
// pid) stands for the builtin, as in bpftrace, where builtins are not
// names.
func (c *checker) typeOperand(x ast.Expr) *Type {
	te, ok := x.(*ast.TypeExpr)
	if !ok {
		return c.staticType(x, c.expr(x))
	}
	tn := te.Type
	if tn.Of == nil && len(tn.Mods) == 0 && !isTypeName(tn.Name) {
		if b, ok := LookupBuiltin(tn.Name); ok && b.IsVar() {
			// The builtin is checked as an identifier of its own,
			// which is not in the tree: only its type is kept.
			id := &ast.Ident{Span: te.Span, Name: tn.Name}
			t := c.expr(id)
			delete(c.info.Types, id)
			delete(c.info.Consts, id)
			return c.record(te, t)
		}
	}
	return c.record(te, c.resolveType(tn, false))
}

// maxTypeSize bounds the size of a type as written, so that sizes never
// overflow; no value near it fits a BPF program anyway.
const maxTypeSize = 1 << 32

// isTypeName reports whether name is a base type name resolveType knows.
func isTypeName(name string) bool {
	if _, ok := scalarTypeNamed(name); ok {
		return true
	}
	return name == "string" || name == "buffer"
}

// resolveType turns a type as written into a Type: the base (a name, or
// typeof's operand), then each suffix in turn, left to right. For string
// and buffer a first `[N]` is the size. open allows a final `[]`, whose
// length a cast takes from its value. Errors are reported at the type.
func (c *checker) resolveType(tn *ast.TypeName, open bool) *Type {
	mods := tn.Mods
	var t *Type
	switch {
	case tn.Of != nil:
		t = c.typeOperand(tn.Of)
		if t.Kind == Void {
			c.errorf(tn.Of, "typeof() needs a type or a value: this expression has none")
			return InvalidT
		}
	case tn.Name == "string" || tn.Name == "buffer":
		if len(mods) == 0 || mods[0].Pointer || mods[0].Len == 0 {
			if tn.Name == "string" {
				t = NewString(c.strLen)
				break
			}
			c.errorf(tn, "buffer needs its size: buffer[N]")
			return InvalidT
		}
		if tn.Name == "string" {
			t = NewString(mods[0].Len)
		} else {
			t = NewBuffer(mods[0].Len)
		}
		mods = mods[1:]
	default:
		var ok bool
		if t, ok = scalarTypeNamed(tn.Name); !ok {
			c.errorf(tn, "unknown type '%s'%s", tn.Name, suggestTypeName(tn.Name))
			return InvalidT
		}
	}
	if t.Kind == Invalid {
		return InvalidT
	}
	for i, m := range mods {
		if m.Pointer {
			t = &Type{Kind: Pointer, Size: 8, Elem: t}
			continue
		}
		if m.Len == 0 && (!open || i != len(mods)-1) {
			c.errorf(tn, "an array type needs its length here: %s[N]", t)
			return InvalidT
		}
		if t.Size == 0 {
			c.errorf(tn, "cannot make an array of %s", t)
			return InvalidT
		}
		if m.Len > 0 && t.Size > maxTypeSize/m.Len {
			c.errorf(tn, "type %s is too large: more than %d bytes", tn, maxTypeSize)
			return InvalidT
		}
		t = &Type{Kind: Array, Elem: t, Len: m.Len, Size: m.Len * t.Size}
	}
	return t
}

// staticType is the type of the checked expression x (t) as typeof sees
// it, also as the value of parentheses or of a block expression: a
// variable has the type its assignments gave it rather than its 64-bit
// storage type, and an integer literal bpftrace's literal type, so that
// sizeof({ 1 }) is 1.
func (c *checker) staticType(x ast.Expr, t *Type) *Type {
	for {
		switch e := x.(type) {
		case *ast.ParenExpr:
			x = e.X
			continue
		case *ast.BlockExpr:
			if e.Value == nil {
				return t
			}
			x = e.Value
			continue
		case *ast.Var:
			if v := c.info.Vars[e]; v != nil && v.Static != nil && !v.Typed && v.Static.Kind != Invalid && t.Kind != Invalid {
				return v.Static
			}
		case *ast.IntLit, *ast.UnaryExpr:
			if lt, path := c.literalType(x); path != nil && t.Kind == Int {
				return lt
			}
		}
		return t
	}
}

// deref types *p: a pointer to an integer, a bool, a pointer or an array
// of integers reads what it points to, in its address space. Pointers to
// the kernel's structs need their BTF types.
func (c *checker) deref(e *ast.UnaryExpr, x *Type) *Type {
	switch {
	case x.Kind == Pointer && x.Elem != nil && (isScalar(x.Elem) || x.Elem.Kind == Array && isIntElem(x.Elem.Elem)):
		return c.record(e, x.Elem)
	case x.Kind == Int:
		c.errorf(e, "cannot dereference %s: cast it to a pointer first, as *(int64*)x", x)
	case x.Kind == Pointer && x.Elem != nil && x.Elem.Kind == Record:
		c.errorf(e, "dereferencing a pointer to %s ('*') is not supported yet: it needs the kernel's BTF types", x.Elem)
	default:
		c.errorf(e, "cannot dereference %s", x)
	}
	return c.record(e, InvalidT)
}
