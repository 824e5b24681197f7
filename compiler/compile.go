package compiler

import (
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// fn builds one ir.Func: a block compiled for one attach point.
type fn struct {
	c    *compiler
	f    *ir.Func
	ap   *types.AttachPoint
	body []ir.Insn // instructions before the prologue is known

	vars    map[*types.Variable]*varHome
	varList []*varHome // in order of first use, for a deterministic prologue
	labels  int
	exit    string // the label of the final `return 0`
	loops   []loop // the loops around the statement being compiled, innermost last

	stack       int // bytes of stack handed out
	budget      int // bytes of stack buffers may take before they go to scratch memory
	temps       []tempBuf
	scratch     int // bytes of the scratch value handed out permanently
	scratchT    int // ... and to temporaries of the current statement
	scratchPeak int
	scrBase     ir.Reg
	// permFloor is where variables in scratch memory may start: above
	// what the callbacks compiled so far used (see callWithCallback).
	permFloor int

	// A loop body compiled as a subprogram (callback.go) has these too.
	cb *callback
}

type varHome struct {
	t   *types.Type
	reg ir.Reg // scalars
	mem ir.Mem // everything else
}

type tempBuf struct {
	slot ir.Slot
	size int
	busy bool
}

func (c *compiler) compileProbe(p *types.Probe, ap *types.AttachPoint) *ir.Func {
	// Room for a one-line probe's instructions up front: growing the list
	// from nothing would copy it four times.
	b := &fn{c: c, f: &ir.Func{Name: "probe"}, ap: ap, vars: map[*types.Variable]*varHome{}, body: make([]ir.Insn, 0, 16), budget: c.budget}
	b.exit = b.newLabel("exit")
	if pred := p.Node.Pred; pred != nil {
		// The predicate jumps into the body when it holds and falls
		// through to a return when it does not: a probe that filters out
		// most events then runs a few straight-line instructions at the
		// start of the program, rather than taking a jump to its far end
		// (another cache line to fetch on every event).
		body := b.newLabel("body")
		b.cond(pred, body, true)
		b.emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
		b.label(body)
	}
	c.sharedVars(p.Node.Body)
	b.block(p.Node.Body)
	if b.scratchPeak > maxScratch {
		b.errorf(p.Node.Specs[0], "this probe needs %d bytes for its strings and values, more than the %d BPF can address: use fewer or shorter strings (str(x, n))", b.scratchPeak, maxScratch)
	}
	b.emit(ir.Insn{Op: ir.Label, Label: b.exit})
	b.emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
	b.finish()
	return b.f
}

func (b *fn) emit(in ir.Insn) { b.body = append(b.body, in) }

func (b *fn) newLabel(hint string) string {
	b.labels++
	if b.cb != nil {
		// Labels of the functions of one program share its symbol table.
		return b.f.Name + "." + hint + "_" + strconv.Itoa(b.labels)
	}
	return hint + "_" + strconv.Itoa(b.labels)
}

func (b *fn) label(l string) { b.emit(ir.Insn{Op: ir.Label, Label: l}) }
func (b *fn) jump(l string)  { b.emit(ir.Insn{Op: ir.Jump, Label: l}) }

func (b *fn) errorf(n ast.Node, format string, args ...any) {
	b.c.errs.Addf(n, format, args...)
}

// finish prepends the prologue: when the function uses scratch space, it
// looks the scratch map's only value up once on entry.
//
// Variables are zeroed on entry too: a variable first assigned inside an
// `if` may be read after it, and the verifier rejects reads of registers or
// stack that no path initialised.
func (b *fn) finish() {
	var pro []ir.Insn
	if b.cb != nil {
		// A callback's scratch base comes from its caller (callbackEnd).
		pro = b.cb.entry
	}
	for _, h := range b.varList {
		if h.reg != 0 {
			pro = append(pro, ir.Insn{Op: ir.Mov, Dst: h.reg, B: ir.I(0)})
		}
	}
	if b.scrBase != 0 && b.cb == nil {
		key := b.f.NewSlot("scratch_key", 4)
		pro = append(pro, []ir.Insn{
			{Op: ir.Store, Mem: ir.Mem{Slot: key}, B: ir.I(0), Size: 4},
			{Op: ir.Call, Dst: b.scrBase, Helper: helperMapLookup, Args: []ir.Value{ir.MapArg(ScratchMap), ir.Addr(ir.Mem{Slot: key})}},
			{Op: ir.Branch, A: b.scrBase, Cond: jEq, B: ir.I(0), Label: b.exit},
		}...)
	}
	for _, h := range b.varList {
		if h.reg == 0 {
			pro = append(pro, ir.Insn{Op: ir.Zero, Mem: h.mem, Size: alignUp(h.t.Size, 8)})
		}
	}
	if len(pro) == 0 {
		b.f.Insns = b.body
		return
	}
	b.f.Insns = append(pro, b.body...)
}

// ---- buffers ----

// temp returns a buffer of size bytes that lives until the end of the
// current statement.
func (b *fn) temp(name string, size int) ir.Mem {
	size = alignUp(size, 8)
	best := -1
	for i, t := range b.temps {
		if !t.busy && t.size >= size && (best < 0 || t.size < b.temps[best].size) {
			best = i
		}
	}
	if best >= 0 {
		b.temps[best].busy = true
		return ir.Mem{Slot: b.temps[best].slot}
	}
	if b.stack+size <= b.budget {
		b.stack += size
		s := b.f.NewSlot(name, size)
		b.temps = append(b.temps, tempBuf{slot: s, size: size, busy: true})
		return ir.Mem{Slot: s}
	}
	off := b.scratch + b.scratchT
	b.scratchT += size
	b.noteScratch(off + size)
	return ir.Mem{Base: b.scratchBase(), Off: int32(off)}
}

// perm returns a buffer for the whole function (variables).
func (b *fn) perm(name string, size int) ir.Mem {
	size = alignUp(size, 8)
	if b.stack+size <= b.budget {
		b.stack += size
		return ir.Mem{Slot: b.f.NewSlot(name, size)}
	}
	return b.scratchPerm(size)
}

// maxScratch is the most scratch space a program can use: BPF addresses
// memory with signed 16-bit offsets from one base register.
const maxScratch = 1<<15 - 1

func (b *fn) noteScratch(n int) {
	b.scratchPeak = max(b.scratchPeak, n)
	if n > b.c.scratchSize {
		b.c.scratchSize = n
	}
}

func (b *fn) scratchBase() ir.Reg {
	if b.scrBase == 0 {
		b.scrBase = b.f.NewReg()
	}
	return b.scrBase
}

// endStatement releases the temporaries of a statement.
func (b *fn) endStatement() {
	for i := range b.temps {
		b.temps[i].busy = false
	}
	b.scratchT = 0
}

// ---- statements ----

func (b *fn) block(blk *ast.Block) {
	for _, s := range blk.Stmts {
		b.stmt(s)
		b.endStatement()
	}
}

// blockStmts compiles the statements of a block expression. They are
// part of the statement that holds the block, whose temporaries may
// still be in use around it (`printf("%s %d", str($p), { ... })`), so
// none is released between them.
func (b *fn) blockStmts(e *ast.BlockExpr) {
	for _, s := range e.Stmts {
		b.stmt(s)
	}
}

// blockValue evaluates the value of a block expression. A variable is
// copied out of its home: the value must stay what it was when the block
// ended, and code evaluated later in the same expression may change the
// variable (`twice({ $n++; $n })` is `{ $n++; $n } + { $n++; $n }`).
func (b *fn) blockValue(e ast.Expr) val {
	v := b.expr(e)
	if _, isVar := unparen(e).(*ast.Var); !isVar {
		return v
	}
	switch {
	case v.inMem:
		m := b.temp("block", v.t.Size)
		b.emit(ir.Insn{Op: ir.Copy, Mem: m, Src: v.mem, Size: v.t.Size})
		return val{t: v.t, mem: m, inMem: true}
	case v.reg != 0:
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.R(v.reg)})
		return val{t: v.t, reg: r}
	}
	return v
}

