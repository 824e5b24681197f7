package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

func isAggregation(name string) bool {
	switch name {
	case "count", "sum", "avg", "min", "max", "stats", "hist", "lhist":
		return true
	}
	return false
}

func (b *fn) mapSpec(m *ast.MapExpr) *MapSpec {
	s := b.c.maps[m.Name]
	if s == nil {
		b.errorf(m, "unknown map %s", m.Name)
	}
	return s
}

// mapKey builds the BPF key of an access to map s: the user key (or 0 for
// a scalar map), followed by the bucket for hist/lhist maps.
func (b *fn) mapKey(s *MapSpec, keys []ast.Expr, bucket ir.Reg) ir.Mem {
	m := b.temp("key", s.KeySize)
	kt := s.User.Key
	switch {
	case kt == nil:
		if !s.Buckets {
			b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.I(0), Size: 8})
		}
	case len(keys) == 1 && kt.Kind != types.Tuple:
		b.exprInto(keys[0], m, kt, true)
		if pad := s.KeyPad - kt.Size; pad > 0 {
			b.emit(ir.Insn{Op: ir.Zero, Mem: offset(m, kt.Size), Size: pad})
		}
	default:
		b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: s.KeyPad})
		if len(keys) == 1 {
			b.store(b.expr(keys[0]), m, kt)
			break
		}
		for i, k := range keys {
			f := kt.Fields[i]
			b.exprInto(k, offset(m, f.Offset), f.Type, true)
		}
	}
	if s.Buckets {
		b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, s.KeyPad), B: ir.R(bucket), Size: 8})
	}
	return m
}

// update stores the value at val under key. An update a full map refuses
// is not counted here: the runtime sees a map is full from its size.
func (b *fn) update(s *MapSpec, key, val ir.Mem) {
	b.emit(ir.Insn{Op: ir.Call, Helper: helperMapUpdate, Args: []ir.Value{ir.MapArg(s.Name), ir.Addr(key), ir.Addr(val), ir.I(bpfAny)}})
}

// lookup returns a register holding the map value pointer (or NULL).
func (b *fn) lookup(s *MapSpec, key ir.Mem) ir.Reg {
	return b.callHelper(helperMapLookup, ir.MapArg(s.Name), ir.Addr(key))
}

// mapRead evaluates @m[k]: the value, or zero when the key is absent.
func (b *fn) mapRead(e *ast.MapExpr) val {
	s := b.mapSpec(e)
	t := b.typeOf(e)
	if s == nil {
		return b.zeroVal(t)
	}
	if s.User.Value.IsAggregation() {
		return b.aggregateRead(s, e, t)
	}
	key := b.mapKey(s, e.Keys, 0)
	p := b.lookup(s, key)
	miss := b.newLabel("miss")
	if isScalar(t) {
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: miss})
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: ir.Mem{Base: p}, Size: scalarSize(t)})
		b.extend(r, t)
		b.label(miss)
		return val{t: t, reg: r}
	}
	m := b.temp("value", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
	b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: miss})
	b.emit(ir.Insn{Op: ir.Copy, Mem: m, Src: ir.Mem{Base: p}, Size: t.Size})
	b.label(miss)
	return val{t: t, mem: m, inMem: true}
}

// aggregateRead reads count/sum/min/max/avg as an integer, combining every
// CPU's value with bpf_map_lookup_percpu_elem.
func (b *fn) aggregateRead(s *MapSpec, e *ast.MapExpr, t *types.Type) val {
	agg := s.User.Value.Kind
	switch agg {
	case types.Count, types.Sum, types.Min, types.Max, types.Avg:
	default:
		b.errorf(e, "cannot read the value of %s map %s", s.User.Value, s.Name)
		return b.zeroVal(t)
	}
	key := b.mapKey(s, e.Keys, 0)
	acc, cnt := b.constReg(0), b.constReg(0)
	for cpu := 0; cpu < b.c.conf.NumCPUs; cpu++ {
		next := b.newLabel("cpu")
		p := b.callHelper(asm.FnMapLookupPercpuElem, ir.MapArg(s.Name), ir.Addr(key), ir.I(int64(cpu)))
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: next})
		v := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: v, Mem: ir.Mem{Base: p}, Size: 8})
		switch agg {
		case types.Count, types.Sum:
			b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: acc, A: acc, B: ir.R(v)})
		case types.Avg: // {count, total}
			tot := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: tot, Mem: ir.Mem{Base: p, Off: 8}, Size: 8})
			b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: cnt, A: cnt, B: ir.R(v)})
			b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: acc, A: acc, B: ir.R(tot)})
		case types.Min, types.Max: // {value, set}
			set := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: set, Mem: ir.Mem{Base: p, Off: 8}, Size: 8})
			b.emit(ir.Insn{Op: ir.Branch, A: set, Cond: asm.JEq, B: ir.I(0), Label: next})
			take := b.newLabel("take")
			b.emit(ir.Insn{Op: ir.Branch, A: cnt, Cond: asm.JEq, B: ir.I(0), Label: take})
			better := asm.JSGE // min: skip unless v < acc
			if agg == types.Max {
				better = asm.JSLE
			}
			b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: better, B: ir.R(acc), Label: next})
			b.label(take)
			b.emit(ir.Insn{Op: ir.Mov, Dst: acc, B: ir.R(v)})
			b.emit(ir.Insn{Op: ir.Mov, Dst: cnt, B: ir.I(1)})
		}
		b.label(next)
	}
	if agg == types.Avg {
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.SDiv, Dst: r, A: acc, B: ir.R(cnt)})
		return val{t: t, reg: r}
	}
	return val{t: t, reg: acc}
}

