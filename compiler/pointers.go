package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// Pointers: casts of integers to pointers, arithmetic in elements of the
// pointed-to type, and reading through them with *p.

// toPointer converts an integer or a pointer to the pointer type t. An
// integer is zero-extended from its size, as bpftrace's inttoptr does:
// (uint8*)-1 is 0xff.
func (b *fn) toPointer(x val, t *types.Type) val {
	if x.t.Kind == types.Pointer || x.t.Size >= 8 {
		if x.isConst {
			return constVal(t, x.k)
		}
		return val{t: t, reg: b.scalar(x)}
	}
	unsigned := types.NewInt(x.t.Size, false)
	if x.isConst {
		return constVal(t, truncate(x.k, unsigned))
	}
	d := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Ext, Dst: d, A: b.scalar(x), Size: x.t.Size})
	return val{t: t, reg: d}
}

// pointerArith computes p + n, n + p and p - n as C and bpftrace do: n
// counts elements of the pointed-to type, so (int32*)16 + 1 is 20.
func (b *fn) pointerArith(e *ast.BinaryExpr, t *types.Type) val {
	x, y := b.expr(e.X), b.expr(e.Y)
	size := 1
	if t.Elem != nil && t.Elem.Kind != types.Void {
		size = max(t.Elem.Size, 1)
	}
	if size > 1 {
		if b.typeOf(e.X).Kind == types.Pointer {
			y = b.arith("*", y, constVal(types.Int64, int64(size)), e)
		} else {
			x = b.arith("*", x, constVal(types.Int64, int64(size)), e)
		}
	}
	v := b.arith(e.Op, x, y, e)
	v.t = t
	return v
}

// deref compiles *p: it reads what p points to, in p's address space, as
// p[0] does.
func (b *fn) deref(e *ast.UnaryExpr, t *types.Type) val {
	x := b.expr(e.X)
	size := t.Size
	if isScalar(t) {
		size = scalarSize(t)
	}
	return b.readThrough(b.scalar(x), x.t.Space, t, size)
}