func (b *fn) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.Block:
		b.block(s)
	case *ast.ExprStmt:
		b.exprStmt(s.X)
	case *ast.AssignStmt:
		b.assign(s)
	case *ast.LetStmt:
		if tv := b.c.info.Vars[s.Var]; tv != nil && tv.Type == nil {
			return // `let $x;` never assigned: nothing reads it either
		}
		h := b.varHome(s.Var)
		if h == nil {
			return
		}
		if s.Value != nil {
			b.storeVar(h, b.expr(s.Value))
		} else if h.reg != 0 {
			b.emit(ir.Insn{Op: ir.Mov, Dst: h.reg, B: ir.I(0)})
		} else {
			b.emit(ir.Insn{Op: ir.Zero, Mem: h.mem, Size: alignUp(h.t.Size, 8)})
		}
	case *ast.IfStmt:
		elseL := b.newLabel("else")
		b.cond(s.Cond, elseL, false)
		b.block(s.Then)
		if s.Else == nil {
			b.label(elseL)
			return
		}
		endL := b.newLabel("endif")
		b.jump(endL)
		b.label(elseL)
		b.stmt(s.Else)
		b.label(endL)
	case *ast.ReturnStmt:
		b.returnStmt()
	case *ast.WhileStmt:
		b.whileStmt(s)
	case *ast.UnrollStmt:
		for range b.c.info.Unrolls[s] {
			b.block(s.Body)
		}
	case *ast.ForStmt:
		if s.Map != nil {
			b.forMap(s)
			return
		}
		b.forRange(s)
	case *ast.BreakStmt:
		b.jump(b.loops[len(b.loops)-1].brk)
	case *ast.ContinueStmt:
		b.jump(b.loops[len(b.loops)-1].cont)
	default:
		b.errorf(s, "cannot compile statement %T", s)
	}
}

