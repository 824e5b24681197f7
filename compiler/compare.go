package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// isAggregateCompare reports whether == or != on operands of types x and y
// compares tuples or records, element by element.
func isAggregateCompare(x, y *types.Type) bool {
	return (x.Kind == types.Tuple || x.Kind == types.Record || x.Kind == types.Array) && x.Kind == y.Kind
}

// aggregatesEqual compares two tuples or records in memory and returns a
// register holding 1 when every element is equal. Records pair their
// fields by name, tuples by position; the checker made sure they match.
func (b *fn) aggregatesEqual(x, y val) ir.Reg {
	r := b.f.NewReg()
	ne := b.newLabel("aggne")
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	b.jumpUnlessEqual(x, y, ne)
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(1)})
	b.label(ne)
	return r
}

// jumpUnlessEqual emits jumps to ne on the first element that differs.
func (b *fn) jumpUnlessEqual(x, y val, ne string) {
	if !x.inMem || !y.inMem {
		b.jump(ne)
		return
	}
	if x.t.Kind == types.Array {
		for i := range x.t.Len {
			f := types.Field{Type: x.t.Elem, Offset: i * x.t.Elem.Size}
			b.emit(ir.Insn{Op: ir.Branch, A: b.scalar(b.fieldOf(x, f)), Cond: asm.JNE, B: ir.R(b.scalar(b.fieldOf(y, f))), Label: ne})
		}
		return
	}
	for i, fx := range x.t.Fields {
		fy := y.t.Fields[i]
		if x.t.Kind == types.Record {
			fy, _ = y.t.Field(fx.Name)
		}
		ex, ey := b.fieldOf(x, fx), b.fieldOf(y, fy)
		switch {
		case fx.Type.Kind == types.String:
			eq := b.stringsEqual(ex, ey)
			b.emit(ir.Insn{Op: ir.Branch, A: eq, Cond: asm.JEq, B: ir.I(0), Label: ne})
		case isAggregateCompare(fx.Type, fy.Type):
			b.jumpUnlessEqual(ex, ey, ne)
		default:
			b.emit(ir.Insn{Op: ir.Branch, A: b.scalar(ex), Cond: asm.JNE, B: ir.R(b.scalar(ey)), Label: ne})
		}
	}
}
