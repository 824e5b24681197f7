package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// A scalar in a register always holds its value extended to 64 bits: zero
// extended for unsigned integers and bools, sign extended for signed
// integers. A conversion to a narrower integer therefore truncates and
// extends again in one Ext, and a conversion to a wider one, or between
// signs of the same size, changes only the type.

// cast compiles `(T)x` as the checker typed it (t).
func (b *fn) cast(e *ast.CastExpr, t *types.Type) val {
	x := b.expr(e.X)
	switch t.Kind {
	case types.Bool:
		return b.toBool(x)
	case types.Int:
		if x.t.Kind == types.Array {
			return b.arrayToInt(x, t)
		}
		return b.convertInt(x, t)
	case types.Pointer:
		return b.toPointer(x, t)
	case types.String:
		// A string resized: store truncates or pads it.
		m := b.temp("cast", t.Size)
		b.store(x, m, t)
		return val{t: t, mem: m, inMem: true}
	case types.Array:
		if x.t.Kind == types.String && x.inMem {
			// The string's bytes, reinterpreted.
			return val{t: t, mem: x.mem, inMem: true}
		}
		return b.intToArray(x, t)
	}
	if types.Identical(x.t, t) {
		// A cast to the value's own type (a tuple, a record).
		x.t = t
		return x
	}
	b.errorf(e, "cannot compile cast to %s", t)
	return b.zeroVal(t)
}

// convertInt converts an integer (or bool, or pointer) value to the
// integer type t.
func (b *fn) convertInt(x val, t *types.Type) val {
	if x.isConst {
		return constVal(t, truncate(x.k, t))
	}
	r := b.scalar(x)
	if t.Size >= 8 || (x.t.Kind == types.Int && x.t.Size < t.Size && x.t.Signed == t.Signed) || x.t.Kind == types.Bool {
		// Already in range: a wider type of the same sign, or 0/1.
		return val{t: t, reg: r}
	}
	d := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Ext, Dst: d, A: r, Size: t.Size, Signed: t.Signed})
	return val{t: t, reg: d}
}

// truncate converts a constant to the integer type t.
func truncate(k int64, t *types.Type) int64 {
	switch {
	case t.Kind == types.Bool:
		if k != 0 {
			return 1
		}
		return 0
	case t.Size >= 8:
		return k
	}
	bits := uint(t.Size * 8)
	if t.Signed {
		return k << (64 - bits) >> (64 - bits)
	}
	return int64(uint64(k) & (1<<bits - 1))
}

// toBool converts a value to bool: non-zero numbers and pointers, and
// non-empty strings, are true.
func (b *fn) toBool(x val) val {
	if x.isConst {
		return constVal(types.BoolT, truncate(x.k, types.BoolT))
	}
	var r ir.Reg
	if x.t.Kind == types.String && x.inMem {
		r = b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: x.mem, Size: 1})
	} else {
		if x.t.Kind == types.Bool {
			return val{t: types.BoolT, reg: b.scalar(x)}
		}
		r = b.scalar(x)
	}
	d := b.f.NewReg()
	done := b.newLabel("bool")
	b.emit(ir.Insn{Op: ir.Mov, Dst: d, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JNE, B: ir.I(0), Label: done})
	b.emit(ir.Insn{Op: ir.Mov, Dst: d, B: ir.I(0)})
	b.label(done)
	return val{t: types.BoolT, reg: d}
}

// intToArray stores an integer's bytes, in the machine's order, as an
// array of the same size.
func (b *fn) intToArray(x val, t *types.Type) val {
	m := b.temp("cast", t.Size)
	if t.Size < 8 {
		b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: 8})
	}
	b.emit(ir.Insn{Op: ir.Store, Mem: m, B: b.operand(x), Size: t.Size})
	return val{t: t, mem: m, inMem: true}
}

