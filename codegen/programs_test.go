package codegen

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// Hand-built IR programs shared by the golden and in-kernel tests. Each
// returns its function and, for the kernel tests, the value it returns
// when run as a socket filter on a 64-byte packet.

// countProgram is what the compiler emits for
// `tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }`.
func countProgram() *ir.Func {
	f := &ir.Func{Name: "sys_enter"}
	f.Ctx = f.NewReg()
	key := f.NewSlot("key", 16)
	one := f.NewSlot("one", 8)
	f.Emit(ir.Insn{Op: ir.Call, Helper: asm.FnGetCurrentComm, Args: []ir.Value{ir.Addr(ir.Mem{Slot: key}), ir.I(16)}, Comment: "@[comm] = count()"})
	p := f.NewReg()
	f.Emit(ir.Insn{Op: ir.Call, Dst: p, Helper: asm.FnMapLookupElem, Args: []ir.Value{ir.MapArg("@"), ir.Addr(ir.Mem{Slot: key})}})
	f.Emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: "Lmiss"})
	n := f.NewReg()
	f.Emit(ir.Insn{Op: ir.Load, Dst: n, Size: 8, Mem: ir.Mem{Base: p}})
	f.Emit(ir.Insn{Op: ir.ALU, Dst: n, A: n, ALU: asm.Add, B: ir.I(1)})
	f.Emit(ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Base: p}, B: ir.R(n)})
	f.Emit(ir.Insn{Op: ir.Jump, Label: "Lout"})
	f.Emit(ir.Insn{Op: ir.Label, Label: "Lmiss"})
	f.Emit(ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Slot: one}, B: ir.I(1)})
	f.Emit(ir.Insn{Op: ir.Call, Helper: asm.FnMapUpdateElem, Args: []ir.Value{ir.MapArg("@"), ir.Addr(ir.Mem{Slot: key}), ir.Addr(ir.Mem{Slot: one}), ir.I(1)}})
	f.Emit(ir.Insn{Op: ir.Label, Label: "Lout"})
	f.Emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
	return f
}
