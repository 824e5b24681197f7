package codegen

import "github.com/bpfscript/bpfscript/compiler/ir"

// Each round of the allocator (allocate, regalloc.go) gives the registers
// it could not color an 8-byte stack slot each and rewrites the code to
// load and store them around every use; shareSpillSlots (spillslots.go)
// later lets slots that are never live together share space.

// rewriteSpills replaces every register in memory by a temporary loaded
// from its slot before the instruction and stored after it. Helper calls
// and exits read and write the slots directly, and copies into or out of a
// spilled register become a single store or load.
func rewriteSpills(f *ir.Func, slot map[ir.Reg]ir.Slot) {
	var out []ir.Insn
	for _, in := range f.Insns {
		if repl, ok := spillCopy(in, slot); ok {
			if repl.Op == ir.Nop && repl.Comment == "" {
				continue
			}
			out = append(out, repl)
			continue
		}
		switch in.Op {
		case ir.Call, ir.Exit, ir.Label, ir.Jump:
			out = append(out, in)
			continue
		}
		temps := map[ir.Reg]ir.Reg{}
		var before []ir.Insn
		reload := func(r *ir.Reg) {
			s, ok := slot[*r]
			if !ok {
				return
			}
			t, ok := temps[*r]
			if !ok {
				t = f.NewReg()
				temps[*r] = t
				before = append(before, ir.Insn{Op: ir.Load, Dst: t, Size: 8, Mem: ir.Mem{Slot: s}})
			}
			*r = t
		}
		mem := func(m *ir.Mem) {
			if m.Slot == 0 {
				reload(&m.Base)
			}
		}
		switch in.Op {
		case ir.ALU, ir.Branch, ir.Neg, ir.Ext:
			reload(&in.A)
		}
		switch in.Op {
		case ir.Load, ir.Store, ir.AtomicAdd, ir.Zero, ir.Copy:
			mem(&in.Mem)
			if in.Op == ir.Copy {
				mem(&in.Src)
			}
		}
		switch in.B.Kind {
		case ir.VReg:
			reload(&in.B.Reg)
		case ir.VAddr:
			mem(&in.B.Mem)
		}
		var after []ir.Insn
		if d := def(&in); d != 0 {
			if s, ok := slot[d]; ok {
				t, ok := temps[d]
				if !ok {
					t = f.NewReg()
				}
				in.Dst = t
				after = append(after, ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Slot: s}, B: ir.R(t)})
			}
		}
		if len(before) > 0 {
			before[0].Comment, in.Comment = in.Comment, ""
		}
		out = append(out, before...)
		out = append(out, in)
		out = append(out, after...)
	}
	f.Insns = dropNops(out)
}

// spillCopy turns a Mov into or out of a spilled register into a store or
// load of its slot, or into nothing when both sides share a slot.
func spillCopy(in ir.Insn, slot map[ir.Reg]ir.Slot) (ir.Insn, bool) {
	if in.Op != ir.Mov {
		return in, false
	}
	dst, dstSpilled := slot[in.Dst]
	switch in.B.Kind {
	case ir.VReg:
		src, srcSpilled := slot[in.B.Reg]
		switch {
		case dstSpilled && srcSpilled && dst == src:
			return ir.Insn{Op: ir.Nop, Comment: in.Comment}, true
		case dstSpilled && !srcSpilled:
			return ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Slot: dst}, B: in.B, Comment: in.Comment}, true
		case !dstSpilled && srcSpilled:
			return ir.Insn{Op: ir.Load, Dst: in.Dst, Size: 8, Mem: ir.Mem{Slot: src}, Comment: in.Comment}, true
		}
	case ir.VImm:
		if dstSpilled && encodableImm(in.B) {
			return ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Slot: dst}, B: in.B, Comment: in.Comment}, true
		}
	}
	return in, false
}