func (b *fn) exprStmt(e ast.Expr) {
	switch e := e.(type) {
	case *ast.CallExpr:
		b.call(e, true)
	case *ast.ParenExpr:
		b.exprStmt(e.X)
	case *ast.TernaryExpr:
		b.ternaryStmt(e)
	case *ast.IncDecExpr:
		b.incDec(e, false)
	case *ast.BlockExpr:
		b.blockStmts(e)
		b.exprStmt(e.Value)
	default:
		b.expr(e) // evaluated for its effects, if any
	}
}

func (b *fn) assign(s *ast.AssignStmt) {
	if id, ok := s.LHS.(*ast.Ident); ok && id.Name == "_" {
		b.exprStmt(s.RHS) // `_ = expr;` discards the value
		return
	}
	switch lhs := s.LHS.(type) {
	case *ast.Var:
		h := b.varHome(lhs)
		if h == nil {
			return
		}
		if s.Op == "=" {
			if h.reg == 0 {
				b.exprInto(s.RHS, h.mem, h.t, true)
				return
			}
			b.storeVar(h, b.expr(s.RHS))
			return
		}
		old := b.loadVar(h)
		nv := b.step(strings.TrimSuffix(s.Op, "="), old, b.expr(s.RHS), s)
		b.storeVar(h, nv)
	case *ast.MapExpr:
		if call, ok := s.RHS.(*ast.CallExpr); ok && s.Op == "=" && isAggregationCall(call) {
			b.aggregate(lhs, call)
			return
		}
		if s.Op == "=" {
			b.mapStore(lhs, s.RHS)
			return
		}
		op := strings.TrimSuffix(s.Op, "=")
		b.mapUpdate(lhs, func(old val) val { return b.step(op, old, b.expr(s.RHS), s) })
	default:
		b.errorf(s.LHS, "cannot assign to this expression")
	}
}

// incDec compiles ++/--; when asValue is set it returns the expression's
// value (the old one for postfix, the new one for prefix).
func (b *fn) incDec(e *ast.IncDecExpr, asValue bool) val {
	op := "+"
	if e.Op == "--" {
		op = "-"
	}
	one := val{t: types.Int64, reg: b.constReg(1)}
	var result val
	update := func(old val) val {
		nv := b.step(op, old, one, e)
		if asValue {
			r := b.f.NewReg()
			src := nv
			if e.Post {
				src = old
			}
			b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.R(b.scalar(src))})
			result = val{t: src.t, reg: r}
		}
		return nv
	}
	switch x := e.X.(type) {
	case *ast.Var:
		h := b.varHome(x)
		if h == nil {
			return b.zeroVal(types.Int64)
		}
		b.storeVar(h, update(b.loadVar(h)))
	case *ast.MapExpr:
		b.mapUpdate(x, update)
	default:
		b.errorf(e, "cannot apply %s to this expression", e.Op)
		return b.zeroVal(types.Int64)
	}
	if !asValue {
		return val{}
	}
	return result
}

// ---- variables ----

func (b *fn) varHome(v *ast.Var) *varHome {
	tv := b.c.info.Vars[v]
	if tv == nil {
		b.errorf(v, "unresolved variable %s", v.Name)
		return nil
	}
	return b.homeOf(tv)
}

func (b *fn) storeVar(h *varHome, v val) {
	v = b.convertStored(v, h.t)
	if h.reg != 0 {
		b.emit(ir.Insn{Op: ir.Mov, Dst: h.reg, B: ir.R(b.scalar(v))})
		return
	}
	b.store(v, h.mem, h.t)
}

func (b *fn) loadVar(h *varHome) val {
	if h.reg != 0 {
		return val{t: h.t, reg: h.reg}
	}
	return val{t: h.t, mem: h.mem, inMem: true}
}
