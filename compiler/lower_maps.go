package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// The lowerings of the map functions of lang/types/builtins_maps.go.

// mapLowerings returns these lowerings, as systemLowerings.
func mapLowerings() *[types.NumBuiltins]lowering {
	return &[types.NumBuiltins]lowering{
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

// The maps of aggregations with buckets (hist, lhist, tseries) keep each
// bucket of a key as an entry of its own, keyed by the user key and the
// bucket's number: has_key() and delete() of a key visit every bucket, in
// a loop the verifier bounds by the bucket count.

// eachBucket emits a loop over the buckets of keys in m: body sees the
// key with the bucket's number in place.
func (b *fn) eachBucket(m *MapSpec, keys []ast.Expr, body func(key ir.Mem)) {
	n := types.AggregationOf(m.User.Value.Kind).Layout.BucketCount(m.User.Value)
	i := b.constReg(0)
	key := b.mapKey(m, keys, i)
	loop := b.newLabel("bucket")
	b.label(loop)
	b.emit(ir.Insn{Op: ir.Store, Mem: offset(key, m.KeyPad), B: ir.R(i), Size: 8})
	body(key)
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: i, A: i, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: i, Cond: asm.JLT, B: ir.I(int64(n)), Label: loop})
}

// hasKeyBuckets is has_key() of a map with buckets: 1 when any bucket of
// the key is there.
func (b *fn) hasKeyBuckets(m *MapSpec, keys []ast.Expr, t *types.Type) val {
	res := b.constReg(0)
	done := b.newLabel("hasdone")
	b.eachBucket(m, keys, func(key ir.Mem) {
		p := b.lookup(m, key)
		miss := b.newLabel("nobucket")
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: miss})
		b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(1)})
		b.jump(done)
		b.label(miss)
	})
	b.label(done)
	return val{t: t, reg: res}
}

// deleteBuckets is delete() of a map with buckets: every bucket of the key
// goes; the result is 1 when any was there.
func (b *fn) deleteBuckets(m *MapSpec, keys []ast.Expr, t *types.Type) val {
	res := b.constReg(0)
	b.eachBucket(m, keys, func(key ir.Mem) {
		r := b.callHelper(asm.FnMapDeleteElem, ir.MapArg(m.Name), ir.Addr(key))
		kept := b.newLabel("nodelete")
		b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JNE, B: ir.I(0), Label: kept})
		b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(1)})
		b.label(kept)
	})
	return val{t: t, reg: res}
}
