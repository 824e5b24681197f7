package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// aggLowering is the code the compiler emits for one aggregation
// (types.Aggregation), which fixes the layout of its per-CPU slot.
type aggLowering struct {
	// bucket computes the bucket index of the aggregated value x, for
	// aggregations whose buckets are entries of their own (Buckets).
	bucket func(b *fn, x val, vt *types.Type) ir.Reg
	// value says update and init use the aggregated value, in xr.
	value bool
	// update updates this CPU's slot of an entry that exists, at p; it
	// may jump to done to leave the slot as it is.
	update func(b *fn, p, xr ir.Reg, done string)
	// init writes the slot of a new entry for a single observation.
	init func(b *fn, m ir.Mem, xr ir.Reg)
	// read accumulates one CPU's slot at p, whose first word is already
	// in v, into acc and cnt (both start at 0); it may jump to next to
	// skip the CPU. Nil for aggregations that cannot be read as integers.
	read func(b *fn, p, v, acc, cnt ir.Reg, next string)
	// readResult turns acc and cnt into the value read; nil when it is
	// acc.
	readResult func(b *fn, acc, cnt ir.Reg) ir.Reg
	// custom, when set, compiles the whole update itself, for an
	// aggregation whose slots the shape above does not fit (tseries).
	custom func(b *fn, s *MapSpec, e *ast.MapExpr, call *ast.CallExpr)
}

// aggLowerings holds the code of every aggregation, by the kind of its
// value type.
var aggLowerings = map[types.Kind]*aggLowering{
	types.Count: {update: addOne, init: initOne, read: readSum},
	types.Sum:   {value: true, update: addValue, init: initValue, read: readSum},
	types.Min:   minMax(asm.JSGE), // min keeps cur unless x < cur
	types.Max:   minMax(asm.JSLE),
	types.Avg:   {value: true, update: addCountTotal, init: initCountTotal, read: readAvg, readResult: avgResult},
	types.Stats: {value: true, update: addCountTotal, init: initCountTotal},
	types.Hist: {update: addOne, init: initOne, bucket: func(b *fn, x val, vt *types.Type) ir.Reg {
		if vt.HistBits > 0 {
			return b.histBucketK(x, vt.HistBits)
		}
		return b.histBucket(x)
	}},
	types.LHist: {update: addOne, init: initOne, bucket: func(b *fn, x val, vt *types.Type) ir.Reg {
		return b.lhistBucket(x, vt.LHist)
	}},
}

// tseries is in a table of its own code (aggregations_tseries.go), which
// refers back to aggLowerings.
func init() { aggLowerings[types.TSeries] = tseriesLowering() }

// Slots of one u64: count, sum, a hist or lhist bucket.

func addOne(b *fn, p, _ ir.Reg, _ string) { b.addTo(ir.Mem{Base: p}, ir.I(1)) }
func addValue(b *fn, p, xr ir.Reg, _ string) {
	b.addTo(ir.Mem{Base: p}, ir.R(xr))
}
func initOne(b *fn, m ir.Mem, _ ir.Reg) {
	b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.I(1), Size: 8})
}
func initValue(b *fn, m ir.Mem, xr ir.Reg) {
	b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.R(xr), Size: 8})
}
func readSum(b *fn, _, v, acc, _ ir.Reg, _ string) {
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: acc, A: acc, B: ir.R(v)})
}

// Slots of {count, total}: avg and stats.

func addCountTotal(b *fn, p, xr ir.Reg, _ string) {
	b.addTo(ir.Mem{Base: p}, ir.I(1))
	b.addTo(ir.Mem{Base: p, Off: 8}, ir.R(xr))
}
func initCountTotal(b *fn, m ir.Mem, xr ir.Reg) {
	b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.I(1), Size: 8})
	b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, 8), B: ir.R(xr), Size: 8})
}
func readAvg(b *fn, p, v, acc, cnt ir.Reg, _ string) {
	tot := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: tot, Mem: ir.Mem{Base: p, Off: 8}, Size: 8})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: cnt, A: cnt, B: ir.R(v)})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: acc, A: acc, B: ir.R(tot)})
}
func avgResult(b *fn, acc, cnt ir.Reg) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.SDiv, Dst: r, A: acc, B: ir.R(cnt)})
	return r
}