// mapStore compiles @m[k] = v.
func (b *fn) mapStore(e *ast.MapExpr, rhs ast.Expr) {
	s := b.mapSpec(e)
	if s == nil {
		return
	}
	key := b.mapKey(s, e.Keys, 0)
	vm := b.temp("value", s.ValueSize)
	vt := s.User.Value
	b.exprInto(rhs, vm, vt, true)
	if pad := s.ValueSize - storedSize(vt); pad > 0 {
		b.emit(ir.Insn{Op: ir.Zero, Mem: offset(vm, storedSize(vt)), Size: pad})
	}
	b.update(s, key, vm)
}

func storedSize(t *types.Type) int {
	if isScalar(t) {
		return scalarSize(t)
	}
	return t.Size
}

// mapUpdate compiles a read-modify-write of an integer map entry
// (@m[k] += v, @m[k]++): in place when the entry exists, by insertion
// otherwise.
func (b *fn) mapUpdate(e *ast.MapExpr, f func(old val) val) {
	s := b.mapSpec(e)
	if s == nil {
		return
	}
	vt := s.User.Value
	if !isScalar(vt) || vt.IsAggregation() {
		b.errorf(e, "cannot update map %s of type %s in place", s.Name, vt)
		return
	}
	key := b.mapKey(s, e.Keys, 0)
	p := b.lookup(s, key)
	old := b.f.NewReg()
	absent, insert, done := b.newLabel("absent"), b.newLabel("insert"), b.newLabel("updated")
	b.emit(ir.Insn{Op: ir.Mov, Dst: old, B: ir.I(0)})
	b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: absent})
	b.emit(ir.Insn{Op: ir.Load, Dst: old, Mem: ir.Mem{Base: p}, Size: scalarSize(vt)})
	b.extend(old, vt)
	b.label(absent)
	nv := b.scalar(f(val{t: vt, reg: old}))
	b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: insert})
	b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: p}, B: ir.R(nv), Size: scalarSize(vt)})
	b.jump(done)
	b.label(insert)
	vm := b.temp("value", s.ValueSize)
	if s.ValueSize > scalarSize(vt) {
		b.emit(ir.Insn{Op: ir.Zero, Mem: vm, Size: s.ValueSize})
	}
	b.emit(ir.Insn{Op: ir.Store, Mem: vm, B: ir.R(nv), Size: scalarSize(vt)})
	b.update(s, key, vm)
	b.label(done)
}

