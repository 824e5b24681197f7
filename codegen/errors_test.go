package codegen

import (
	"strconv"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

func TestGenerateErrors(t *testing.T) {
	exit0 := ir.Insn{Op: ir.Exit, B: ir.I(0)}
	tests := []struct {
		name string
		f    func() *ir.Func
		want string
	}{
		{"no name", func() *ir.Func { return &ir.Func{Insns: []ir.Insn{exit0}} }, "no name"},
		{"frame too big", func() *ir.Func {
			f := &ir.Func{Name: "big"}
			s := f.NewSlot("huge", 500)
			f.NewSlot("more", 17)
			f.Emit(ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Slot: s}, B: ir.I(1)})
			f.Emit(exit0)
			return f
		}, "stack frame of 528 bytes exceeds BPF's 512"},
		{"spills overflow the frame", func() *ir.Func {
			f := spillsProgram()
			f.NewSlot("almost all", 500)
			return f
		}, "exceeds BPF's 512"},
		{"undefined label", func() *ir.Func {
			return &ir.Func{Name: "f", Insns: []ir.Insn{{Op: ir.Jump, Label: "nowhere"}}}
		}, `undefined label "nowhere"`},
		{"duplicate label", func() *ir.Func {
			return &ir.Func{Name: "f", Insns: []ir.Insn{{Op: ir.Label, Label: "L"}, {Op: ir.Label, Label: "L"}, exit0}}
		}, `label "L" defined twice`},
		{"label named like the function", func() *ir.Func {
			return &ir.Func{Name: "f", Insns: []ir.Insn{{Op: ir.Label, Label: "f"}, exit0}}
		}, "clashes with the function name"},
		{"register out of range", func() *ir.Func {
			return &ir.Func{Name: "f", NumRegs: 1, Insns: []ir.Insn{{Op: ir.Exit, B: ir.R(2)}}}
		}, "register r2 out of range"},
		{"bad access size", func() *ir.Func {
			f := &ir.Func{Name: "f"}
			r := f.NewReg()
			s := f.NewSlot("s", 8)
			f.Emit(ir.Insn{Op: ir.Load, Dst: r, Size: 3, Mem: ir.Mem{Slot: s}})
			f.Emit(exit0)
			return f
		}, "access size 3"},
		{"misaligned stack access", func() *ir.Func {
			f := &ir.Func{Name: "f"}
			r := f.NewReg()
			s := f.NewSlot("s", 8)
			f.Emit(ir.Insn{Op: ir.Load, Dst: r, Size: 4, Mem: ir.Mem{Slot: s, Off: 2}})
			f.Emit(exit0)
			return f
		}, "not aligned"},
		{"too many helper arguments", func() *ir.Func {
			f := &ir.Func{Name: "f"}
			f.Emit(ir.Insn{Op: ir.Call, Helper: asm.FnTracePrintk, Args: []ir.Value{ir.I(1), ir.I(2), ir.I(3), ir.I(4), ir.I(5), ir.I(6)}})
			f.Emit(exit0)
			return f
		}, "at most 5"},
		{"memory without slot or base", func() *ir.Func {
			f := &ir.Func{Name: "f"}
			f.Emit(ir.Insn{Op: ir.Store, Size: 8, B: ir.I(0)})
			f.Emit(exit0)
			return f
		}, "neither slot nor base"},
		{"unknown condition", func() *ir.Func {
			f := &ir.Func{Name: "f"}
			r := f.NewReg()
			f.Emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
			f.Emit(ir.Insn{Op: ir.Label, Label: "L"})
			f.Emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.Call, B: ir.I(0), Label: "L"})
			f.Emit(exit0)
			return f
		}, "unknown condition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Generate(tt.f())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

// TestImplicitExit checks that a program falling off its end returns 0
// and that a label there still has an instruction after it.
func TestImplicitExit(t *testing.T) {
	b := newBuilder("falls_off", true)
	x := b.packetLen()
	b.branch(x, asm.JGT, ir.I(1000), "end")
	b.emit(ir.Insn{Op: ir.Store, Size: 4, Mem: ir.Mem{Slot: b.f.NewSlot("s", 4)}, B: ir.R(x)})
	b.label("end")
	if got := runInKernel(t, b.f); got != 0 {
		t.Errorf("returned %d, want 0", got)
	}
}

// TestCallArgumentCycle places helper arguments in each other's registers,
// which the parallel move must untangle through R0.
func TestCallArgumentCycle(t *testing.T) {
	f := &ir.Func{Name: "cycle"}
	a, b, c := f.NewReg(), f.NewReg(), f.NewReg()
	slot := f.NewSlot("s", 8)
	f.Slots = append(f.Slots, ir.SlotInfo{Name: "spill", Size: 8})
	h := make(homes, f.NumRegs+1)
	h[a] = home{ok: true, reg: asm.R2}
	h[b] = home{ok: true, reg: asm.R1}
	h[c] = home{ok: true, slot: 2}
	offsets, err := layoutFrame(f.Slots)
	if err != nil {
		t.Fatal(err)
	}
	e := &emitter{f: f, homes: h, offsets: offsets, alias: map[string]string{}}
	// f(a, b, &[a+4], c, &slot1): R1 <- R2, R2 <- R1, R3 <- R2+4, R4 <- spill, R5 <- fp-8.
	e.call(ir.Insn{Op: ir.Call, Helper: asm.FnTracePrintk, Args: []ir.Value{
		ir.R(a), ir.R(b), ir.Addr(ir.Mem{Base: a, Off: 4}), ir.R(c), ir.Addr(ir.Mem{Slot: slot}),
	}})
	if e.err != nil {
		t.Fatal(e.err)
	}
	// Simulate the moves on symbolic register contents.
	regs := map[asm.Register]string{asm.R1: "b", asm.R2: "a", asm.R10: "fp"}
	for _, ins := range e.out {
		switch {
		case ins.OpCode == asm.Mov.Op(asm.RegSource):
			regs[ins.Dst] = regs[ins.Src]
		case ins.OpCode == asm.Add.Op(asm.ImmSource):
			regs[ins.Dst] = regs[ins.Dst] + "+" + strconv.FormatInt(ins.Constant, 10)
		case ins.OpCode == asm.LoadMemOp(asm.DWord) && ins.Src == asm.R10:
			regs[ins.Dst] = "spill" + strconv.Itoa(int(ins.Offset))
		case ins.IsBuiltinCall():
		default:
			t.Fatalf("unexpected instruction %v", ins)
		}
	}
	want := map[asm.Register]string{asm.R1: "a", asm.R2: "b", asm.R3: "a+4", asm.R4: "spill-16", asm.R5: "fp+-8"}
	for r, v := range want {
		if regs[r] != v {
			t.Errorf("%s = %s, want %s\n%s", r, regs[r], v, e.out)
		}
	}
}
