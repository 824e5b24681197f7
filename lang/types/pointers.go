package types

import "github.com/bpfscript/bpfscript/lang/ast"

// The address-of operator and arithmetic between pointers.

// addrOf types &$x: a pointer to the variable, of its type, in the
// kernel's address space (the program's stack or scratch memory), which
// *p reads back. As in bpftrace only a scratch variable has an address
// here: a map's value has none that outlives its lookup.
func (c *checker) addrOf(e *ast.UnaryExpr) *Type {
	switch x := e.X.(type) {
	case *ast.Var:
		t := c.expr(x)
		v := c.info.Vars[x]
		if isInvalid(t) || v == nil {
			return c.record(e, InvalidT)
		}
		v.AddrTaken = true
		return c.record(e, &Type{Kind: Pointer, Size: 8, Elem: t, Space: Kernel})
	case *ast.MapExpr:
		c.expr(x)
		// Upstream's &@m is the map itself, for the functions of
		// imported .bpf.c files, which need a C compiler.
		c.errorf(e, "taking the address of a map is not supported yet: upstream's &@m passes a map to the functions of imported .bpf.c files, which bpfscript does not import; only a $variable's address can be taken, as &$x")
	default:
		c.expr(x)
		c.errorf(e, "cannot take the address of this expression: only of a $variable, as &$x")
	}
	return c.record(e, InvalidT)
}

// pointerDiff types p - q for two pointers: as in C, the number of
// elements of their common type between them, an int64.
func (c *checker) pointerDiff(e *ast.BinaryExpr, x, y *Type) *Type {
	if !Identical(x.Elem, y.Elem) {
		c.errorf(e, "cannot subtract %s from %s: the pointers must point to the same type", y, x)
		return c.record(e, InvalidT)
	}
	return c.record(e, Int64)
}

// unknownTypeName reports whether tn is a bare name that names no type.
func unknownTypeName(tn *ast.TypeName) bool {
	return tn.Of == nil && len(tn.Mods) == 0 && !isTypeName(tn.Name)
}
