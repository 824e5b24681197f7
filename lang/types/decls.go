package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// declaredType resolves the type of `let $x: T [= value]` and checks the
// value against it.
func (c *checker) declaredType(s *ast.LetStmt, valueType *Type) *Type {
	t := c.resolveType(s.Type, true)
	if t.Kind == Invalid {
		return t
	}
	switch t.Kind {
	case Int, Bool, Pointer, String, Buffer, Array, Tuple, Record:
	default:
		if s.Value == nil {
			// typeof(probe), typeof(strftime(...)): no zero value
			// that means anything.
			c.errorf(s.Type, "a variable of type %s needs a value: let %s: %s = ...", t, s.Var.Name, s.Type)
			return InvalidT
		}
	}
	if t.Kind == Array && t.Len == 0 {
		c.errorf(s.Type, "a declared array type needs a length: %s[N]", t.Elem)
		return InvalidT
	}
	if valueType != nil {
		c.checkStore(s.Var.Name, t, valueType, s.Value)
	}
	return t
}

// checkTypedAssign checks a value assigned to a variable declared with a
// type.
func (c *checker) checkTypedAssign(v *Variable, t *Type, rhs ast.Node) {
	if v.Type.Kind == Invalid || t.Kind == Invalid {
		return
	}
	value, _ := rhs.(ast.Expr)
	c.checkStore(v.Name, v.Type, t, value)
}

// checkStore checks that a value of type t may be stored in a variable
// declared as decl: any integer goes to an integer variable (converted as
// a cast would), but an integer literal must fit, as in bpftrace; any
// integer goes to a pointer variable too (`let $p: int32* = 0`), converted
// as a cast to the pointer type would; other types must be the same.
func (c *checker) checkStore(name string, decl, t *Type, value ast.Expr) {
	if t.Kind == Invalid {
		return
	}
	var n ast.Node = value
	if value == nil {
		return
	}
	switch {
	case decl.Kind == Int && t.Kind == Int:
		if text, ok := c.literalFits(value, decl); !ok {
			c.errorf(n, "integer literal %s does not fit in %s %s: cast it, (%s)%s, to truncate it", text, decl, name, decl, text)
		}
		return
	case decl.Kind == Int && t.Kind == Bool:
		return
	case decl.Kind == Pointer && t.Kind == Int:
		return
	case decl.Kind == String && t.Kind == String && t.Size > decl.Size:
		c.errorf(n, "cannot assign %s to %s of type %s: it does not fit", t, name, decl)
		return
	case Identical(decl, t):
		return
	}
	c.errorf(n, "cannot assign %s to %s of type %s", t, name, decl)
}
