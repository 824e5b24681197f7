package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// loop is a loop being compiled: where break and continue jump, and for a
// range loop the stack slot of its kernel iterator, which every way out of
// the loop must destroy.
type loop struct {
	brk, cont string
	iter      ir.Slot
}

// The open-coded number iterator (Linux 6.4): the verifier bounds a loop
// driven by it without walking every iteration, so a range's ends may be
// run-time values, and the body may call helpers.
const (
	iterNumNew     = "bpf_iter_num_new"
	iterNumNext    = "bpf_iter_num_next"
	iterNumDestroy = "bpf_iter_num_destroy"
	iterNumSize    = 8 // struct bpf_iter_num
)

// whileStmt compiles `while (cond) body` as a test at the top and a jump
// back: the verifier accepts it when it can see the loop end.
func (b *fn) whileStmt(s *ast.WhileStmt) {
	top, end := b.newLabel("while"), b.newLabel("endwhile")
	b.label(top)
	b.cond(s.Cond, end, false)
	b.loopBody(s.Body, loop{brk: end, cont: top})
	b.jump(top)
	b.label(end)
}

func (b *fn) loopBody(body *ast.Block, l loop) {
	b.loops = append(b.loops, l)
	b.block(body)
	b.loops = b.loops[:len(b.loops)-1]
}

// forRange compiles `for ($i : from..to) body` over a bpf_iter_num:
//
//	bpf_iter_num_new(&it, from, to)
//	top: p = bpf_iter_num_next(&it); if p == 0 goto end
//	     $i = *(s32 *)p; body; goto top
//	end: bpf_iter_num_destroy(&it)
//
// from and to are evaluated once, as the reference says.
func (b *fn) forRange(s *ast.ForStmt) {
	ids, ok := b.iterNumIDs(s)
	if !ok {
		return
	}
	from, to := b.scalar(b.expr(s.From)), b.scalar(b.expr(s.To))
	it := b.f.NewSlot("iter", iterNumSize)
	b.stack += iterNumSize
	itAddr := ir.Addr(ir.Mem{Slot: it})
	b.emit(ir.Insn{Op: ir.Call, Kfunc: &ir.Kfunc{Name: iterNumNew, BTFID: ids[0]}, Args: []ir.Value{itAddr, ir.R(from), ir.R(to)}})
	top, end := b.newLabel("for"), b.newLabel("endfor")
	b.label(top)
	p := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Call, Dst: p, Kfunc: &ir.Kfunc{Name: iterNumNext, BTFID: ids[1]}, Args: []ir.Value{itAddr}})
	b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: jEq, B: ir.I(0), Label: end})
	if h := b.varHome(s.Var); h != nil {
		i := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: i, Mem: ir.Mem{Base: p}, Size: 4, Signed: true})
		b.storeVar(h, val{t: types.Int64, reg: i})
	}
	b.loopBody(s.Body, loop{brk: end, cont: top, iter: it})
	b.jump(top)
	b.label(end)
	b.destroyIter(it, ids[2])
}

func (b *fn) destroyIter(it ir.Slot, id int32) {
	b.emit(ir.Insn{Op: ir.Call, Kfunc: &ir.Kfunc{Name: iterNumDestroy, BTFID: id}, Args: []ir.Value{ir.Addr(ir.Mem{Slot: it})}})
}

// iterNumIDs looks up the iterator's kernel functions.
func (b *fn) iterNumIDs(s *ast.ForStmt) (ids [3]int32, ok bool) {
	if b.c.conf.Env == nil {
		b.errorf(s, "a for loop over a range needs the kernel's number iterator, which cannot be looked up here")
		return ids, false
	}
	for i, name := range []string{iterNumNew, iterNumNext, iterNumDestroy} {
		id, err := b.c.conf.Env.KernelFuncID(name)
		if err != nil {
			b.errorf(s, "a for loop over a range needs the kernel function %s (Linux 6.4 or later): %v", name, err)
			return ids, false
		}
		ids[i] = id
	}
	return ids, true
}

// returnStmt leaves the probe, destroying the iterators of the range loops
// it leaves first: the verifier refuses to exit with one still alive.
// exit() and a failed assert() leave the same way.
func (b *fn) returnStmt() {
	for i := len(b.loops) - 1; i >= 0; i-- {
		if it := b.loops[i].iter; it != 0 {
			id, _ := b.c.conf.Env.KernelFuncID(iterNumDestroy)
			b.destroyIter(it, id)
		}
	}
	b.jump(b.exit)
}
