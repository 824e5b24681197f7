package codegen

import (
	"maps"
	"math/bits"
	"slices"
	"sort"

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
	in, out []liveSet
}

// liveSet is a small sorted set of registers. Few registers are live at
// any one point, so sparse sets keep liveness linear in the size of the
// program where bitsets over every register would make it quadratic.
type liveSet []ir.Reg

func (s liveSet) has(r ir.Reg) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i] >= r })
	return i < len(s) && s[i] == r
}

// each calls fn for every member in increasing order.
func (s liveSet) each(fn func(ir.Reg)) {
	for _, r := range s {
		fn(r)
	}
}

func sortedSet(m map[ir.Reg]bool) liveSet {
	s := make(liveSet, 0, len(m))
	for r := range m {
		s = append(s, r)
	}
	slices.Sort(s)
	return s
}

// computeLiveness solves liveness over basic blocks (in = use ∪ (out −
// def), out = ∪ in(successors), iterated to a fixed point; straight-line
// code settles in one pass), then walks each block backwards once to give
// every instruction its sets.
func computeLiveness(f *ir.Func, inMemory func(ir.Reg) bool) liveness {
	n := len(f.Insns)
	succ := successors(f.Insns)
	var buf []ir.Reg
	usesAt := func(i int) []ir.Reg {
		buf = buf[:0]
		for _, r := range uses(&f.Insns[i], nil) {
			if !inMemory(r) {
				buf = append(buf, r)
			}
		}
		return buf
	}
	defAt := func(i int) ir.Reg {
		if d := def(&f.Insns[i]); d != 0 && !inMemory(d) {
			return d
		}
		return 0
	}

	// Basic blocks: a label, or the instruction after a jump, branch or
	// exit, starts one.
	var starts []int
	blockOf := make([]int, n)
	for i, in := range f.Insns {
		if i == 0 || in.Op == ir.Label || endsBlock(f.Insns[i-1].Op) {
			starts = append(starts, i)
		}
		blockOf[i] = len(starts) - 1
	}
	nb := len(starts)
	end := func(b int) int {
		if b+1 < nb {
			return starts[b+1]
		}
		return n
	}
	gen := make([]map[ir.Reg]bool, nb)
	kill := make([]map[ir.Reg]bool, nb)
	for b := range nb {
		gen[b], kill[b] = map[ir.Reg]bool{}, map[ir.Reg]bool{}
		for i := end(b) - 1; i >= starts[b]; i-- {
			if d := defAt(i); d != 0 {
				delete(gen[b], d)
				kill[b][d] = true
			}
			for _, r := range usesAt(i) {
				gen[b][r] = true
			}
		}
	}
	liveIn := make([]map[ir.Reg]bool, nb)
	liveOut := make([]map[ir.Reg]bool, nb)
	for b := range nb {
		liveIn[b], liveOut[b] = map[ir.Reg]bool{}, map[ir.Reg]bool{}
	}
	for changed := true; changed; {
		changed = false
		for b := nb - 1; b >= 0; b-- {
			out := liveOut[b]
			for _, s := range succ[end(b)-1] {
				for r := range liveIn[blockOf[s]] {
					out[r] = true
				}
			}
			in := liveIn[b]
			before := len(in)
			for r := range gen[b] {
				in[r] = true
			}
			for r := range out {
				if !kill[b][r] {
					in[r] = true
				}
			}
			changed = changed || len(in) != before
		}
	}

	lv := liveness{in: make([]liveSet, n), out: make([]liveSet, n)}
	for b := range nb {
		live := maps.Clone(liveOut[b])
		for i := end(b) - 1; i >= starts[b]; i-- {
			lv.out[i] = sortedSet(live)
			if d := defAt(i); d != 0 {
				delete(live, d)
			}
			for _, r := range usesAt(i) {
				live[r] = true
			}
			lv.in[i] = sortedSet(live)
		}
	}
	return lv
}

// endsBlock reports whether control may leave the straight line after an
// instruction with this op.
func endsBlock(op ir.Op) bool {
	return op == ir.Jump || op == ir.Branch || op == ir.Exit
}