// minMax is the code of min (keep JSGE) and max (keep JSLE), whose slots
// are {value, set}: keep is the comparison of the new value with the
// current one under which the current one stays.
func minMax(keep asm.JumpOp) *aggLowering {
	return &aggLowering{
		value: true,
		update: func(b *fn, p, xr ir.Reg, done string) {
			set := b.f.NewReg()
			write := b.newLabel("write")
			b.emit(ir.Insn{Op: ir.Load, Dst: set, Mem: ir.Mem{Base: p, Off: 8}, Size: 8})
			b.emit(ir.Insn{Op: ir.Branch, A: set, Cond: asm.JEq, B: ir.I(0), Label: write})
			cur := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: cur, Mem: ir.Mem{Base: p}, Size: 8})
			b.emit(ir.Insn{Op: ir.Branch, A: xr, Cond: keep, B: ir.R(cur), Label: done})
			b.label(write)
			b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: p}, B: ir.R(xr), Size: 8})
			b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: p, Off: 8}, B: ir.I(1), Size: 8})
		},
		init: func(b *fn, m ir.Mem, xr ir.Reg) {
			b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.R(xr), Size: 8})
			b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, 8), B: ir.I(1), Size: 8})
		},
		// acc takes v when no CPU was taken yet (cnt 0) or v beats it.
		read: func(b *fn, p, v, acc, cnt ir.Reg, next string) {
			set := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: set, Mem: ir.Mem{Base: p, Off: 8}, Size: 8})
			b.emit(ir.Insn{Op: ir.Branch, A: set, Cond: asm.JEq, B: ir.I(0), Label: next})
			take := b.newLabel("take")
			b.emit(ir.Insn{Op: ir.Branch, A: cnt, Cond: asm.JEq, B: ir.I(0), Label: take})
			b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: keep, B: ir.R(acc), Label: next})
			b.label(take)
			b.emit(ir.Insn{Op: ir.Mov, Dst: acc, B: ir.R(v)})
			b.emit(ir.Insn{Op: ir.Mov, Dst: cnt, B: ir.I(1)})
		},
	}
}

// aggregate compiles @m[k] = count() and the other aggregations.
func (b *fn) aggregate(e *ast.MapExpr, call *ast.CallExpr) {
	s := b.mapSpec(e)
	if s == nil {
		return
	}
	vt := s.User.Value
	agg, low := types.AggregationOf(vt.Kind), aggLowerings[vt.Kind]
	if agg == nil || low == nil {
		b.errorf(call, "cannot compile aggregation %s", call.Name)
		return
	}
	if low.custom != nil {
		low.custom(b, s, e, call)
		return
	}
	var x val
	if agg.Args > 0 {
		x = b.expr(call.Args[0])
	}
	var bucket ir.Reg
	if low.bucket != nil {
		bucket = low.bucket(b, x, vt)
	}
	var xr ir.Reg
	if low.value {
		xr = b.scalar(x)
	}
	key := b.mapKey(s, e.Keys, bucket)
	p := b.lookup(s, key)
	miss, done := b.newLabel("aggmiss"), b.newLabel("aggdone")
	b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: miss})
	low.update(b, p, xr, done)
	b.jump(done)

	// A new key: store this CPU's value for a single observation. An update
	// of a per-CPU hash from BPF writes only the current CPU's slot, and a
	// new element starts with every other CPU's slot zeroed, so this is
	// exact even when another CPU creates the same key at the same time.
	b.label(miss)
	init := b.temp("init", s.ValueSize)
	low.init(b, init, xr)
	b.update(s, key, init)
	b.label(done)
}

// aggregateRead reads an aggregation as an integer, combining every CPU's
// value with bpf_map_lookup_percpu_elem.
func (b *fn) aggregateRead(s *MapSpec, e *ast.MapExpr, t *types.Type) val {
	low := aggLowerings[s.User.Value.Kind]
	if low == nil || low.read == nil {
		b.errorf(e, "cannot read the value of %s map %s", s.User.Value, s.Name)
		return b.zeroVal(t)
	}
	return b.aggregateReadKey(s, b.mapKey(s, e.Keys, 0), t)
}

