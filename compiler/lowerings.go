package compiler

import (
	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// lowering is how the compiler emits one builtin (types.Builtin): as a
// variable, called, or written straight into a buffer.
type lowering struct {
	// value evaluates the builtin used as a variable, or called without
	// arguments (pid()); n is the identifier or the call.
	value func(b *fn, n ast.Node, t *types.Type) val
	// call compiles a call of a function. Functions that return nothing
	// return val{}.
	call func(b *fn, e *ast.CallExpr, t *types.Type) val
	// into, when set, writes the builtin's value straight into dst as
	// type dt (a string), saving the copy through a temporary that
	// helpers writing their result need; it reports false when it cannot
	// do so for this use.
	into func(b *fn, e ast.Expr, dst ir.Mem, dt *types.Type, pad bool) bool
	// stmtCall, when set, compiles a call whose value is not used (a
	// statement) more cheaply than call does.
	stmtCall func(b *fn, e *ast.CallExpr)
}

// lowerings holds one lowering per builtin, indexed by its id. It is filled
// by init because the lowerings call back into the compiler, which looks
// them up here.
var lowerings [types.NumBuiltins]lowering

func init() {
	lowerings = [types.NumBuiltins]lowering{
		types.BuiltinPid:     lowerPidTid(true),
		types.BuiltinTid:     lowerPidTid(false),
		types.BuiltinGid:     {value: halfHelper(asm.FnGetCurrentUidGid, true)},
		types.BuiltinUid:     {value: halfHelper(asm.FnGetCurrentUidGid, false)},
		types.BuiltinComm:    {value: lowerComm, into: commInto},
		types.BuiltinNsecs:   lowerNsecs,
		types.BuiltinElapsed: {value: lowerElapsed},
		types.BuiltinCPU:     {value: helperValue(asm.FnGetSmpProcessorId)},
		types.BuiltinNCPUs:   {value: lowerNCPUs},
		types.BuiltinRand:    {value: helperValue(asm.FnGetPrandomU32)},
		types.BuiltinCgroup:  {value: helperValue(asm.FnGetCurrentCgroupId)},
		types.BuiltinProbe:   {value: lowerProbe},
		types.BuiltinArgs:    {value: lowerWholeArgs},
		types.BuiltinCPID: {value: lowerCPIDWarn, call: func(b *fn, e *ast.CallExpr, t *types.Type) val {
			return lowerCPIDWarn(b, e, t)
		}},

		types.BuiltinPrintf:   {call: statement((*fn).printf)},
		types.BuiltinPrint:    {call: statement((*fn).print)},
		types.BuiltinExit:     {call: statement((*fn).exitCall)},
		types.BuiltinDelete:   {call: (*fn).deleteValue, stmtCall: (*fn).delete},
		types.BuiltinClear:    {call: statement(func(b *fn, e *ast.CallExpr) { b.mapEvent(e, ClearEvent) })},
		types.BuiltinZero:     {call: statement(func(b *fn, e *ast.CallExpr) { b.mapEvent(e, ZeroEvent) })},
		types.BuiltinStr:      {call: (*fn).str, into: strInto},
		types.BuiltinTime:     {call: statement((*fn).time)},
		types.BuiltinStrftime: {call: (*fn).strftime},
		types.BuiltinJoin:     {call: statement((*fn).join)},
		types.BuiltinHasKey:   {call: (*fn).hasKey},
		types.BuiltinLen:      {call: (*fn).mapLen},
	}
	addStringLowerings(&lowerings)
	addUnsafeLowerings(&lowerings)
	lowerings[types.BuiltinGetopt] = lowering{call: (*fn).getopt}
	// sizeof is the constant the checker worked out; its operand is
	// never compiled. typeof is no value: the checker rejects it as one.
	lowerings[types.BuiltinSizeof] = lowering{call: constCall}
	lowerings[types.BuiltinTypeof] = lowering{call: func(b *fn, e *ast.CallExpr, t *types.Type) val {
		b.errorf(e, "typeof() is a type, not a value")
		return b.zeroVal(t)
	}}
	for _, more := range [...]*[types.NumBuiltins]lowering{systemLowerings(), taskLowerings(), mapLowerings(), kprobeLowerings()} {
		for id, l := range more {
			if l.value != nil || l.call != nil {
				lowerings[id] = l
			}
		}
	}
}

// lowerBuiltin returns the lowering of the builtin called name.
func lowerBuiltin(name string) (*types.Builtin, *lowering) {
	bi, ok := types.LookupBuiltin(name)
	if !ok {
		return nil, nil
	}
	return bi, &lowerings[bi.ID]
}

// statement adapts the lowering of a function that returns nothing.
func statement(f func(b *fn, e *ast.CallExpr)) func(*fn, *ast.CallExpr, *types.Type) val {
	return func(b *fn, e *ast.CallExpr, _ *types.Type) val {
		f(b, e)
		return val{}
	}
}

// halfHelper lowers a builtin that is one 32-bit half of a helper's
// result: pid is the high half of bpf_get_current_pid_tgid, tid the low.
func halfHelper(h asm.BuiltinFunc, high bool) func(*fn, ast.Node, *types.Type) val {
	return func(b *fn, _ ast.Node, t *types.Type) val {
		r := b.callHelper(h)
		if high {
			b.emit(ir.Insn{Op: ir.ALU, ALU: asm.RSh, Dst: r, A: r, B: ir.I(32)})
		} else {
			b.emit(ir.Insn{Op: ir.Ext, Dst: r, A: r, Size: 4})
		}
		return val{t: t, reg: r}
	}
}

// helperValue lowers a builtin that is a helper's result.
func helperValue(h asm.BuiltinFunc) func(*fn, ast.Node, *types.Type) val {
	return func(b *fn, _ ast.Node, t *types.Type) val {
		return val{t: t, reg: b.callHelper(h)}
	}
}

func lowerComm(b *fn, _ ast.Node, t *types.Type) val {
	m := b.temp("comm", 16)
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnGetCurrentComm, Args: []ir.Value{ir.Addr(m), ir.I(16)}})
	return val{t: t, mem: m, inMem: true}
}

