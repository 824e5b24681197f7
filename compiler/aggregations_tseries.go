package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// tseriesLowering is tseries' code. Each interval kept is an entry of its
// own, keyed by the user key and the interval's number modulo Num (as
// histogram buckets are); its per-CPU slot (types.TSeriesSlotSize) records
// which interval it holds, so that a slot left from an older one is
// started afresh.
func tseriesLowering() *aggLowering {
	return &aggLowering{
		// The bucket is the interval's, from the TAI clock as upstream;
		// the custom code computes it.
		bucket: func(*fn, val, *types.Type) ir.Reg { return 0 },
		custom: (*fn).tseries,
	}
}

func (b *fn) tseries(s *MapSpec, e *ast.MapExpr, call *ast.CallExpr) {
	vt := s.User.Value
	p := vt.TSeries
	x := b.scalar(b.expr(call.Args[0]))
	now := b.callHelper(asm.FnKtimeGetTaiNs)
	epoch := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Div, Dst: epoch, A: now, B: b.operand(constVal(types.Int64, p.IntervalNS))})
	idx := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Mod, Dst: idx, A: epoch, B: ir.I(int64(p.Num))})
	key := b.mapKey(s, e.Keys, idx)
	slot := b.lookup(s, key)
	miss, fresh, done := b.newLabel("tsmiss"), b.newLabel("tsfresh"), b.newLabel("tsdone")
	b.emit(ir.Insn{Op: ir.Branch, A: slot, Cond: asm.JEq, B: ir.I(0), Label: miss})
	cur := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: cur, Mem: ir.Mem{Base: slot, Off: types.TSeriesEpochOff}, Size: 8})
	b.emit(ir.Insn{Op: ir.Branch, A: cur, Cond: asm.JNE, B: ir.R(epoch), Label: fresh})

	// Another value in the slot's interval.
	value := ir.Mem{Base: slot, Off: types.TSeriesValueOff}
	switch p.Agg {
	case types.TSeriesLast:
		b.emit(ir.Insn{Op: ir.Store, Mem: value, B: ir.R(x), Size: 8})
	case types.TSeriesAvg, types.TSeriesSum:
		b.addTo(value, ir.R(x))
	case types.TSeriesMin, types.TSeriesMax:
		keep := asm.JGE // min keeps the value unless x < value
		if p.Agg == types.TSeriesMax {
			keep = asm.JLE
		}
		if vt.Signed {
			keep = map[asm.JumpOp]asm.JumpOp{asm.JGE: asm.JSGE, asm.JLE: asm.JSLE}[keep]
		}
		old := b.f.NewReg()
		kept := b.newLabel("tskeep")
		b.emit(ir.Insn{Op: ir.Load, Dst: old, Mem: value, Size: 8})
		b.emit(ir.Insn{Op: ir.Branch, A: x, Cond: keep, B: ir.R(old), Label: kept})
		b.emit(ir.Insn{Op: ir.Store, Mem: value, B: ir.R(x), Size: 8})
		b.label(kept)
	}
	b.addTo(ir.Mem{Base: slot, Off: types.TSeriesCountOff}, ir.I(1))
	b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: slot, Off: types.TSeriesTimeOff}, B: ir.R(now), Size: 8})
	b.jump(done)

	// A slot left from an older interval starts afresh.
	b.label(fresh)
	b.tseriesSlot(ir.Mem{Base: slot}, epoch, x, now, p.Agg)
	b.jump(done)

	// A new entry: this CPU's slot, as for the other aggregations.
	b.label(miss)
	init := b.temp("tsinit", s.ValueSize)
	b.tseriesSlot(init, epoch, x, now, p.Agg)
	b.update(s, key, init)
	b.label(done)
}

// tseriesSlot writes a slot of one observation.
func (b *fn) tseriesSlot(m ir.Mem, epoch, x, now ir.Reg, agg types.TSeriesAgg) {
	b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, types.TSeriesEpochOff), B: ir.R(epoch), Size: 8})
	b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, types.TSeriesValueOff), B: ir.R(x), Size: 8})
	b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, types.TSeriesCountOff), B: ir.I(1), Size: 8})
	b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, types.TSeriesTimeOff), B: ir.R(now), Size: 8})
	b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, types.TSeriesAggOff), B: ir.I(int64(agg)), Size: 8})
}
