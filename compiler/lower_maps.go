package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// The lowerings of the map functions of lang/types/builtins_maps.go.

func mapLowerings() map[types.BuiltinID]lowering {
	return map[types.BuiltinID]lowering{
		types.BuiltinFind: {call: (*fn).find},
	}
}

// find looks the key up once: when it is there, the value goes to the
// variable and the result is 1, otherwise the variable keeps its value and
// the result is 0.
func (b *fn) find(e *ast.CallExpr, t *types.Type) val {
	m, ok := b.keyedMapArg(e)
	if !ok {
		return constVal(t, 0)
	}
	v, _ := unparen(e.Args[2]).(*ast.Var)
	h := b.varHome(v)
	if h == nil {
		return constVal(t, 0)
	}
	res := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(0)})
	miss := b.newLabel("notfound")
	if m.User.Value.IsAggregation() {
		// An aggregation is read over every CPU, by key.
		key := b.mapKey(m, keysOf(e.Args[1:2]), 0)
		p := b.lookup(m, key)
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: miss})
		b.storeVar(h, b.aggregateReadKey(m, key, h.t))
	} else {
		key := b.mapKey(m, keysOf(e.Args[1:2]), 0)
		p := b.lookup(m, key)
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: miss})
		vt := m.User.Value
		var x val
		if isScalar(vt) {
			r := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: ir.Mem{Base: p}, Size: scalarSize(vt)})
			b.extend(r, vt)
			x = val{t: vt, reg: r}
		} else {
			x = val{t: vt, mem: ir.Mem{Base: p}, inMem: true}
		}
		b.storeVar(h, x)
	}
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(1)})
	b.label(miss)
	return val{t: t, reg: res}
}
