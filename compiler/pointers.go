package compiler

import (
	"github.com/cilium/ebpf/asm"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// Pointers: casts of integers to pointers, arithmetic in elements of the
// pointed-to type, reading through them with *p, and the addresses of
// variables, &$x.

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
	size := elemSize(t)
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

// elemSize is the size of what pointer t points to, the unit of its
// arithmetic: 1 for void *.
func elemSize(t *types.Type) int {
	if t.Elem != nil && t.Elem.Kind != types.Void {
		return max(t.Elem.Size, 1)
	}
	return 1
}

// pointerDiff computes p - q, two pointers to the same type, as C does:
// the signed number of elements between them.
func (b *fn) pointerDiff(e *ast.BinaryExpr) val {
	size := elemSize(b.typeOf(e.X))
	d := b.arith("-", b.expr(e.X), b.expr(e.Y), e)
	d.t = types.Int64
	if size > 1 {
		d = b.arith("/", d, constVal(types.Int64, int64(size)), e)
	}
	d.t = types.Int64
	return d
}

// addrOf compiles &$x. The checker marked $x, so its home is memory (the
// stack or scratch memory) and *p reads it with bpf_probe_read_kernel.
// The address goes through that helper too, from one stack slot into
// another: what comes out is a number to the verifier, not a pointer it
// tracks, so that every integer operation a pointer allows (casts,
// comparisons, printing) stays valid on it.
func (b *fn) addrOf(e *ast.UnaryExpr, t *types.Type) val {
	v, _ := e.X.(*ast.Var)
	h := b.varHome(v)
	if h == nil {
		return b.zeroVal(t)
	}
	if h.reg != 0 {
		b.errorf(e, "internal error: the address of %s, which lives in a register", v.Name)
		return b.zeroVal(t)
	}
	buf := b.temp("addr", 16)
	p := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: p, B: ir.Addr(h.mem)})
	b.emit(ir.Insn{Op: ir.Store, Mem: buf, B: ir.R(p), Size: 8})
	out := offset(buf, 8)
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnProbeReadKernel, Args: []ir.Value{ir.Addr(out), ir.I(8), ir.Addr(buf)}})
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: out, Size: 8})
	return val{t: t, reg: r}
}

// step computes old op n for an update in place (op=, ++, --): on a
// pointer, + and - count elements of the pointed-to type, as in C.
func (b *fn) step(op string, old, n val, node ast.Node) val {
	if old.t.Kind != types.Pointer {
		return b.arith(op, old, n, node)
	}
	if size := elemSize(old.t); size > 1 {
		n = b.arith("*", n, constVal(types.Int64, int64(size)), node)
	}
	v := b.arith(op, old, n, node)
	v.t = old.t
	return v
}
