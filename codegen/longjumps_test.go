package codegen

import (
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// TestLongJumps loads a program whose jumps reach past a 16-bit offset:
// conditional jumps forward, taken and not taken, and an unconditional
// jump back, over 40000 instructions. Without longJumps their offsets
// wrap and the verifier refuses the program.
func TestLongJumps(t *testing.T) {
	insns := asm.Instructions{
		asm.Mov.Imm(asm.R0, 0),
		asm.LoadMem(asm.R2, asm.R1, 0, asm.Word), // skb->len
		asm.JNE.Imm(asm.R2, packetLen, "uncond"), // not taken
		asm.JEq.Imm(asm.R2, packetLen, "over"),   // taken
	}
	for i := range 40000 {
		ins := asm.Add.Imm(asm.R0, 1)
		if i == 0 {
			ins = ins.WithSymbol("pad")
		}
		insns = append(insns, ins)
	}
	insns = append(insns,
		asm.Ja.Label("done"),
		asm.Mov.Imm(asm.R0, 5).WithSymbol("uncond"),
		asm.Ja.Label("pad"),
		asm.Add.Imm(asm.R0, 1000).WithSymbol("over"),
		asm.Return().WithSymbol("done"),
	)
	insns[0] = insns[0].WithSymbol("long_jumps")
	out := longJumps(insns)
	long := 0
	for _, ins := range out {
		if ins.OpCode == longJa {
			long++
		}
	}
	if long != 3 {
		t.Errorf("%d long jumps, want 3", long)
	}
	prog := loadProgram(t, ebpf.SocketFilter, out)
	ret, err := prog.Run(&ebpf.RunOptions{Data: make([]byte, packetData)})
	if err != nil {
		t.Fatal(err)
	}
	if ret != 1000 {
		t.Errorf("returned %d, want 1000", ret)
	}
}

// TestShortJumpsUnchanged checks that jumps within reach are left alone.
func TestShortJumpsUnchanged(t *testing.T) {
	insns := asm.Instructions{
		asm.Mov.Imm(asm.R0, 0).WithSymbol("short"),
		asm.JEq.Imm(asm.R0, 0, "done"),
		asm.Mov.Imm(asm.R0, 1),
		asm.Return().WithSymbol("done"),
	}
	out := longJumps(append(asm.Instructions(nil), insns...))
	if len(out) != len(insns) || out[1].OpCode != insns[1].OpCode {
		t.Errorf("short jumps rewritten:\n%v", out)
	}
}
