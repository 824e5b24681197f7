package codegen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// callbackProgram fills the "hash" map with 1→10, 2→20, 3→30 and walks it
// with bpf_for_each_map_elem; the callback adds key*value to an
// accumulator in the caller's stack, which starts at the packet length.
// The callback receives its arguments in R2-R4 and calls a helper, so its
// arguments must leave the caller-saved registers they arrive in.
func callbackProgram() *ir.Func {
	b := newBuilder("walk", true)
	key, val := b.f.NewSlot("key", 8), b.f.NewSlot("value", 8)
	for k := int64(1); k <= 3; k++ {
		b.store(ir.Mem{Slot: key}, 8, ir.I(k))
		b.store(ir.Mem{Slot: val}, 8, ir.I(10*k))
		b.call(asm.FnMapUpdateElem, ir.MapArg("hash"), ir.Addr(ir.Mem{Slot: key}), ir.Addr(ir.Mem{Slot: val}), ir.I(0))
	}
	acc := b.f.NewSlot("shared", 8)
	b.store(ir.Mem{Slot: acc}, 8, ir.R(b.packetLen()))
	b.call(asm.FnForEachMapElem, ir.MapArg("hash"), ir.FuncAddr("add"), ir.Addr(ir.Mem{Slot: acc}), ir.I(0))
	b.exitFolded(b.load(ir.Mem{Slot: acc}, 8, false))

	cb := builder{&ir.Func{Name: "add"}}
	k, v, shared := cb.f.NewReg(), cb.f.NewReg(), cb.f.NewReg()
	cb.f.Params = []ir.Reg{0, k, v, shared}
	cb.call(asm.FnKtimeGetNs) // clobbers R1-R5
	prod := cb.alu(asm.Mul, cb.load(ir.Mem{Base: k}, 8, false), ir.R(cb.load(ir.Mem{Base: v}, 8, false)))
	sum := cb.alu(asm.Add, cb.load(ir.Mem{Base: shared}, 8, false), ir.R(prod))
	cb.store(ir.Mem{Base: shared}, 8, ir.R(sum))
	cb.emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
	b.f.Subprogs = []*ir.Func{cb.f}
	return b.f
}

func TestSubprogramsInKernel(t *testing.T) {
	want := uint32(packetLen + 1*10 + 2*20 + 3*30)
	if got := runInKernel(t, callbackProgram()); got != want {
		insns, _ := Generate(callbackProgram())
		t.Errorf("kernel returned %d, want %d\n%s", got, want, insns)
	}
}

// TestEntryMoves checks that arguments whose homes are each other's
// registers are swapped through R0 rather than clobbered, and that a
// spilled one is stored first.
func TestEntryMoves(t *testing.T) {
	f := &ir.Func{Name: "cb"}
	a, b, c := f.NewReg(), f.NewReg(), f.NewReg()
	f.Params = []ir.Reg{a, b, 0, c}
	spill := f.NewSlot("spill", 8)
	h := make(homes, f.NumRegs+1)
	h[a] = home{ok: true, reg: asm.R2}
	h[b] = home{ok: true, reg: asm.R1}
	h[c] = home{ok: true, slot: spill}
	offsets, err := layoutFrame(f.Slots)
	if err != nil {
		t.Fatal(err)
	}
	e := &emitter{f: f, homes: h, offsets: offsets}
	e.entryMoves(f)
	want := []asm.Instruction{
		asm.StoreMem(asm.R10, -8, asm.R4, asm.DWord),
		asm.Mov.Reg(asm.R0, asm.R2),
		asm.Mov.Reg(asm.R2, asm.R1),
		asm.Mov.Reg(asm.R1, asm.R0),
	}
	if fmt.Sprint(asm.Instructions(want)) != fmt.Sprint(e.out) {
		t.Errorf("entry moves:\n%v\nwant\n%v", e.out, asm.Instructions(want))
	}
}

func TestSubprogramErrors(t *testing.T) {
	exit0 := ir.Insn{Op: ir.Exit, B: ir.I(0)}
	withFrame := func(name string, size int, refs ...string) *ir.Func {
		f := &ir.Func{Name: name}
		s := f.NewSlot("buf", size)
		f.Emit(ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Slot: s}, B: ir.I(1)})
		for _, r := range refs {
			f.Emit(ir.Insn{Op: ir.Call, Helper: asm.FnForEachMapElem, Args: []ir.Value{ir.MapArg("m"), ir.FuncAddr(r), ir.I(0), ir.I(0)}})
		}
		f.Emit(exit0)
		return f
	}
	tests := []struct {
		name string
		f    func() *ir.Func
		want string
	}{
		// 224 + 224 + 128: each frame rounded up to 32 bytes.
		{"frames add up along a chain of calls", func() *ir.Func {
			f := withFrame("main", 200, "a")
			f.Subprogs = []*ir.Func{withFrame("a", 200, "b"), withFrame("b", 120)}
			return f
		}, "stack frame of 576 bytes"},
		{"unknown callback", func() *ir.Func {
			f := withFrame("main", 8, "nowhere")
			f.Subprogs = []*ir.Func{withFrame("a", 8)}
			return f
		}, "unknown function nowhere"},
		{"labels clash across functions", func() *ir.Func {
			f := withFrame("main", 8, "a")
			sub := &ir.Func{Name: "a", Insns: []ir.Insn{{Op: ir.Label, Label: "main"}, exit0}}
			f.Subprogs = []*ir.Func{sub}
			return f
		}, "label main clashes"},
		{"subprogram with a context", func() *ir.Func {
			f := withFrame("main", 8, "a")
			sub := withFrame("a", 8)
			sub.Ctx = sub.NewReg()
			sub.Params = []ir.Reg{sub.Ctx}
			f.Subprogs = []*ir.Func{sub}
			return f
		}, "no context register"},
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
