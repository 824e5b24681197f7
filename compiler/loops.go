package compiler

import (
	"strings"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// loop is a loop being compiled: where break and continue jump.
type loop struct {
	brk, cont string
}

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

// forRange compiles `for ($i : from..to) body`, from and to evaluated
// once, as the reference says, as a call of bpf_loop (Linux 5.17) with the
// body as its callback (see callback):
//
//	from, to = (s32)from, (s32)to
//	if to s<= from goto end
//	bpf_loop(to - from, cb, &block, 0)
//	cb(index, block): $i = from + index; body   continue: return 0; break: return 1
//
// Constant ends are folded: a constant start is added in the callback, an
// empty constant range compiles to nothing. A range longer than the
// kernel's BPF_MAX_LOOPS (1<<23) runs nothing.
//
// Why not a loop in the probe's own code, on the kernel's number iterator
// (bpf_iter_num_*)? The verifier checks such a loop by walking its body
// until the state at its top repeats, and a body that leaves a different
// constant behind on each path (a histogram's bucket in a stack slot, an
// outer variable it counts in and compares, a loop of its own) never
// repeats: the walk runs past a million instructions. A callback runs in
// a frame of its own, and what it shares with the probe sits in scratch
// memory, whose values the verifier does not track, so the state at the
// call repeats after one pass over the body, whatever the body does. The
// verifier inlines bpf_loop into a counted loop around the call.
func (b *fn) forRange(s *ast.ForStmt) {
	from, to := b.rangeEnd(s.From), b.rangeEnd(s.To)
	if from.isConst && to.isConst && to.k <= from.k {
		return
	}
	end := ""
	n := ir.I(to.k - from.k)
	if !to.isConst || !from.isConst {
		end = b.newLabel("endfor")
		// (s32)to - (s32)from fits in 64 bits.
		a, k := b.scalar(to), ir.I(from.k)
		if !from.isConst {
			k = ir.R(from.reg)
		}
		b.emit(ir.Insn{Op: ir.Branch, A: a, Cond: asm.JSLE, B: k, Label: end})
		n = ir.R(a)
		if !from.isConst || from.k != 0 {
			r := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.ALU, Dst: r, A: a, ALU: asm.Sub, B: k})
			n = ir.R(r)
		}
	}
	var passed []ir.Reg
	if !from.isConst {
		passed = append(passed, from.reg)
	}
	var declared []*types.Variable
	if v := b.c.info.Vars[s.Var]; v != nil {
		declared = append(declared, v)
	}
	// A function's name is a BTF identifier: no dots, which the labels of
	// a callback's own callbacks have.
	name := strings.ReplaceAll(b.newLabel("for_range"), ".", "_")
	sub, params := b.newCallback(name, s.Body, 2, passed, declared...)
	brk, cont := sub.newLabel("break"), sub.newLabel("continue")
	if h := sub.varHome(s.Var); h != nil {
		start := ir.I(from.k)
		if !from.isConst {
			start = ir.R(sub.cb.passedIn[0])
		}
		i := params[0]
		if !from.isConst || from.k != 0 {
			i = sub.f.NewReg()
			sub.emit(ir.Insn{Op: ir.ALU, Dst: i, A: params[0], ALU: asm.Add, B: start})
		}
		sub.storeVar(h, val{t: types.Int64, reg: i})
	}
	sub.loopBody(s.Body, loop{brk: brk, cont: cont})
	sub.label(cont)
	returns := sub.callbackEnd(brk, s)
	b.callWithCallback(sub, returns, asm.FnLoop, n, ir.FuncAddr(""))
	if end != "" {
		b.label(end)
	}
}

// rangeEnd evaluates an end of a range as an int: its low 32 bits,
// sign-extended (bpf_loop counts in 32 bits).
func (b *fn) rangeEnd(e ast.Expr) val {
	v := b.expr(e)
	if v.isConst {
		return val{t: types.Int64, isConst: true, k: int64(int32(v.k))}
	}
	r, x := b.scalar(v), b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, Dst: x, A: r, ALU: asm.LSh, B: ir.I(32)})
	b.emit(ir.Insn{Op: ir.ALU, Dst: x, A: x, ALU: asm.ArSh, B: ir.I(32)})
	return val{t: types.Int64, reg: x}
}

// returnStmt leaves the probe; inside a loop body compiled as a callback,
// the callback (see callbackEnd). exit() and a failed assert() leave the
// same way.
func (b *fn) returnStmt() {
	b.jump(b.exit)
}
