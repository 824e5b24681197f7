package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// A callback is a block compiled as a subprogram that a helper calls, such
// as a loop body for bpf_for_each_map_elem (or bpf_loop): it runs in a
// frame of its own, without the program's context in R1, so what it shares
// with the function that passes it travels through a block of that
// function's stack, whose address the helper hands the callback as its
// ctx argument. In that block, 8 bytes each:
//
//   - every outer variable the body uses: a scalar's value, copied in on
//     entry and, when the body assigns it, out on return and back into
//     the caller's register after the helper; for any other variable the
//     address of its buffer, which the body reads and writes in place;
//   - when the body returns from the probe (return, exit()), a flag the
//     caller tests after the helper, to return too;
//   - when the body needs the program's context (args, a helper that takes
//     it), the context pointer, which the verifier tracks through the
//     stack.
//
// Return values: 0 goes on with the next element, 1 stops (break, return).
type callback struct {
	parent   *fn
	ctxArg   ir.Reg // the callback's pointer to the shared block
	captures []*capture
	entry    []ir.Insn // the loads of the prologue, before fn.finish's
	pctx     ir.Reg    // the program's context, loaded from the block
	done     string    // the label of the epilogue
	ret      ir.Reg    // the value the callback returns
}

// capture is an outer variable a callback's body uses.
type capture struct {
	v       *types.Variable
	written bool     // the body assigns it
	inner   *varHome // its home inside the callback
	off     int32    // its place in the shared block
}

