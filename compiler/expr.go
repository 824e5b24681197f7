package compiler

import (
	"math"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// val is the result of evaluating an expression: a scalar in a register (or
// a constant not yet materialised), or an aggregate value in memory.
type val struct {
	t       *types.Type
	reg     ir.Reg
	isConst bool
	k       int64
	mem     ir.Mem
	inMem   bool
}

func isScalar(t *types.Type) bool {
	switch t.Kind {
	case types.Int, types.Pointer, types.ProbeName, types.Bool, types.Resolved:
		return true
	}
	return t.IsAggregation() // aggregations read as integers
}

func constVal(t *types.Type, k int64) val { return val{t: t, isConst: true, k: k} }

func (b *fn) constReg(k int64) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(k)})
	return r
}

// scalar returns v in a register.
func (b *fn) scalar(v val) ir.Reg {
	switch {
	case v.isConst:
		return b.constReg(v.k)
	case v.inMem:
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: v.mem, Size: scalarSize(v.t)})
		return r
	case v.reg == 0:
		return b.constReg(0)
	}
	return v.reg
}

// operand returns v as an instruction operand, using an immediate when it
// fits in 32 bits.
func (b *fn) operand(v val) ir.Value {
	if v.isConst && v.k >= math.MinInt32 && v.k <= math.MaxInt32 {
		return ir.I(v.k)
	}
	return ir.R(b.scalar(v))
}

func scalarSize(t *types.Type) int {
	if t.Kind == types.Int || t.Kind == types.Bool {
		return t.Size
	}
	return 8
}

func (b *fn) typeOf(e ast.Expr) *types.Type {
	if t := b.c.info.Types[e]; t != nil {
		return t
	}
	return types.InvalidT
}

// zeroVal returns the zero value of t.
func (b *fn) zeroVal(t *types.Type) val {
	if isScalar(t) || t.Kind == types.Invalid || t.Kind == types.Void {
		return constVal(t, 0)
	}
	m := b.temp("zero", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
	return val{t: t, mem: m, inMem: true}
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// expr evaluates an expression.
func (b *fn) expr(e ast.Expr) val {
	t := b.typeOf(e)
	switch e := e.(type) {
	case *ast.ParenExpr:
		return b.expr(e.X)
	case *ast.IntLit:
		return constVal(t, int64(e.Value))
	case *ast.StrLit:
		return b.stringLit(e.Value, t)
	case *ast.PosParam:
		return b.posParam(e, t)
	case *ast.Ident:
		return b.builtin(e, t)
	case *ast.Var:
		h := b.varHome(e)
		if h == nil {
			return b.zeroVal(t)
		}
		return b.loadVar(h)
	case *ast.MapExpr:
		return b.mapRead(e)
	case *ast.CallExpr:
		return b.call(e, false)
	case *ast.BinaryExpr:
		return b.binary(e, t)
	case *ast.UnaryExpr:
		return b.unary(e, t)
	case *ast.IncDecExpr:
		return b.incDec(e, true)
	case *ast.TernaryExpr:
		return b.ternary(e, t)
	case *ast.FieldExpr:
		return b.field(e, t)
	case *ast.IndexExpr:
		return b.index(e, t)
	case *ast.TupleExpr:
		m := b.temp("tuple", t.Size)
		b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
		for i, el := range e.Elems {
			f := t.Fields[i]
			b.store(b.expr(el), offset(m, f.Offset), f.Type)
		}
		return val{t: t, mem: m, inMem: true}
	case *ast.CastExpr:
		return b.cast(e, t)
	case *ast.BoolLit:
		if e.Value {
			return constVal(t, 1)
		}
		return constVal(t, 0)
	case *ast.RecordExpr:
		return b.recordLit(e, t)
	case *ast.BlockExpr:
		b.blockStmts(e)
		return b.blockValue(e.Value)
	}
	b.errorf(e, "cannot compile expression %T", e)
	return b.zeroVal(t)
}

func offset(m ir.Mem, off int) ir.Mem {
	m.Off += int32(off)
	return m
}

// store writes v at dst converted to type dt.
func (b *fn) store(v val, dst ir.Mem, dt *types.Type) {
	switch {
	case isScalar(dt):
		b.emit(ir.Insn{Op: ir.Store, Mem: dst, B: b.operand(v), Size: scalarSize(dt)})
	case dt.Kind == types.Tuple && v.t.Kind == types.Tuple && len(v.t.Fields) == len(dt.Fields):
		for i, f := range dt.Fields {
			sf := v.t.Fields[i]
			b.store(b.fieldOf(v, sf), offset(dst, f.Offset), f.Type)
		}
	case dt.Kind == types.Record && v.t.Kind == types.Record && dt.Name == "" && !types.Identical(dt, v.t):
		// A record literal whose fields differ in layout (a wider
		// string): stored field by field, by name.
		for _, f := range dt.Fields {
			if sf, ok := v.t.Field(f.Name); ok {
				b.store(b.fieldOf(v, sf), offset(dst, f.Offset), f.Type)
			}
		}
	default:
		if !v.inMem {
			// A scalar stored where a buffer is expected: the checker
			// rules this out; keep the buffer defined anyway.
			b.emit(ir.Insn{Op: ir.Zero, Mem: dst, Size: dt.Size})
			return
		}
		n := min(v.t.Size, dt.Size)
		b.emit(ir.Insn{Op: ir.Copy, Mem: dst, Src: v.mem, Size: n})
		if dt.Size > n {
			b.emit(ir.Insn{Op: ir.Zero, Mem: offset(dst, n), Size: dt.Size - n})
		}
	}
}

// exprInto evaluates e straight into dst as type dt, saving the copy
// through a temporary for the values helpers write: comm and str(). When pad
// is set, the bytes after a string's NUL are zeroed too, as map keys and
// anything that may become one need (equal strings must be equal bytes).
func (b *fn) exprInto(e ast.Expr, dst ir.Mem, dt *types.Type, pad bool) {
	if dt.Kind == types.String {
		var name string
		switch x := unparen(e).(type) {
		case *ast.Ident:
			name = x.Name
		case *ast.CallExpr:
			name = x.Name
		}
		if _, l := lowerBuiltin(name); l != nil && l.into != nil && l.into(b, unparen(e), dst, dt, pad) {
			return
		}
	}
	b.store(b.expr(e), dst, dt)
}

// fieldOf returns field f of an in-memory aggregate.
func (b *fn) fieldOf(v val, f types.Field) val {
	fv := val{t: f.Type, mem: offset(v.mem, f.Offset), inMem: true}
	if isScalar(f.Type) {
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: fv.mem, Size: scalarSize(f.Type)})
		b.extend(r, f.Type)
		return val{t: f.Type, reg: r}
	}
	return fv
}

