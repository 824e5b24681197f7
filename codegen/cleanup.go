package codegen

import (
	"slices"

	"github.com/cilium/ebpf/asm"
)

// cleanup polishes the emitted program until nothing changes: jumps to an
// unconditional jump go straight to its target, jumps to the next
// instruction disappear, and so does every instruction no path reaches
// (the verifier rejects those). Finally labels nothing refers to are
// removed; the first instruction keeps the function's name.
func cleanup(insns asm.Instructions) asm.Instructions {
	if len(insns) == 0 {
		return insns
	}
	name := insns[0].Symbol()
	index := map[string]int{} // reused by every pass
	for changed := true; changed; {
		changed = threadJumps(insns, index)
		var dropped bool
		insns, dropped = dropJumpsToNext(insns, name)
		changed = changed || dropped
		insns, dropped = dropUnreachable(insns, index)
		changed = changed || dropped
	}
	return dropUnusedSymbols(insns)
}

// indexSymbols fills index with the position of every symbol in insns,
// replacing what it held.
func indexSymbols(index map[string]int, insns asm.Instructions) {
	clear(index)
	for i, ins := range insns {
		if s := ins.Symbol(); s != "" {
			index[s] = i
		}
	}
}

func isUnconditional(ins asm.Instruction) bool {
	return isJump(ins) && ins.OpCode.JumpOp() == asm.Ja
}

// threadJumps retargets jumps whose target is an unconditional jump. index
// is scratch space for indexSymbols.
func threadJumps(insns asm.Instructions, index map[string]int) bool {
	indexSymbols(index, insns)
	changed := false
	for i := range insns {
		if !isJump(insns[i]) {
			continue
		}
		// Follow the chain of jumps until it leaves it or comes back to
		// a label already on it. Chains are short, so a list will do.
		target := insns[i].Reference()
		path := []string{target}
		for {
			t, ok := index[target]
			if !ok || !isUnconditional(insns[t]) || slices.Contains(path, insns[t].Reference()) {
				break
			}
			target = insns[t].Reference()
			path = append(path, target)
		}
		if target != insns[i].Reference() {
			insns[i] = insns[i].WithReference(target)
			changed = true
		}
	}
	return changed
}

// dropJumpsToNext removes jumps, conditional or not, to the instruction
// right after them: both ways lead there. A removed jump's label and
// comment move to that instruction.
func dropJumpsToNext(insns asm.Instructions, name string) (asm.Instructions, bool) {
	changed := false
	for i := 0; i+1 < len(insns); i++ {
		ins := insns[i]
		if !isJump(ins) || insns[i+1].Symbol() != ins.Reference() {
			continue
		}
		next := &insns[i+1]
		if s := ins.Symbol(); s != "" {
			keep, gone := next.Symbol(), s
			if s == name {
				keep, gone = s, next.Symbol()
			}
			renameReferences(insns, gone, keep)
			*next = next.WithSymbol(keep)
		}
		if src := ins.Source(); src != nil && next.Source() == nil {
			*next = next.WithSource(src)
		}
		insns = append(insns[:i], insns[i+1:]...)
		i--
		changed = true
	}
	return insns, changed
}

func renameReferences(insns asm.Instructions, from, to string) {
	for i := range insns {
		if isJump(insns[i]) && insns[i].Reference() == from {
			insns[i] = insns[i].WithReference(to)
		}
	}
}

// dropUnreachable removes instructions no path from the first reaches.
// index is scratch space for indexSymbols.
func dropUnreachable(insns asm.Instructions, index map[string]int) (asm.Instructions, bool) {
	indexSymbols(index, insns)
	seen := reach(len(insns), func(i int, next []int) []int {
		ins := insns[i]
		if isJump(ins) {
			if t, ok := index[ins.Reference()]; ok {
				next = append(next, t)
			}
		}
		op := ins.OpCode.JumpOp()
		if !ins.OpCode.Class().IsJump() || (op != asm.Exit && !isUnconditional(ins)) {
			next = append(next, i+1)
		}
		return next
	})
	out := insns[:0]
	for i, ins := range insns {
		if seen[i] {
			out = append(out, ins)
		}
	}
	return out, len(out) != len(seen)
}

// dropUnusedSymbols clears labels no jump refers to, keeping the first
// instruction's symbol, the function name.
func dropUnusedSymbols(insns asm.Instructions) asm.Instructions {
	used := map[string]bool{}
	for _, ins := range insns {
		if isJump(ins) {
			used[ins.Reference()] = true
		}
	}
	for i := 1; i < len(insns); i++ {
		if s := insns[i].Symbol(); s != "" && !used[s] {
			insns[i] = insns[i].WithSymbol("")
		}
	}
	return insns
}