// arrayToInt reads an integer array's bytes as an integer of the same
// size.
func (b *fn) arrayToInt(x val, t *types.Type) val {
	if !x.inMem {
		return b.zeroVal(t)
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: x.mem, Size: t.Size})
	b.extend(r, t)
	return val{t: t, reg: r}
}

// convertStored converts a value stored into a variable declared with a
// narrower integer type.
func (b *fn) convertStored(v val, t *types.Type) val {
	if t.Kind == types.Pointer && v.t.Kind == types.Int {
		return b.toPointer(v, t) // an integer stored in a pointer variable
	}
	if t.Kind != types.Int || t.Size >= 8 || v.t.Kind == types.Invalid {
		return v
	}
	if v.t.Kind == types.Int && v.t.Size <= t.Size && v.t.Signed == t.Signed {
		return v // already in range, as a cast to t made it
	}
	return b.convertInt(v, t)
}

// record builds a record literal in memory, laid out as its type says.
func (b *fn) recordLit(e *ast.RecordExpr, t *types.Type) val {
	m := b.temp("record", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
	for _, f := range e.Fields {
		if tf, ok := t.Field(f.Name); ok {
			b.store(b.expr(f.Value), offset(m, tf.Offset), tf.Type)
		}
	}
	return val{t: t, mem: m, inMem: true}
}

// memIndex reads element i of an array or tuple held in memory (a cast's
// result or a variable) at a constant index. It reports false for other
// indexing, which reads through a pointer.
func (b *fn) memIndex(e *ast.IndexExpr, t *types.Type) (val, bool) {
	xt := b.typeOf(e.X)
	if xt.Kind != types.Array && xt.Kind != types.Tuple {
		return val{}, false
	}
	if _, ok := b.argsField(e.X); ok {
		return val{}, false
	}
	idx := b.expr(e.Index)
	if !idx.isConst {
		b.errorf(e.Index, "the index of %s must be a constant", xt)
		return b.zeroVal(t), true
	}
	x := b.expr(e.X)
	if !x.inMem {
		return b.zeroVal(t), true
	}
	if xt.Kind == types.Tuple {
		if idx.k < 0 || int(idx.k) >= len(xt.Fields) {
			b.errorf(e.Index, "index %d is out of range for %s", idx.k, xt)
			return b.zeroVal(t), true
		}
		return b.fieldOf(x, xt.Fields[idx.k]), true
	}
	if idx.k < 0 || int(idx.k) >= xt.Len {
		b.errorf(e.Index, "index %d is out of range for %s", idx.k, xt)
		return b.zeroVal(t), true
	}
	size := xt.Elem.Size
	return b.fieldOf(x, types.Field{Type: xt.Elem, Offset: int(idx.k) * size}), true
}

// divide compiles x / y and x % y. Dividing by zero gives 1, as in
// bpftrace (BPF itself gives 0 for a quotient and x for a remainder); a
// constant divisor other than zero needs no test.
func (b *fn) divide(alu asm.ALUOp, x, y val, rt *types.Type, signed bool) val {
	if signed {
		if alu == asm.Div {
			alu = asm.SDiv
		} else {
			alu = asm.SMod
		}
	}
	if y.isConst && y.k == 0 {
		return constVal(rt, 1)
	}
	r := b.f.NewReg()
	if y.isConst {
		if x.isConst && !signed && y.k > 0 {
			if alu == asm.Div {
				return constVal(rt, int64(uint64(x.k)/uint64(y.k)))
			}
			return constVal(rt, int64(uint64(x.k)%uint64(y.k)))
		}
		b.emit(ir.Insn{Op: ir.ALU, ALU: alu, Dst: r, A: b.scalar(x), B: b.operand(y)})
		return val{t: rt, reg: r}
	}
	done := b.newLabel("div")
	d := b.scalar(y)
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: d, Cond: asm.JEq, B: ir.I(0), Label: done})
	b.emit(ir.Insn{Op: ir.ALU, ALU: alu, Dst: r, A: b.scalar(x), B: ir.R(d)})
	b.label(done)
	return val{t: rt, reg: r}
}
