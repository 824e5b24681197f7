package ir

import (
	"path/filepath"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/cilium/ebpf/asm"
)

// countProgram is what the compiler emits for
// `tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }`.
func countProgram() *Func {
	f := &Func{Name: "sys_enter"}
	f.Ctx = f.NewReg()
	key := f.NewSlot("key", 16)
	val := f.NewSlot("one", 8)
	f.Emit(Insn{Op: Call, Helper: asm.FnGetCurrentComm, Args: []Value{Addr(Mem{Slot: key}), I(16)}, Comment: "@[comm] = count()"})
	p := f.NewReg()
	f.Emit(Insn{Op: Call, Dst: p, Helper: asm.FnMapLookupElem, Args: []Value{MapArg("@"), Addr(Mem{Slot: key})}})
	f.Emit(Insn{Op: Branch, A: p, Cond: asm.JEq, B: I(0), Label: "Lmiss"})
	n := f.NewReg()
	f.Emit(Insn{Op: Load, Dst: n, Size: 8, Mem: Mem{Base: p}})
	f.Emit(Insn{Op: ALU, Dst: n, A: n, ALU: asm.Add, B: I(1)})
	f.Emit(Insn{Op: Store, Size: 8, Mem: Mem{Base: p}, B: R(n)})
	f.Emit(Insn{Op: Jump, Label: "Lout"})
	f.Emit(Insn{Op: Label, Label: "Lmiss"})
	f.Emit(Insn{Op: Store, Size: 8, Mem: Mem{Slot: val}, B: I(1)})
	f.Emit(Insn{Op: Call, Helper: asm.FnMapUpdateElem, Args: []Value{MapArg("@"), Addr(Mem{Slot: key}), Addr(Mem{Slot: val}), I(1)}})
	f.Emit(Insn{Op: Label, Label: "Lout"})
	f.Emit(Insn{Op: Exit, B: I(0)})
	return f
}

// everyOp uses each Op and operand form once.
func everyOp() *Func {
	f := &Func{Name: "every_op"}
	s := f.NewSlot("$buf", 24)
	a, b, c := f.NewReg(), f.NewReg(), f.NewReg()
	f.Emit(Insn{Op: Nop})
	f.Emit(Insn{Op: Mov, Dst: a, B: I(-5)})
	f.Emit(Insn{Op: Mov, Dst: b, B: MapArg("@x")})
	f.Emit(Insn{Op: Mov, Dst: b, B: Addr(Mem{Slot: s, Off: 8})})
	f.Emit(Insn{Op: Mov, Dst: c, B: Addr(Mem{Base: b, Off: -4})})
	f.Emit(Insn{Op: ALU, Dst: a, A: a, ALU: asm.ArSh, B: R(c)})
	f.Emit(Insn{Op: ALU, Dst: a, A: a, ALU: asm.SMod, B: I(7)})
	f.Emit(Insn{Op: Neg, Dst: c, A: a})
	f.Emit(Insn{Op: Ext, Dst: c, A: c, Size: 4, Signed: true})
	f.Emit(Insn{Op: Ext, Dst: c, A: c, Size: 2})
	f.Emit(Insn{Op: Load, Dst: a, Size: 4, Signed: true, Mem: Mem{Base: b, Off: 4}})
	f.Emit(Insn{Op: Store, Size: 2, Mem: Mem{Slot: s, Off: 2}, B: R(a)})
	f.Emit(Insn{Op: Zero, Size: 24, Mem: Mem{Slot: s}})
	f.Emit(Insn{Op: Copy, Size: 12, Mem: Mem{Slot: s}, Src: Mem{Base: b, Off: 16}})
	f.Emit(Insn{Op: Call, Helper: asm.FnKtimeGetNs})
	f.Emit(Insn{Op: Label, Label: "L1"})
	f.Emit(Insn{Op: Branch, A: a, Cond: asm.JSLE, B: R(c), Label: "L1"})
	f.Emit(Insn{Op: Branch, A: a, Cond: asm.JSet, B: I(1), Label: "L2"})
	f.Emit(Insn{Op: Jump, Label: "L2"})
	f.Emit(Insn{Op: Label, Label: "L2"})
	f.Emit(Insn{Op: Exit, B: R(a)})
	return f
}

func TestFuncString(t *testing.T) {
	tests := []struct {
		name string
		f    *Func
	}{
		{"count", countProgram()},
		{"every_op", everyOp()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", tt.name+".golden"), []byte(tt.f.String()))
		})
	}
}

func TestHelperName(t *testing.T) {
	tests := []struct {
		fn   asm.BuiltinFunc
		want string
	}{
		{asm.FnMapLookupElem, "map_lookup_elem"},
		{asm.FnGetCurrentComm, "get_current_comm"},
		{asm.FnGetCurrentPidTgid, "get_current_pid_tgid"},
		{asm.FnKtimeGetNs, "ktime_get_ns"},
		{asm.FnProbeReadUserStr, "probe_read_user_str"},
	}
	for _, tt := range tests {
		if got := HelperName(tt.fn); got != tt.want {
			t.Errorf("HelperName(%v) = %q, want %q", tt.fn, got, tt.want)
		}
	}
}
