package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// A callback is a block compiled as a subprogram that a helper calls, such
// as a loop body for bpf_for_each_map_elem or bpf_loop: it runs in a
// frame of its own, without the program's context in R1.
//
// What it changes of the function that passes it lives in the per-CPU
// scratch memory, at offsets fixed at compile time, which both address
// from the scratch base: every outer scalar variable the body assigns
// (copied there before the call, into a register on the callback's entry,
// back on its return, and into the caller's register after the call), and
// every outer variable that is no scalar, which lives there for good (see
// compileProbe). An outer scalar whose address is taken is copied there
// and back as an assigned one is, but the body keeps it in that memory. The verifier tracks no values in map memory, so a loop
// body that counts in an outer variable converges in its eyes after an
// iteration or two, as it would not if the values sat on the caller's
// stack.
//
// The helper hands the callback a pointer to a small block on the
// caller's stack: the scratch base and, when the body needs it (args, a
// helper that takes it), the program's context, pointers the verifier
// tracks through the stack; the values of the outer scalars the body only
// reads, the same on every call; and a flag saying the body returned from
// the probe (return, exit()), 0 or 1, few states for the verifier. A
// callback that needs none of them gets no block.
//
// Return values: 0 goes on with the next element, 1 stops (break, return).
type callback struct {
	parent   *fn
	ctxArg   ir.Reg // the callback's pointer to the block
	captures []*capture
	entry    []ir.Insn // the loads of the prologue, after the scratch base's
	pctx     ir.Reg    // the program's context, loaded from the block
	done     string    // the label of the epilogue
	ret      ir.Reg    // the value the callback returns
	// passed are values of the caller the body reads but no variable
	// holds (a range's start): the caller's registers, copied into the
	// block before the call, and the callback's, loaded on entry.
	passed, passedIn []ir.Reg
	nvals            int32 // the values in the block: passed, then read-only captures
	areaEnd          int   // the end of the caller's scratch memory for the call
}

// Offsets in the block on the caller's stack: the scratch base, the
// context, then nvals values and, when the body returns, the flag.
const (
	blockScratch = 0
	blockCtx     = 8
	blockVals    = 16
)

// flagOff is the return flag's offset in the block.
func (cb *callback) flagOff() int32 { return blockVals + 8*cb.nvals }

// capture is an outer variable a callback's body uses.
type capture struct {
	v       *types.Variable
	written bool     // the body assigns it
	inner   *varHome // its home inside the callback
	// A scalar's place: in scratch memory when the body assigns it, in the
	// block when it only reads it.
	off int32
}

