package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// The unsafe functions (types/builtins_unsafe.go): the checker lets them
// through only with --unsafe.

func addUnsafeLowerings(t *[types.NumBuiltins]lowering) {
	t[types.BuiltinSystem] = lowering{call: statement((*fn).system)}
	t[types.BuiltinSignal] = lowering{call: statement(func(b *fn, e *ast.CallExpr) { b.signal(e, asm.FnSendSignal) })}
	t[types.BuiltinSignalThread] = lowering{call: statement(func(b *fn, e *ast.CallExpr) { b.signal(e, asm.FnSendSignalThread) })}
}

// system sends its format and arguments, as printf does; user space runs
// the command they make.
func (b *fn) system(e *ast.CallExpr) {
	format := stringConst(e.Args[0])
	dirs, err := printf.Parse(format)
	if err != nil {
		b.errorf(e.Args[0], "%v", err)
		return
	}
	b.sendEvent(&Event{Kind: SystemEvent, Format: format, Directives: dirs}, e.Args[1:])
}

// signal sends a signal, named or numbered, to the current process
// (bpf_send_signal) or thread (bpf_send_signal_thread).
func (b *fn) signal(e *ast.CallExpr, h asm.BuiltinFunc) {
	var sig ir.Value
	if b.typeOf(e.Args[0]).Kind == types.String {
		n, _ := types.SignalNumber(stringConst(e.Args[0]))
		sig = ir.I(int64(n))
	} else {
		sig = b.operand(b.expr(e.Args[0]))
	}
	b.emit(ir.Insn{Op: ir.Call, Helper: h, Args: []ir.Value{sig}})
}
