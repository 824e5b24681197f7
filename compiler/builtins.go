package compiler

import (
	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

const (
	helperMapLookup = asm.FnMapLookupElem
	helperMapUpdate = asm.FnMapUpdateElem
	jEq             = asm.JEq

	bpfAny     = 0 // BPF_ANY
	bpfNoExist = 1 // BPF_NOEXIST
)

// callHelper emits a helper call and returns the register holding R0.
func (b *fn) callHelper(h asm.BuiltinFunc, args ...ir.Value) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Call, Dst: r, Helper: h, Args: args})
	return r
}

func (b *fn) ctx() ir.Reg {
	if b.cb != nil {
		return b.cb.progCtx(b)
	}
	if b.f.Ctx == 0 {
		b.f.Ctx = b.f.NewReg()
	}
	return b.f.Ctx
}

// loadTimeConst returns a register holding a constant the runtime fills in
// when it loads the program.
func (b *fn) loadTimeConst(c compiled.Const) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.LoadTimeConst(string(c))})
	return r
}

// builtin evaluates a builtin variable with its lowering.
func (b *fn) builtin(e *ast.Ident, t *types.Type) val {
	_, l := lowerBuiltin(e.Name)
	if l == nil || l.value == nil {
		b.errorf(e, "cannot use '%s' as a value here", e.Name)
		return b.zeroVal(t)
	}
	return l.value(b, e, t)
}

// argsField finds the tracepoint record field an expression names, if it is
// `args.name` / `args->name`.
func (b *fn) argsField(e ast.Expr) (types.Field, bool) {
	fe, ok := unparen(e).(*ast.FieldExpr)
	if !ok || b.ap.Args == nil {
		return types.Field{}, false
	}
	id, ok := unparen(fe.X).(*ast.Ident)
	if !ok || id.Name != "args" {
		return types.Field{}, false
	}
	return b.ap.Args.Field(fe.Field)
}

func (b *fn) field(e *ast.FieldExpr, t *types.Type) val {
	if f, ok := b.argsField(e); ok {
		return b.ctxField(f)
	}
	if v, ok := b.constField(e, t); ok {
		return v
	}
	x := b.expr(e.X)
	if x.inMem && (x.t.Kind == types.Tuple || x.t.Kind == types.Record) {
		if f, ok := x.t.Field(e.Field); ok {
			return b.fieldOf(x, f)
		}
	}
	b.errorf(e, "cannot compile field access .%s", e.Field)
	return b.zeroVal(t)
}

// ctxField reads a field of the tracepoint record. Scalars are loaded
// directly from the context; strings are copied with probe_read_kernel,
// because the context only allows aligned loads of at most 8 bytes.
func (b *fn) ctxField(f types.Field) val {
	ctx := b.ctx()
	switch {
	case f.DataLoc:
		loc := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: loc, Mem: ir.Mem{Base: ctx, Off: int32(f.Offset)}, Size: 4})
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.And, Dst: loc, A: loc, B: ir.I(0xffff)})
		p := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: p, A: ctx, B: ir.R(loc)})
		m := b.temp("dataloc", f.Type.Size)
		b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(f.Type.Size, 8)})
		b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnProbeReadKernelStr, Args: []ir.Value{ir.Addr(m), ir.I(int64(f.Type.Size)), ir.R(p)}})
		return val{t: f.Type, mem: m, inMem: true}
	case isScalar(f.Type):
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: ir.Mem{Base: ctx, Off: int32(f.Offset)}, Size: scalarSize(f.Type)})
		b.extend(r, f.Type)
		return val{t: f.Type, reg: r}
	}
	m := b.temp("field", f.Type.Size)
	if rest := alignUp(f.Type.Size, 8) - f.Type.Size; rest > 0 {
		b.emit(ir.Insn{Op: ir.Zero, Mem: offset(m, f.Type.Size), Size: rest})
	}
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnProbeReadKernel, Args: []ir.Value{
		ir.Addr(m), ir.I(int64(f.Type.Size)), ir.Addr(ir.Mem{Base: ctx, Off: int32(f.Offset)})}})
	return val{t: f.Type, mem: m, inMem: true}
}

// index reads element i of an array field of the context, or of the array a
// pointer points to.
func (b *fn) index(e *ast.IndexExpr, t *types.Type) val {
	if v, ok := b.memIndex(e, t); ok {
		return v
	}
	idx := b.expr(e.Index)
	elemSize := scalarSize(t)
	if !isScalar(t) {
		elemSize = t.Size
	}
	if f, ok := b.argsField(e.X); ok && f.Type.Kind == types.Array && idx.isConst && isScalar(t) {
		if idx.k < 0 || int(idx.k) >= f.Type.Len {
			b.errorf(e.Index, "index %d is out of range for %s", idx.k, f.Type)
			return b.zeroVal(t)
		}
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: ir.Mem{Base: b.ctx(), Off: int32(f.Offset + int(idx.k)*elemSize)}, Size: elemSize})
		b.extend(r, t)
		return val{t: t, reg: r}
	}
	var base ir.Reg
	space := types.Kernel
	if f, ok := b.argsField(e.X); ok && f.Type.Kind == types.Array {
		base = b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Mov, Dst: base, B: ir.Addr(ir.Mem{Base: b.ctx(), Off: int32(f.Offset)})})
	} else {
		x := b.expr(e.X)
		base = b.scalar(x)
		if x.t.Kind == types.Pointer {
			space = x.t.Space
		}
	}
	addr := b.f.NewReg()
	if idx.isConst {
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: addr, A: base, B: b.operand(constVal(types.Int64, idx.k*int64(elemSize)))})
	} else {
		scaled := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Mul, Dst: scaled, A: b.scalar(idx), B: ir.I(int64(elemSize))})
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: addr, A: base, B: ir.R(scaled)})
	}
	return b.readThrough(addr, space, t, elemSize)
}

// readThrough reads a value of type t, size bytes, at the address in
// addr in the address space: a[i], *p.
func (b *fn) readThrough(addr ir.Reg, space types.AddrSpace, t *types.Type, elemSize int) val {
	m := b.temp("elem", elemSize)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(elemSize, 8)})
	b.emit(ir.Insn{Op: ir.Call, Helper: probeRead(space), Args: []ir.Value{ir.Addr(m), ir.I(int64(elemSize)), ir.R(addr)}})
	if isScalar(t) {
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: m, Size: elemSize})
		b.extend(r, t)
		return val{t: t, reg: r}
	}
	return val{t: t, mem: m, inMem: true}
}

func probeRead(s types.AddrSpace) asm.BuiltinFunc {
	if s == types.User {
		return asm.FnProbeReadUser
	}
	return asm.FnProbeReadKernel
}

func probeReadStr(s types.AddrSpace) asm.BuiltinFunc {
	if s == types.User {
		return asm.FnProbeReadUserStr
	}
	return asm.FnProbeReadKernelStr
}