// extend sign-extends a register loaded from a narrower signed integer.
func (b *fn) extend(r ir.Reg, t *types.Type) {
	if t.Kind == types.Int && t.Signed && t.Size < 8 {
		b.emit(ir.Insn{Op: ir.Ext, Dst: r, A: r, Size: t.Size, Signed: true})
	}
}

// stringLit writes a literal into a zero-padded buffer.
func (b *fn) stringLit(s string, t *types.Type) val {
	size := t.Size
	if size < len(s)+1 {
		size = len(s) + 1
	}
	m := b.temp("str", size)
	buf := make([]byte, alignUp(size, 8))
	copy(buf, s)
	for off := 0; off < len(buf); off += 8 {
		var w int64
		for i := 7; i >= 0; i-- {
			w = w<<8 | int64(buf[off+i])
		}
		b.store(constVal(types.Int64, w), offset(m, off), types.Int64)
	}
	return val{t: types.NewString(size), mem: m, inMem: true}
}

func (b *fn) posParam(e *ast.PosParam, t *types.Type) val {
	params := b.c.info.Params
	if e.Count {
		return constVal(t, int64(len(params)))
	}
	s := ""
	if e.Index >= 1 && e.Index <= len(params) {
		s = params[e.Index-1]
	}
	if t.Kind == types.Int {
		n, _ := types.ParamInt(s) // the checker decided by the same rule
		return constVal(t, n)
	}
	return b.stringLit(s, t)
}

// ---- operators ----

var arithOps = map[string]asm.ALUOp{
	"+": asm.Add, "-": asm.Sub, "*": asm.Mul, "/": asm.Div, "%": asm.Mod,
	"&": asm.And, "|": asm.Or, "^": asm.Xor, "<<": asm.LSh, ">>": asm.RSh,
}

func (b *fn) binary(e *ast.BinaryExpr, t *types.Type) val {
	switch e.Op {
	case "&&", "||", "==", "!=", "<", "<=", ">", ">=":
		return b.boolVal(e)
	}
	if t.Kind == types.Pointer {
		return b.pointerArith(e, t)
	}
	if e.Op == "-" && b.typeOf(e.X).Kind == types.Pointer && b.typeOf(e.Y).Kind == types.Pointer {
		return b.pointerDiff(e)
	}
	v := b.arith(e.Op, b.expr(e.X), b.expr(e.Y), e)
	if t.Kind == types.Int {
		// The checker's type: subtraction is signed whatever its
		// operands, and later comparisons go by the result's sign.
		v.t = t
	}
	return v
}

