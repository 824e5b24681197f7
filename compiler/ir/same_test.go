package ir

import (
	"testing"

	"github.com/cilium/ebpf/asm"
)

func sampleFunc() *Func {
	f := &Func{Name: "probe", Ctx: 1, NumRegs: 2, Slots: []SlotInfo{{Name: "key", Size: 16}}}
	f.Emit(Insn{Op: Mov, Dst: 2, B: I(7), Comment: "@[probe] = count()"})
	f.Emit(Insn{Op: Store, Mem: Mem{Slot: 1}, B: R(2), Size: 8})
	f.Emit(Insn{Op: Call, Helper: asm.FnMapLookupElem, Args: []Value{MapArg("@"), Addr(Mem{Slot: 1})}, Dst: 2})
	f.Emit(Insn{Op: Exit, B: I(0)})
	return f
}

func TestSameCode(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Func)
		same   bool
	}{
		{"identical", func(*Func) {}, true},
		{"other name and comments", func(f *Func) { f.Name = "other"; f.Insns[0].Comment = ""; f.Slots[0].Name = "k" }, true},
		{"other constant", func(f *Func) { f.Insns[0].B = I(8) }, false},
		{"other map", func(f *Func) { f.Insns[2].Args[0] = MapArg("@x") }, false},
		{"other slot size", func(f *Func) { f.Slots[0].Size = 24 }, false},
		{"other helper", func(f *Func) { f.Insns[2].Helper = asm.FnMapUpdateElem }, false},
		{"one more instruction", func(f *Func) { f.Emit(Insn{Op: Nop}) }, false},
		{"signed load", func(f *Func) { f.Insns[1].Signed = true }, false},
		{"other offset", func(f *Func) { f.Insns[1].Mem.Off = 8 }, false},
		{"kfunc instead of helper", func(f *Func) { f.Insns[2].Kfunc = &Kfunc{Name: "k", BTFID: 5} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := sampleFunc(), sampleFunc()
			tt.change(b)
			if got := SameCode(a, b); got != tt.same {
				t.Errorf("SameCode = %v, want %v", got, tt.same)
			}
			if tt.same && a.Fingerprint() != b.Fingerprint() {
				t.Errorf("same code, different fingerprints")
			}
			if !tt.same && a.Fingerprint() == b.Fingerprint() {
				t.Errorf("different code, same fingerprint %x", a.Fingerprint())
			}
		})
	}
}
