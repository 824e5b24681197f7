package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// isAggregationCall reports whether call is of an aggregating function.
func isAggregationCall(call *ast.CallExpr) bool {
	_, ok := types.LookupAggregation(call.Name)
	return ok
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