// arith computes x op y on integers. Operations are signed unless both
// operands are unsigned, as the checker types them.
func (b *fn) arith(op string, x, y val, n ast.Node) val {
	signed := x.t.Signed || y.t.Signed
	rt := types.Uint64
	if signed {
		rt = types.Int64
	}
	alu, ok := arithOps[op]
	if !ok {
		b.errorf(n, "cannot compile operator %s", op)
		return constVal(rt, 0)
	}
	if x.isConst && y.isConst {
		if k, ok := fold(op, x.k, y.k, signed); ok {
			return constVal(rt, k)
		}
	}
	if alu == asm.Div || alu == asm.Mod {
		return b.divide(alu, x, y, rt, signed)
	}
	if signed {
		switch alu {
		case asm.Div:
			alu = asm.SDiv
		case asm.Mod:
			alu = asm.SMod
		case asm.RSh:
			alu = asm.ArSh
		}
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: alu, Dst: r, A: b.scalar(x), B: b.operand(y)})
	return val{t: rt, reg: r}
}

// fold evaluates constant arithmetic; division by zero is left to run time
// (where BPF defines it as 0), so it is not folded.
func fold(op string, x, y int64, signed bool) (int64, bool) {
	switch op {
	case "+":
		return x + y, true
	case "-":
		return x - y, true
	case "*":
		return x * y, true
	case "&":
		return x & y, true
	case "|":
		return x | y, true
	case "^":
		return x ^ y, true
	case "<<":
		return x << (uint64(y) & 63), true
	case ">>":
		if signed {
			return x >> (uint64(y) & 63), true
		}
		return int64(uint64(x) >> (uint64(y) & 63)), true
	}
	return 0, false
}

func (b *fn) unary(e *ast.UnaryExpr, t *types.Type) val {
	switch e.Op {
	case "!":
		return b.boolVal(e)
	case "-":
		x := b.expr(e.X)
		if x.isConst {
			return constVal(t, -x.k)
		}
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Neg, Dst: r, A: b.scalar(x)})
		return val{t: t, reg: r}
	case "~":
		x := b.expr(e.X)
		if x.isConst {
			return constVal(t, ^x.k)
		}
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Xor, Dst: r, A: b.scalar(x), B: ir.I(-1)})
		return val{t: t, reg: r}
	}
	switch e.Op {
	case "*":
		return b.deref(e, t)
	case "&":
		return b.addrOf(e, t)
	}
	b.errorf(e, "cannot compile operator %s", e.Op)
	return constVal(t, 0)
}

// boolVal materialises a condition as 0 or 1.
func (b *fn) boolVal(e ast.Expr) val {
	r := b.f.NewReg()
	done := b.newLabel("bool")
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(1)})
	b.cond(e, done, true)
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	b.label(done)
	return val{t: types.Uint64, reg: r}
}

type condOps struct{ unsigned, signed asm.JumpOp }

var compareOps = map[string]condOps{
	"==": {asm.JEq, asm.JEq}, "!=": {asm.JNE, asm.JNE},
	"<": {asm.JLT, asm.JSLT}, "<=": {asm.JLE, asm.JSLE},
	">": {asm.JGT, asm.JSGT}, ">=": {asm.JGE, asm.JSGE},
}

var invertJump = map[asm.JumpOp]asm.JumpOp{
	asm.JEq: asm.JNE, asm.JNE: asm.JEq,
	asm.JLT: asm.JGE, asm.JGE: asm.JLT, asm.JLE: asm.JGT, asm.JGT: asm.JLE,
	asm.JSLT: asm.JSGE, asm.JSGE: asm.JSLT, asm.JSLE: asm.JSGT, asm.JSGT: asm.JSLE,
}

