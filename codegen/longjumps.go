package codegen

import (
	"math"

	"github.com/cilium/ebpf/asm"
)

// longJumps rewrites the jumps of a function whose target is further than
// a jump's 16-bit offset reaches, which a large probe (tens of thousands
// of instructions) has: left alone, the offset wraps and the verifier
// refuses the program ("jump out of range"). An unconditional jump becomes
// a `gotol`, BPF_JMP32|BPF_JA with a 32-bit offset (Linux 6.4); a
// conditional one jumps over an unconditional jump to a gotol:
//
//	if cond goto +1; goto +1; gotol target
//
// The rewrites move later instructions, which may put other jumps out of
// reach, so the pass repeats until every jump reaches its target. Offsets
// count instruction slots: a 64-bit load takes two.
func longJumps(insns asm.Instructions) asm.Instructions {
	if n := insns.Size() / asm.InstructionSize; n <= math.MaxInt16 {
		return insns // every jump reaches: the common case costs one pass
	}
	index := map[string]int{} // symbol -> slot
	for {
		clear(index)
		slot := 0
		slots := make([]int, len(insns))
		for i, ins := range insns {
			slots[i] = slot
			if s := ins.Symbol(); s != "" {
				index[s] = slot
			}
			slot += int(ins.Size() / asm.InstructionSize)
		}
		var far []int
		for i, ins := range insns {
			if !isJump(ins) || ins.OpCode == longJa {
				continue
			}
			to, ok := index[ins.Reference()]
			if !ok {
				continue
			}
			if d := to - slots[i] - 1; d < math.MinInt16 || d > math.MaxInt16 {
				far = append(far, i)
			}
		}
		if len(far) == 0 {
			return insns
		}
		// From the last, so that the indexes before stay right.
		for k := len(far) - 1; k >= 0; k-- {
			insns = rewriteFar(insns, far[k])
		}
	}
}

// longJa is the opcode of gotol, the unconditional jump with a 32-bit
// offset (in its constant).
var longJa = asm.LongJump("").OpCode

// rewriteFar replaces the jump at i, which cannot reach its target, with
// one that can. The first instruction of the replacement keeps the jump's
// symbol and comment.
func rewriteFar(insns asm.Instructions, i int) asm.Instructions {
	ins := insns[i]
	target := ins.Reference()
	gotol := asm.LongJump(target)
	if ins.OpCode.JumpOp() == asm.Ja {
		gotol.Metadata = ins.Metadata // the symbol, comment and target
		insns[i] = gotol
		return insns
	}
	cond := ins.WithReference("")
	cond.Offset = 1
	skip := asm.Instruction{OpCode: asm.Ja.Op(asm.ImmSource), Offset: 1}
	out := make(asm.Instructions, 0, len(insns)+2)
	out = append(out, insns[:i]...)
	out = append(out, cond, skip, gotol)
	return append(out, insns[i+1:]...)
}