// newCallback starts the subprogram name for body, whose arguments arrive
// in the registers it makes (R1 first), the last being the pointer to the
// block. passed are registers of the caller whose values the callback
// reads from cb.passedIn. declared are the variables that belong to the
// body although declared outside it (a loop's variable).
//
// A scalar the body only reads travels in the block: the verifier sees
// the same value on every call, and the caller needs no scratch memory for
// it. One it assigns goes through scratch memory, where the verifier
// tracks no values (see callback).
func (b *fn) newCallback(name string, body *ast.Block, nparams int, passed []ir.Reg, declared ...*types.Variable) (*fn, []ir.Reg) {
	f := &ir.Func{Name: name}
	cb := &callback{parent: b, passed: passed}
	own := map[*types.Variable]bool{}
	for _, v := range declared {
		own[v] = true
	}
	cb.captures = b.c.captures(body, own)
	// The caller's homes first, since a shared variable's home takes
	// scratch memory for good; then the assigned scalars, in this
	// statement's scratch memory.
	n := 0
	for _, c := range cb.captures {
		outer := b.homeOf(c.v)
		if outer.reg != 0 && c.written || addressedScalar(c.v) {
			n++
		} else if outer.reg == 0 && outer.mem.Slot != 0 {
			b.errorf(body, "internal error: variable %s shared with a loop body is on the stack", c.v.Name)
		}
	}
	// Taken without looking the scratch base up: a callback that shares
	// nothing needs none (see callWithCallback).
	next := int32(b.scratch + b.scratchT)
	b.scratchT += 8 * n
	cb.areaEnd = b.scratch + b.scratchT
	nb := &fn{c: b.c, f: f, ap: b.ap, vars: map[*types.Variable]*varHome{}, cb: cb,
		// The callback's frame adds to its caller's: give it half of
		// what the caller has left for buffers.
		budget: max(0, b.budget-b.stack) / 2,
		// Its scratch memory starts where the caller's ends now.
		scratch: b.scratch + b.scratchT}
	params := make([]ir.Reg, nparams)
	for i := range params {
		params[i] = f.NewReg()
	}
	f.Params = params
	cb.ctxArg = params[nparams-1]
	nb.exit = nb.newLabel("return")
	cb.done = nb.newLabel("done")
	cb.ret = f.NewReg()
	fromBlock := func() (ir.Reg, int32) {
		r, off := f.NewReg(), blockVals+8*cb.nvals
		cb.nvals++
		cb.entry = append(cb.entry, ir.Insn{Op: ir.Load, Dst: r, Mem: ir.Mem{Base: cb.ctxArg, Off: off}, Size: 8})
		return r, off
	}
	for range passed {
		r, _ := fromBlock()
		cb.passedIn = append(cb.passedIn, r)
	}
	for _, c := range cb.captures {
		c.inner = &varHome{t: c.v.Type}
		switch {
		case addressedScalar(c.v):
			// Its home in the callback is its place in scratch
			// memory, which &$x points to there; the caller copies
			// it from and back to its own home.
			c.off = next
			next += 8
			c.inner.mem = ir.Mem{Base: nb.scratchBase(), Off: c.off}
		case inRegister(c.v) && !c.written:
			c.inner.reg, c.off = fromBlock()
		case inRegister(c.v):
			c.off = next
			next += 8
			c.inner.reg = f.NewReg()
			cb.entry = append(cb.entry, ir.Insn{Op: ir.Load, Dst: c.inner.reg, Mem: ir.Mem{Base: nb.scratchBase(), Off: c.off}, Size: 8})
		default:
			// The caller's home is in scratch memory too (compileProbe
			// put it there), at the same offset from the same base.
			c.inner.mem = ir.Mem{Base: nb.scratchBase(), Off: b.homeOf(c.v).mem.Off}
		}
		nb.vars[c.v] = c.inner
	}
	return nb, params
}

// scratchPerm returns size bytes of scratch memory for the whole function,
// above what the callbacks compiled so far used.
func (b *fn) scratchPerm(size int) ir.Mem {
	b.scratch = max(b.scratch, b.permFloor)
	off := b.scratch
	b.scratch += alignUp(size, 8)
	b.noteScratch(b.scratch + b.scratchT)
	return ir.Mem{Base: b.scratchBase(), Off: int32(off)}
}

// scratchTemp returns size bytes of scratch memory for the rest of the
// current statement.
func (b *fn) scratchTemp(size int) ir.Mem {
	off := b.scratch + b.scratchT
	b.scratchT += size
	b.noteScratch(off + size)
	return ir.Mem{Base: b.scratchBase(), Off: int32(off)}
}

// sharedVars marks the variables of a probe that a for loop's body (a
// callback) uses but that are declared outside it, at any depth of nesting: those
// that are not scalars get their home in scratch memory (see callback).
func (c *compiler) sharedVars(body *ast.Block) {
	ast.Inspect(body, func(n ast.Node) bool {
		s, ok := n.(*ast.ForStmt)
		if !ok {
			return true
		}
		own := map[*types.Variable]bool{}
		if v := c.info.Vars[s.Var]; v != nil {
			own[v] = true
		}
		for _, cp := range c.captures(s.Body, own) {
			if !isScalar(cp.v.Type) {
				if c.inScratch == nil {
					c.inScratch = map[*types.Variable]bool{}
				}
				c.inScratch[cp.v] = true
			}
		}
		return true
	})
}

// captures lists, in order of first use, the variables body uses that are
// declared outside it, and whether it assigns them.
func (c *compiler) captures(body *ast.Block, own map[*types.Variable]bool) []*capture {
	var out []*capture
	seen := map[*types.Variable]*capture{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.LetStmt:
			if v := c.info.Vars[n.Var]; v != nil {
				own[v] = true
			}
		case *ast.ForStmt:
			if v := c.info.Vars[n.Var]; v != nil {
				own[v] = true
			}
		}
		return true
	})
	written := map[*types.Variable]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		var target ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			target = n.LHS
		case *ast.IncDecExpr:
			target = n.X
		}
		if x, ok := target.(*ast.Var); ok {
			if v := c.info.Vars[x]; v != nil {
				written[v] = true
			}
		}
		return true
	})
	ast.Inspect(body, func(n ast.Node) bool {
		x, ok := n.(*ast.Var)
		if !ok {
			return true
		}
		v := c.info.Vars[x]
		if v == nil || v.Type == nil || own[v] || seen[v] != nil {
			return true
		}
		cp := &capture{v: v, written: written[v]}
		seen[v] = cp
		out = append(out, cp)
		return true
	})
	return out
}

