package codegen

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// entryRegs are the virtual registers f's caller defines: for a program its
// context (R1), for a subprogram its parameters (R1, R2, ...), indexed by
// argument; 0 where nothing receives the argument.
func entryRegs(f *ir.Func) []ir.Reg {
	if f.Params != nil {
		return f.Params
	}
	if f.Ctx != 0 {
		return []ir.Reg{f.Ctx}
	}
	return nil
}

// entryConstraints tells the allocator that every argument register is
// defined on entry: it prefers the register it arrives in and interferes
// with everything else live there (the other arguments among them).
func (g *graph) entryConstraints(f *ir.Func, lv liveness, hint func(ir.Reg, asm.Register)) {
	if len(f.Insns) == 0 {
		return
	}
	for k, p := range entryRegs(f) {
		if p == 0 || !g.nodes[p].present {
			continue
		}
		hint(p, asm.R1+asm.Register(k))
		lv.entry.each(func(v ir.Reg) {
			if v != p {
				g.addEdge(p, v)
			}
		})
	}
}

// entryMoves copies the arguments from R1, R2, ... to their homes. Spilled
// ones are stored first, since a store clobbers no register; the others
// move as one parallel move (see call), so that an argument whose home is
// another argument's register is read before it is overwritten.
func (e *emitter) entryMoves(f *ir.Func) {
	var moves []argMove
	for k, p := range entryRegs(f) {
		if p == 0 || !e.homes[p].ok {
			continue
		}
		src := asm.R1 + asm.Register(k)
		if e.homes[p].slot != 0 {
			e.writeHome(p, src)
			continue
		}
		moves = append(moves, argMove{dst: e.homes[p].reg, src: src})
	}
	e.parallelMove(moves)
}
