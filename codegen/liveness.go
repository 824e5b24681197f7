package codegen

import (
	"math/bits"

	"github.com/bpfscript/bpfscript/compiler/ir"
)

// regSet is a set of virtual registers as a bitset.
type regSet []uint64

func newRegSet(n int) regSet { return make(regSet, (n+64)/64) }

func (s regSet) has(r ir.Reg) bool { return s[r/64]&(1<<(uint(r)%64)) != 0 }
func (s regSet) add(r ir.Reg)      { s[r/64] |= 1 << (uint(r) % 64) }
func (s regSet) remove(r ir.Reg)   { s[r/64] &^= 1 << (uint(r) % 64) }

// each calls fn for every member in increasing order.
func (s regSet) each(fn func(ir.Reg)) {
	for w, word := range s {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			fn(ir.Reg(w*64 + b))
			word &^= 1 << uint(b)
		}
	}
}

// successors lists, for each instruction, the instructions control may
// reach next: the following one unless it is a Jump or Exit, and a Jump's
// or Branch's label.
func successors(insns []ir.Insn) [][]int {
	labels := map[string]int{}
	for i, in := range insns {
		if in.Op == ir.Label {
			labels[in.Label] = i
		}
	}
	succ := make([][]int, len(insns))
	for i, in := range insns {
		if in.Op != ir.Jump && in.Op != ir.Exit && i+1 < len(insns) {
			succ[i] = append(succ[i], i+1)
		}
		if in.Op == ir.Jump || in.Op == ir.Branch {
			if t, ok := labels[in.Label]; ok {
				succ[i] = append(succ[i], t)
			}
		}
	}
	return succ
}

// uses appends the registers in reads to buf.
func uses(in *ir.Insn, buf []ir.Reg) []ir.Reg {
	mem := func(m ir.Mem) {
		if m.Slot == 0 && m.Base != 0 {
			buf = append(buf, m.Base)
		}
	}
	value := func(v ir.Value) {
		switch v.Kind {
		case ir.VReg:
			buf = append(buf, v.Reg)
		case ir.VAddr:
			mem(v.Mem)
		}
	}
	switch in.Op {
	case ir.Mov, ir.Exit:
		value(in.B)
	case ir.ALU, ir.Branch:
		buf = append(buf, in.A)
		value(in.B)
	case ir.Neg, ir.Ext:
		buf = append(buf, in.A)
	case ir.Load:
		mem(in.Mem)
	case ir.Store, ir.AtomicAdd:
		mem(in.Mem)
		value(in.B)
	case ir.Zero:
		mem(in.Mem)
	case ir.Copy:
		mem(in.Mem)
		mem(in.Src)
	case ir.Call:
		for _, a := range in.Args {
			value(a)
		}
	}
	return buf
}

// def is the register in writes, or 0.
func def(in *ir.Insn) ir.Reg {
	switch in.Op {
	case ir.Mov, ir.ALU, ir.Neg, ir.Ext, ir.Load, ir.Call:
		return in.Dst
	}
	return 0
}

// liveness holds, for every instruction, the registers live before and
// after it. Registers in memory (spilled) are left out: they need no
// physical register.
type liveness struct {
	in, out []regSet
}

func computeLiveness(f *ir.Func, inMemory func(ir.Reg) bool) liveness {
	n := len(f.Insns)
	succ := successors(f.Insns)
	lv := liveness{in: make([]regSet, n), out: make([]regSet, n)}
	useSets := make([]regSet, n)
	defs := make([]ir.Reg, n)
	var buf []ir.Reg
	for i := range f.Insns {
		lv.in[i] = newRegSet(f.NumRegs)
		lv.out[i] = newRegSet(f.NumRegs)
		useSets[i] = newRegSet(f.NumRegs)
		for _, r := range uses(&f.Insns[i], buf[:0]) {
			if !inMemory(r) {
				useSets[i].add(r)
			}
		}
		if d := def(&f.Insns[i]); d != 0 && !inMemory(d) {
			defs[i] = d
		}
	}
	// Iterate backwards to a fixed point: in = use ∪ (out − def), out =
	// ∪ in(successors). Straight-line code settles in one pass; each loop
	// adds one more.
	for changed := true; changed; {
		changed = false
		for i := n - 1; i >= 0; i-- {
			out := lv.out[i]
			for _, s := range succ[i] {
				for w, word := range lv.in[s] {
					out[w] |= word
				}
			}
			in := lv.in[i]
			for w := range in {
				word := out[w]
				if d := defs[i]; d != 0 && int(d)/64 == w {
					word &^= 1 << (uint(d) % 64)
				}
				word |= useSets[i][w]
				if word != in[w] {
					in[w] = word
					changed = true
				}
			}
		}
	}
	return lv
}