// progCtx is the program's context inside a callback, loaded from the
// shared block on entry; its place there is fixed by finishCallback.
func (cb *callback) progCtx(b *fn) ir.Reg {
	if cb.pctx == 0 {
		cb.pctx = b.f.NewReg()
	}
	return cb.pctx
}

// callbackEnd compiles the end of a callback's body (go on: return 0), the
// label brk (stop: return 1), the probe's return (set the flag, stop) and
// the epilogue, which copies assigned scalars out, then the prologue. It
// reports whether the caller must test the flag.
func (b *fn) callbackEnd(brk string, at ast.Node) (returns bool) {
	cb := b.cb
	b.emit(ir.Insn{Op: ir.Mov, Dst: cb.ret, B: ir.I(0)})
	b.jump(cb.done)
	b.label(brk)
	b.emit(ir.Insn{Op: ir.Mov, Dst: cb.ret, B: ir.I(1)})
	b.jump(cb.done)
	if returns = b.refersTo(b.exit); returns {
		b.label(b.exit)
		b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: cb.ctxArg, Off: cb.flagOff()}, B: ir.I(1), Size: 8})
		b.emit(ir.Insn{Op: ir.Mov, Dst: cb.ret, B: ir.I(1)})
	}
	b.label(cb.done)
	for _, c := range cb.captures {
		if c.written && c.inner.reg != 0 {
			b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: b.scratchBase(), Off: c.off}, B: ir.R(c.inner.reg), Size: 8})
		}
	}
	b.emit(ir.Insn{Op: ir.Exit, B: ir.R(cb.ret)})
	if b.scratchPeak > maxScratch {
		b.errorf(at, "this probe needs %d bytes for its strings and values, more than the %d BPF can address: use fewer or shorter strings (str(x, n))", b.scratchPeak, maxScratch)
	}
	var pro []ir.Insn
	if b.scrBase != 0 {
		pro = append(pro, ir.Insn{Op: ir.Load, Dst: b.scrBase, Mem: ir.Mem{Base: cb.ctxArg, Off: blockScratch}, Size: 8})
	}
	if cb.pctx != 0 {
		pro = append(pro, ir.Insn{Op: ir.Load, Dst: cb.pctx, Mem: ir.Mem{Base: cb.ctxArg, Off: blockCtx}, Size: 8})
	}
	cb.entry = append(pro, cb.entry...)
	b.finish()
	return returns
}

// refersTo reports whether an instruction so far jumps to label.
func (b *fn) refersTo(label string) bool {
	for _, in := range b.body {
		if (in.Op == ir.Jump || in.Op == ir.Branch) && in.Label == label {
			return true
		}
	}
	return false
}