// newCallback starts the subprogram name for body, whose arguments arrive
// in the registers params makes (R1 first, 0 for one it ignores), the last
// being the pointer to the shared block. declared are the variables that
// belong to the body although declared outside it (a loop's variable).
func (b *fn) newCallback(name string, body *ast.Block, nparams int, declared ...*types.Variable) (*fn, []ir.Reg) {
	f := &ir.Func{Name: name}
	cb := &callback{parent: b}
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
	own := map[*types.Variable]bool{}
	for _, v := range declared {
		own[v] = true
	}
	cb.captures = b.c.captures(body, own)
	for i, c := range cb.captures {
		c.off = int32(8 * i)
		c.inner = &varHome{t: c.v.Type}
		if isScalar(c.v.Type) {
			c.inner.reg = f.NewReg()
			cb.entry = append(cb.entry, ir.Insn{Op: ir.Load, Dst: c.inner.reg, Mem: ir.Mem{Base: cb.ctxArg, Off: c.off}, Size: 8})
		} else {
			p := f.NewReg()
			cb.entry = append(cb.entry, ir.Insn{Op: ir.Load, Dst: p, Mem: ir.Mem{Base: cb.ctxArg, Off: c.off}, Size: 8})
			c.inner.mem = ir.Mem{Base: p}
		}
		nb.vars[c.v] = c.inner
	}
	return nb, params
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
// the epilogue, which copies assigned scalars out. It returns the layout
// of the shared block: its size and the offsets of the flag and of the
// program's context, -1 when unused.
func (b *fn) callbackEnd(brk string, at ast.Node) (size int, flagOff, ctxOff int32) {
	cb := b.cb
	b.emit(ir.Insn{Op: ir.Mov, Dst: cb.ret, B: ir.I(0)})
	b.jump(cb.done)
	b.label(brk)
	b.emit(ir.Insn{Op: ir.Mov, Dst: cb.ret, B: ir.I(1)})
	b.jump(cb.done)
	size = 8 * len(cb.captures)
	flagOff, ctxOff = -1, -1
	if b.refersTo(b.exit) || b.scrBase != 0 {
		flagOff = int32(size)
		size += 8
		b.label(b.exit)
		b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: cb.ctxArg, Off: flagOff}, B: ir.I(1), Size: 8})
		b.emit(ir.Insn{Op: ir.Mov, Dst: cb.ret, B: ir.I(1)})
	}
	b.label(cb.done)
	for _, c := range cb.captures {
		if c.written && c.inner.reg != 0 {
			b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: cb.ctxArg, Off: c.off}, B: ir.R(c.inner.reg), Size: 8})
		}
	}
	b.emit(ir.Insn{Op: ir.Exit, B: ir.R(cb.ret)})
	if cb.pctx != 0 {
		ctxOff = int32(size)
		size += 8
		cb.entry = append(cb.entry, ir.Insn{Op: ir.Load, Dst: cb.pctx, Mem: ir.Mem{Base: cb.ctxArg, Off: ctxOff}, Size: 8})
	}
	if b.scratchPeak > maxScratch {
		b.errorf(at, "this probe needs %d bytes for its strings and values, more than the %d BPF can address: use fewer or shorter strings (str(x, n))", b.scratchPeak, maxScratch)
	}
	b.finish()
	return size, flagOff, ctxOff
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
// place of ir.FuncAddr(""), and the shared block around it: filled before
// the call, scalars copied back and the probe left when the body returned
// after it. sub becomes one of the program's subprograms.
func (b *fn) callWithCallback(sub *fn, size int, flagOff, ctxOff int32, h asm.BuiltinFunc, args ...ir.Value) {
	cb := sub.cb
	block := b.f.NewSlot(sub.f.Name, max(size, 8))
	b.stack += max(size, 8)
	at := func(off int32) ir.Mem { return ir.Mem{Slot: block, Off: off} }
	for _, c := range cb.captures {
		outer := b.homeOf(c.v)
		if outer.reg != 0 {
			b.emit(ir.Insn{Op: ir.Store, Mem: at(c.off), B: ir.R(outer.reg), Size: 8})
			continue
		}
		p := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Mov, Dst: p, B: ir.Addr(outer.mem)})
		b.emit(ir.Insn{Op: ir.Store, Mem: at(c.off), B: ir.R(p), Size: 8})
	}
	if flagOff >= 0 {
		b.emit(ir.Insn{Op: ir.Store, Mem: at(flagOff), B: ir.I(0), Size: 8})
	}
	if ctxOff >= 0 {
		b.emit(ir.Insn{Op: ir.Store, Mem: at(ctxOff), B: ir.R(b.ctx()), Size: 8})
	}
	if size == 0 {
		// The helper passes the block on whatever it holds; keep it
		// defined for the verifier.
		b.emit(ir.Insn{Op: ir.Store, Mem: at(0), B: ir.I(0), Size: 8})
	}
	for i, a := range args {
		if a.Kind == ir.VFunc {
			args[i] = ir.FuncAddr(sub.f.Name)
		}
	}
	args = append(args, ir.Addr(at(0)), ir.I(0))
	b.emit(ir.Insn{Op: ir.Call, Helper: h, Args: args})
	for _, c := range cb.captures {
		if c.written && c.inner.reg != 0 {
			b.emit(ir.Insn{Op: ir.Load, Dst: b.homeOf(c.v).reg, Mem: at(c.off), Size: 8})
		}
	}
	if flagOff >= 0 {
		flag, cont := b.f.NewReg(), b.newLabel("went_on")
		b.emit(ir.Insn{Op: ir.Load, Dst: flag, Mem: at(flagOff), Size: 8})
		b.emit(ir.Insn{Op: ir.Branch, A: flag, Cond: asm.JEq, B: ir.I(0), Label: cont})
		b.returnStmt()
		b.label(cont)
	}
	// The program lists every subprogram, nested ones included.
	b.f.Subprogs = append(b.f.Subprogs, sub.f)
	b.f.Subprogs = append(b.f.Subprogs, sub.f.Subprogs...)
	sub.f.Subprogs = nil
}

// homeOf is varHome by variable rather than by occurrence.
func (b *fn) homeOf(v *types.Variable) *varHome {
	if h := b.vars[v]; h != nil {
		return h
	}
	h := &varHome{t: v.Type}
	if isScalar(v.Type) {
		h.reg = b.f.NewReg()
	} else {
		h.mem = b.perm(v.Name, v.Type.Size)
	}
	b.vars[v] = h
	b.varList = append(b.varList, h)
	return h
}