// aggregate compiles @m[k] = count() and the other aggregations.
func (b *fn) aggregate(e *ast.MapExpr, call *ast.CallExpr) {
	s := b.mapSpec(e)
	if s == nil {
		return
	}
	vt := s.User.Value
	var x val
	if len(call.Args) > 0 && call.Name != "count" {
		x = b.expr(call.Args[0])
	}
	var bucket ir.Reg
	switch vt.Kind {
	case types.Hist:
		bucket = b.histBucket(x)
	case types.LHist:
		bucket = b.lhistBucket(x, vt.LHist)
	}
	var xr ir.Reg
	if vt.Kind == types.Sum || vt.Kind == types.Min || vt.Kind == types.Max || vt.Kind == types.Avg || vt.Kind == types.Stats {
		xr = b.scalar(x)
	}
	key := b.mapKey(s, e.Keys, bucket)
	p := b.lookup(s, key)
	miss, done := b.newLabel("aggmiss"), b.newLabel("aggdone")
	b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: miss})
	switch vt.Kind {
	case types.Count, types.Hist, types.LHist:
		b.addTo(ir.Mem{Base: p}, ir.I(1))
	case types.Sum:
		b.addTo(ir.Mem{Base: p}, ir.R(xr))
	case types.Avg, types.Stats:
		b.addTo(ir.Mem{Base: p}, ir.I(1))
		b.addTo(ir.Mem{Base: p, Off: 8}, ir.R(xr))
	case types.Min, types.Max:
		set := b.f.NewReg()
		write := b.newLabel("write")
		b.emit(ir.Insn{Op: ir.Load, Dst: set, Mem: ir.Mem{Base: p, Off: 8}, Size: 8})
		b.emit(ir.Insn{Op: ir.Branch, A: set, Cond: asm.JEq, B: ir.I(0), Label: write})
		cur := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: cur, Mem: ir.Mem{Base: p}, Size: 8})
		keep := asm.JSGE // min keeps cur unless x < cur
		if vt.Kind == types.Max {
			keep = asm.JSLE
		}
		b.emit(ir.Insn{Op: ir.Branch, A: xr, Cond: keep, B: ir.R(cur), Label: done})
		b.label(write)
		b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: p}, B: ir.R(xr), Size: 8})
		b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: p, Off: 8}, B: ir.I(1), Size: 8})
	default:
		b.errorf(call, "cannot compile aggregation %s", call.Name)
	}
	b.jump(done)

	// A new key: store this CPU's value for a single observation. An update
	// of a per-CPU hash from BPF writes only the current CPU's slot, and a
	// new element starts with every other CPU's slot zeroed, so this is
	// exact even when another CPU creates the same key at the same time.
	b.label(miss)
	init := b.temp("init", s.ValueSize)
	switch vt.Kind {
	case types.Count, types.Hist, types.LHist:
		b.emit(ir.Insn{Op: ir.Store, Mem: init, B: ir.I(1), Size: 8})
	case types.Sum:
		b.emit(ir.Insn{Op: ir.Store, Mem: init, B: ir.R(xr), Size: 8})
	case types.Avg, types.Stats: // {count, total}
		b.emit(ir.Insn{Op: ir.Store, Mem: init, B: ir.I(1), Size: 8})
		b.emit(ir.Insn{Op: ir.Store, Mem: offset(init, 8), B: ir.R(xr), Size: 8})
	case types.Min, types.Max: // {value, set}
		b.emit(ir.Insn{Op: ir.Store, Mem: init, B: ir.R(xr), Size: 8})
		b.emit(ir.Insn{Op: ir.Store, Mem: offset(init, 8), B: ir.I(1), Size: 8})
	}
	b.update(s, key, init)
	b.label(done)
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
	for _, shift := range []int64{32, 16, 8, 4, 2, 1} {
		skip := b.newLabel("hs")
		if shift == 32 {
			lim := b.constReg(1 << 32)
			b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JLT, B: ir.R(lim), Label: skip})
		} else {
			b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: asm.JLT, B: ir.I(1 << shift), Label: skip})
		}
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.RSh, Dst: v, A: v, B: ir.I(shift)})
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: r, B: ir.I(shift)})
		b.label(skip)
	}
	b.label(done)
	return r
}

// lhistBucket computes lhist's bucket: 0 below min, n+1 at or above max,
// else (v-min)/step + 1.
func (b *fn) lhistBucket(x val, p types.LHistParams) ir.Reg {
	v := b.scalar(x)
	r := b.f.NewReg()
	done := b.newLabel("ldone")
	n := int64(p.Buckets() - 2)
	lt, ge := asm.JSLT, asm.JSGE
	if !x.t.Signed {
		lt, ge = asm.JLT, asm.JGE
	}
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: lt, B: b.operand(constVal(types.Int64, p.Min)), Label: done})
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(n + 1)})
	b.emit(ir.Insn{Op: ir.Branch, A: v, Cond: ge, B: b.operand(constVal(types.Int64, p.Max)), Label: done})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Sub, Dst: r, A: v, B: b.operand(constVal(types.Int64, p.Min))})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Div, Dst: r, A: r, B: b.operand(constVal(types.Int64, p.Step))})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: r, B: ir.I(1)})
	b.label(done)
	return r
}