// aggregateReadKey reads the aggregation at key, which the caller checked
// can be read, as aggregateRead does.
func (b *fn) aggregateReadKey(s *MapSpec, key ir.Mem, t *types.Type) val {
	low := aggLowerings[s.User.Value.Kind]
	acc, cnt := b.constReg(0), b.constReg(0)
	for cpu := 0; cpu < b.c.conf.NumCPUs; cpu++ {
		next := b.newLabel("cpu")
		p := b.callHelper(asm.FnMapLookupPercpuElem, ir.MapArg(s.Name), ir.Addr(key), ir.I(int64(cpu)))
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: next})
		v := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: v, Mem: ir.Mem{Base: p}, Size: 8})
		low.read(b, p, v, acc, cnt, next)
		b.label(next)
	}
	if low.readResult != nil {
		return val{t: t, reg: low.readResult(b, acc, cnt)}
	}
	return val{t: t, reg: acc}
}

// addTo adds v to the u64 at m. Values are per CPU, so no atomics are needed.
func (b *fn) addTo(m ir.Mem, v ir.Value) {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: m, Size: 8})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: r, B: v})
	b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.R(r), Size: 8})
}

// histBucket computes hist's bucket: 0 for negatives, 1 for zero, and
// 2 + floor(log2(v)) otherwise, by binary search over the bit width.
func (b *fn) histBucket(x val) ir.Reg {
	v := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: v, B: ir.R(b.scalar(x))})
	r := b.f.NewReg()
	done := b.newLabel("hdone")
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	if x.t.Signed {
		b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JSLT, B: ir.I(0), Label: done})
	}
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JEq, B: ir.I(0), Label: done})
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(2)})
	b.addLog2(v, r, "hs")
	b.label(done)
	return r
}

// addLog2 adds floor(log2 v) to acc, for v > 0, by binary search over
// the bit width, shifting v down as it goes. hint names the labels.
func (b *fn) addLog2(v, acc ir.Reg, hint string) {
	for _, shift := range []int64{32, 16, 8, 4, 2, 1} {
		skip := b.newLabel(hint)
		if shift == 32 {
			lim := b.constReg(1 << 32)
			b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JLT, B: ir.R(lim), Label: skip})
		} else {
			b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JLT, B: ir.I(1 << shift), Label: skip})
		}
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.RSh, Dst: v, A: v, B: ir.I(shift)})
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: acc, A: acc, B: ir.I(shift)})
		b.label(skip)
	}
}

// histBucketK computes the bucket of hist(x, k) for k > 0, with 2^k
// buckets per power of two: 0 for negatives, v+1 below 2^(k+1), and for a
// larger v with p = floor(log2 v),
//
//	((p-k+1) << k) + ((v >> (p-k)) & (2^k-1)) + 1
//
// which runs on from the buckets below: for v = 2^(k+1) it is 2^(k+1)+1.
func (b *fn) histBucketK(x val, k int) ir.Reg {
	v := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: v, B: ir.R(b.scalar(x))})
	r := b.f.NewReg()
	done := b.newLabel("hkdone")
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	if x.t.Signed {
		b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JSLT, B: ir.I(0), Label: done})
	}
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: v, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JLT, B: ir.I(2 << k), Label: done})
	// p = floor(log2 v), by binary search over the bit width.
	p := b.f.NewReg()
	w := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: p, B: ir.I(0)})
	b.emit(ir.Insn{Op: ir.Mov, Dst: w, B: ir.R(v)})
	b.addLog2(w, p, "hks")
	// sub = (v >> (p-k)) & (2^k-1); r = ((p-k+1) << k) + sub + 1.
	sh := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Sub, Dst: sh, A: p, B: ir.I(int64(k))})
	sub := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.RSh, Dst: sub, A: v, B: ir.R(sh)})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.And, Dst: sub, A: sub, B: ir.I(1<<k - 1)})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: sh, A: sh, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.LSh, Dst: r, A: sh, B: ir.I(int64(k))})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: r, B: ir.R(sub)})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: r, B: ir.I(1)})
	b.label(done)
	return r
}