// callWithCallback emits a call of helper h, with the callback sub in
// place of ir.FuncAddr(""), the block as the callback's context and flags
// 0: scalars are copied to scratch memory before the call and back after
// it, and the probe is left when the body returned. sub becomes one of the
// program's subprograms.
func (b *fn) callWithCallback(sub *fn, returns bool, h asm.BuiltinFunc, args ...ir.Value) {
	cb := sub.cb
	shared := func(off int32) ir.Mem { return ir.Mem{Base: b.scratchBase(), Off: off} }
	// A callback that uses neither scratch memory nor the program's
	// context and does not return gets no block: the helpers take NULL.
	blockArg := ir.I(0)
	var at func(off int32) ir.Mem
	if sub.scrBase != 0 || cb.pctx != 0 || returns || cb.nvals > 0 {
		size := int(cb.flagOff())
		if returns {
			size += 8
		}
		block := b.f.NewSlot(sub.f.Name, size)
		b.stack += size
		at = func(off int32) ir.Mem { return ir.Mem{Slot: block, Off: off} }
		blockArg = ir.Addr(at(0))
		// A field the callback does not read is left unwritten.
		if sub.scrBase != 0 {
			b.noteScratch(cb.areaEnd)
			b.emit(ir.Insn{Op: ir.Store, Mem: at(blockScratch), B: ir.R(b.scratchBase()), Size: 8})
		}
		if cb.pctx != 0 {
			b.emit(ir.Insn{Op: ir.Store, Mem: at(blockCtx), B: ir.R(b.ctx()), Size: 8})
		}
	}
	for i, r := range cb.passed {
		b.emit(ir.Insn{Op: ir.Store, Mem: at(blockVals + 8*int32(i)), B: ir.R(r), Size: 8})
	}
	for _, c := range cb.captures {
		switch {
		case addressedScalar(c.v):
			r := b.scalar(b.loadVar(b.homeOf(c.v)))
			b.emit(ir.Insn{Op: ir.Store, Mem: shared(c.off), B: ir.R(r), Size: 8})
		case c.inner.reg != 0 && c.written:
			b.emit(ir.Insn{Op: ir.Store, Mem: shared(c.off), B: ir.R(b.homeOf(c.v).reg), Size: 8})
		case c.inner.reg != 0:
			b.emit(ir.Insn{Op: ir.Store, Mem: at(c.off), B: ir.R(b.homeOf(c.v).reg), Size: 8})
		}
	}
	if returns {
		b.emit(ir.Insn{Op: ir.Store, Mem: at(cb.flagOff()), B: ir.I(0), Size: 8})
	}
	for i, a := range args {
		if a.Kind == ir.VFunc {
			args[i] = ir.FuncAddr(sub.f.Name)
		}
	}
	args = append(args, blockArg, ir.I(0))
	b.emit(ir.Insn{Op: ir.Call, Helper: h, Args: args})
	for _, c := range cb.captures {
		switch {
		case addressedScalar(c.v) && c.written:
			r := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: shared(c.off), Size: 8})
			b.storeVar(b.homeOf(c.v), val{t: c.v.Type, reg: r})
		case c.written && c.inner.reg != 0:
			b.emit(ir.Insn{Op: ir.Load, Dst: b.homeOf(c.v).reg, Mem: shared(c.off), Size: 8})
		}
	}
	if returns {
		flag, cont := b.f.NewReg(), b.newLabel("went_on")
		b.emit(ir.Insn{Op: ir.Load, Dst: flag, Mem: at(cb.flagOff()), Size: 8})
		b.emit(ir.Insn{Op: ir.Branch, A: flag, Cond: asm.JEq, B: ir.I(0), Label: cont})
		b.returnStmt()
		b.label(cont)
	}
	// What the callback used of scratch memory stays out of reach of the
	// caller's variables made later, which are zeroed on entry, before it
	// ran; temporaries of later statements may use it again.
	b.permFloor = max(b.permFloor, sub.scratchPeak)
	// The program lists every subprogram, nested ones included.
	b.f.Subprogs = append(b.f.Subprogs, sub.f)
	b.f.Subprogs = append(b.f.Subprogs, sub.f.Subprogs...)
	sub.f.Subprogs = nil
}

// inRegister reports whether variable v lives in a register: a scalar
// whose address is never taken.
func inRegister(v *types.Variable) bool { return isScalar(v.Type) && !v.AddrTaken }

// addressedScalar reports whether v is a scalar whose address is taken:
// it lives in memory, on the stack where it can, so that the verifier
// tracks its value (a while loop may count in it); a loop body works on a
// copy in scratch memory, as it does on the scalars it assigns.
func addressedScalar(v *types.Variable) bool { return isScalar(v.Type) && v.AddrTaken }

// homeOf is varHome by variable rather than by occurrence.
func (b *fn) homeOf(v *types.Variable) *varHome {
	if h := b.vars[v]; h != nil {
		return h
	}
	h := &varHome{t: v.Type}
	switch {
	case inRegister(v):
		h.reg = b.f.NewReg()
	case b.c.inScratch[v]:
		// A for loop's body shares it (see callback).
		h.mem = b.scratchPerm(v.Type.Size)
	default:
		h.mem = b.perm(v.Name, v.Type.Size)
	}
	b.vars[v] = h
	b.varList = append(b.varList, h)
	return h
}