// cond emits a jump to label taken when e's truth equals jumpIf, falling
// through otherwise. && and || short-circuit.
func (b *fn) cond(e ast.Expr, label string, jumpIf bool) {
	switch e := unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == "!" {
			b.cond(e.X, label, !jumpIf)
			return
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case "&&", "||":
			// jumpIf == (op is ||): both operands jump to label on the
			// same truth value; otherwise the first one skips.
			if jumpIf == (e.Op == "||") {
				b.cond(e.X, label, jumpIf)
				b.cond(e.Y, label, jumpIf)
				return
			}
			skip := b.newLabel("sc")
			b.cond(e.X, skip, !jumpIf)
			b.cond(e.Y, label, jumpIf)
			b.label(skip)
			return
		}
		if ops, ok := compareOps[e.Op]; ok {
			xt, yt := b.typeOf(e.X), b.typeOf(e.Y)
			if xt.Kind == types.String || yt.Kind == types.String || isAggregateCompare(xt, yt) {
				var eq ir.Reg
				if isAggregateCompare(xt, yt) {
					eq = b.aggregatesEqual(b.expr(e.X), b.expr(e.Y))
				} else {
					eq = b.stringsEqual(b.expr(e.X), b.expr(e.Y))
				}
				j := asm.JNE // eq != 0
				if (e.Op == "==") != jumpIf {
					j = asm.JEq
				}
				b.emit(ir.Insn{Op: ir.Branch, A: eq, Cond: j, B: ir.I(0), Label: label})
				return
			}
			x, y := b.expr(e.X), b.expr(e.Y)
			j := ops.unsigned
			if x.t.Signed || y.t.Signed {
				j = ops.signed
			}
			if !jumpIf {
				j = invertJump[j]
			}
			b.emit(ir.Insn{Op: ir.Branch, A: b.scalar(x), Cond: j, B: b.operand(y), Label: label})
			return
		}
	}
	v := b.expr(e)
	if v.isConst {
		if (v.k != 0) == jumpIf {
			b.jump(label)
		}
		return
	}
	j := asm.JEq
	if jumpIf {
		j = asm.JNE
	}
	b.emit(ir.Insn{Op: ir.Branch, A: b.scalar(v), Cond: j, B: ir.I(0), Label: label})
}

// stringsEqual compares two zero-padded string buffers and returns a
// register holding 1 when equal. Every string producer in the compiler pads
// with zeros after the NUL, so whole words can be compared.
func (b *fn) stringsEqual(x, y val) ir.Reg {
	if !x.inMem || !y.inMem {
		return b.constReg(0)
	}
	r := b.f.NewReg()
	ne := b.newLabel("strne")
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	n := min(x.t.Size, y.t.Size)
	for off := 0; off < n; {
		// Strings sit at any offset inside tuples, and the verifier
		// rejects misaligned stack accesses: each load is as wide as the
		// alignment of both addresses allows.
		size := 8
		for off+size > n || (int(x.mem.Off)+off)%size != 0 || (int(y.mem.Off)+off)%size != 0 {
			size /= 2
		}
		a, c := b.f.NewReg(), b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: a, Mem: offset(x.mem, off), Size: size})
		b.emit(ir.Insn{Op: ir.Load, Dst: c, Mem: offset(y.mem, off), Size: size})
		b.emit(ir.Insn{Op: ir.Branch, A: a, Cond: asm.JNE, B: ir.R(c), Label: ne})
		off += size
	}
	// The longer string must end where the shorter one does.
	if x.t.Size != y.t.Size {
		longer := x
		if y.t.Size > x.t.Size {
			longer = y
		}
		a := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: a, Mem: offset(longer.mem, n), Size: 1})
		b.emit(ir.Insn{Op: ir.Branch, A: a, Cond: asm.JNE, B: ir.I(0), Label: ne})
	}
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(1)})
	b.label(ne)
	return r
}

func (b *fn) ternary(e *ast.TernaryExpr, t *types.Type) val {
	if e.Then == nil {
		return b.elvis(e, t)
	}
	elseL, done := b.newLabel("else"), b.newLabel("fi")
	if isScalar(t) {
		r := b.f.NewReg()
		b.cond(e.Cond, elseL, false)
		b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: b.operand(b.expr(e.Then))})
		b.jump(done)
		b.label(elseL)
		b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: b.operand(b.expr(e.Else))})
		b.label(done)
		return val{t: t, reg: r}
	}
	m := b.temp("ternary", t.Size)
	b.cond(e.Cond, elseL, false)
	b.store(b.expr(e.Then), m, t)
	b.jump(done)
	b.label(elseL)
	b.store(b.expr(e.Else), m, t)
	b.label(done)
	return val{t: t, mem: m, inMem: true}
}

// elvis compiles `a ?: b`: a, evaluated once, when it is non-zero, else b.
// The checker allows only integers, bools and pointers on the left, so the
// value is always a scalar in a register.
func (b *fn) elvis(e *ast.TernaryExpr, t *types.Type) val {
	done := b.newLabel("fi")
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: b.operand(b.expr(e.Cond))})
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JNE, B: ir.I(0), Label: done})
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: b.operand(b.expr(e.Else))})
	b.label(done)
	return val{t: t, reg: r}
}

// ternaryStmt compiles a ternary whose value a statement discards. Its
// branches are statements too: each may be a call that returns nothing.
func (b *fn) ternaryStmt(e *ast.TernaryExpr) {
	if e.Then == nil || b.typeOf(e).Kind != types.Void {
		b.expr(e)
		return
	}
	elseL, done := b.newLabel("else"), b.newLabel("fi")
	b.cond(e.Cond, elseL, false)
	b.exprStmt(e.Then)
	b.jump(done)
	b.label(elseL)
	b.exprStmt(e.Else)
	b.label(done)
}