// commInto has bpf_get_current_comm write into dst, when it is big enough.
// comm(pid) reads another task's and goes through a temporary.
func commInto(b *fn, e ast.Expr, dst ir.Mem, dt *types.Type, pad bool) bool {
	if call, ok := e.(*ast.CallExpr); dt.Size < 16 || ok && len(call.Args) > 0 {
		return false
	}
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnGetCurrentComm, Args: []ir.Value{ir.Addr(dst), ir.I(16)}})
	if pad && dt.Size > 16 {
		b.emit(ir.Insn{Op: ir.Zero, Mem: offset(dst, 16), Size: dt.Size - 16})
	}
	return true
}

func lowerElapsed(b *fn, _ ast.Node, t *types.Type) val {
	r := b.callHelper(asm.FnKtimeGetBootNs)
	d := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Sub, Dst: d, A: r, B: ir.R(b.loadTimeConst(compiled.StartNS))})
	return val{t: t, reg: d}
}

func lowerNCPUs(b *fn, _ ast.Node, t *types.Type) val {
	return val{t: t, reg: b.loadTimeConst(compiled.NumCPUs)}
}

func lowerCPID(b *fn, _ ast.Node, t *types.Type) val {
	return val{t: t, reg: b.loadTimeConst(compiled.ChildPID)}
}

func lowerProbe(b *fn, _ ast.Node, t *types.Type) val {
	if b.ap.Kind.Attached() {
		// The probe's id is the link's cookie, so that probes whose code
		// is otherwise the same share one program.
		return val{t: t, reg: b.callHelper(asm.FnGetAttachCookie, ir.R(b.ctx()))}
	}
	return constVal(t, b.c.probeID(b.ap.Name))
}

// lowerWholeArgs refuses args used as a whole value: only its fields
// (args.f, compiled by field) can be read.
func lowerWholeArgs(b *fn, n ast.Node, t *types.Type) val {
	b.errorf(n, "cannot use 'args' as a value here")
	return b.zeroVal(t)
}
