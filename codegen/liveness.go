package codegen

import (
	"math/bits"
	"slices"

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
// or Branch's label. An instruction has at most two, so every list is a
// window of one shared array.
func successors(insns []ir.Insn) [][]int {
	labels := make(map[string]int)
	for i, in := range insns {
		if in.Op == ir.Label {
			labels[in.Label] = i
		}
	}
	succ := make([][]int, len(insns))
	flat := make([]int, 2*len(insns))
	for i, in := range insns {
		s := flat[2*i : 2*i : 2*i+2]
		if in.Op != ir.Jump && in.Op != ir.Exit && i+1 < len(insns) {
			s = append(s, i+1)
		}
		if in.Op == ir.Jump || in.Op == ir.Branch {
			if t, ok := labels[in.Label]; ok {
				s = append(s, t)
			}
		}
		succ[i] = s
	}
	return succ
}

// uses appends the registers in reads to buf.
func uses(in *ir.Insn, buf []ir.Reg) []ir.Reg {
	switch in.Op {
	case ir.Mov, ir.Exit:
		buf = valueUses(in.B, buf)
	case ir.ALU, ir.Branch:
		buf = append(buf, in.A)
		buf = valueUses(in.B, buf)
	case ir.Neg, ir.Ext:
		buf = append(buf, in.A)
	case ir.Load, ir.Zero:
		buf = memUses(in.Mem, buf)
	case ir.Store, ir.AtomicAdd:
		buf = memUses(in.Mem, buf)
		buf = valueUses(in.B, buf)
	case ir.Copy:
		buf = memUses(in.Mem, buf)
		buf = memUses(in.Src, buf)
	case ir.Call:
		for _, a := range in.Args {
			buf = valueUses(a, buf)
		}
	}
	return buf
}

// valueUses appends the register v reads, if any, to buf.
func valueUses(v ir.Value, buf []ir.Reg) []ir.Reg {
	switch v.Kind {
	case ir.VReg:
		return append(buf, v.Reg)
	case ir.VAddr:
		return memUses(v.Mem, buf)
	}
	return buf
}

// memUses appends the base register of m, if any, to buf.
func memUses(m ir.Mem, buf []ir.Reg) []ir.Reg {
	if m.Slot == 0 && m.Base != 0 {
		return append(buf, m.Base)
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

// liveness holds the registers live after every instruction, and those
// live on entry. Registers in memory (spilled) are left out: they need no
// physical register.
type liveness struct {
	out   []liveSet
	entry liveSet
}

// liveSet is a small sorted set of registers. Few registers are live at
// any one point, so sparse sets keep liveness linear in the size of the
// program where bitsets over every register would make it quadratic.
type liveSet []ir.Reg

func (s liveSet) has(r ir.Reg) bool {
	_, found := slices.BinarySearch(s, r)
	return found
}

// each calls fn for every member in increasing order.
func (s liveSet) each(fn func(ir.Reg)) {
	for _, r := range s {
		fn(r)
	}
}

// add inserts r, keeping s sorted.
func (s liveSet) add(r ir.Reg) liveSet {
	i, found := slices.BinarySearch(s, r)
	if found {
		return s
	}
	return slices.Insert(s, i, r)
}

// remove deletes r, if present.
func (s liveSet) remove(r ir.Reg) liveSet {
	if i, found := slices.BinarySearch(s, r); found {
		return slices.Delete(s, i, i+1)
	}
	return s
}

// appendUnion appends the union of a and b, in order, to dst.
func appendUnion(dst, a, b liveSet) liveSet {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			dst, a = append(dst, a[0]), a[1:]
		case b[0] < a[0]:
			dst, b = append(dst, b[0]), b[1:]
		default:
			dst, a, b = append(dst, a[0]), a[1:], b[1:]
		}
	}
	return append(append(dst, a...), b...)
}

// appendMinus appends the members of a that are not in b, in order, to dst.
func appendMinus(dst, a, b liveSet) liveSet {
	for _, r := range a {
		for len(b) > 0 && b[0] < r {
			b = b[1:]
		}
		if len(b) == 0 || b[0] != r {
			dst = append(dst, r)
		}
	}
	return dst
}

// setArena hands out liveSets carved from shared chunks, so that giving
// every instruction its own set costs an allocation per chunk, not per
// instruction.
type setArena struct{ free liveSet }

// copyOf returns a copy of s; appending to it cannot overwrite another.
func (a *setArena) copyOf(s liveSet) liveSet {
	if len(s) == 0 {
		return nil
	}
	if cap(a.free)-len(a.free) < len(s) {
		a.free = make(liveSet, 0, max(64, 4*len(s), cap(a.free)))
	}
	n := len(a.free)
	a.free = append(a.free, s...)
	return a.free[n:len(a.free):len(a.free)]
}

// computeLiveness solves liveness over basic blocks (in = use ∪ (out −
// def), out = ∪ in(successors), iterated to a fixed point; straight-line
// code settles in one pass), then walks each block backwards once to give
// every instruction its set.
func computeLiveness(f *ir.Func, inMemory func(ir.Reg) bool) liveness {
	n := len(f.Insns)
	succ := successors(f.Insns)
	var buf []ir.Reg
	usesAt := func(i int) []ir.Reg {
		buf = buf[:0]
		var all [8]ir.Reg
		for _, r := range uses(&f.Insns[i], all[:0]) {
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

	// gen holds the registers a block reads before writing them, kill
	// those it writes. defined and generated mark, per register, the
	// block (plus one) that last wrote it or added it to gen.
	gen := make([]liveSet, nb)
	kill := make([]liveSet, nb)
	marks := make([]int32, 2*(f.NumRegs+1))
	defined, generated := marks[:f.NumRegs+1], marks[f.NumRegs+1:]
	// A register or two live per instruction is typical.
	arena := setArena{free: make(liveSet, 0, 2*n)}
	var genBuf, killBuf liveSet
	for b := range nb {
		genBuf, killBuf = genBuf[:0], killBuf[:0]
		mark := int32(b + 1)
		for i := starts[b]; i < end(b); i++ {
			for _, r := range usesAt(i) {
				if defined[r] != mark && generated[r] != mark {
					generated[r] = mark
					genBuf = append(genBuf, r)
				}
			}
			if d := defAt(i); d != 0 && defined[d] != mark {
				defined[d] = mark
				killBuf = append(killBuf, d)
			}
		}
		slices.Sort(genBuf)
		slices.Sort(killBuf)
		gen[b], kill[b] = arena.copyOf(genBuf), arena.copyOf(killBuf)
	}

	// blockOut computes the registers live at the end of block b into dst.
	liveIn := make([]liveSet, nb)
	var tmp liveSet
	blockOut := func(dst liveSet, b int) liveSet {
		dst = dst[:0]
		for _, s := range succ[end(b)-1] {
			tmp = appendUnion(tmp[:0], dst, liveIn[blockOf[s]])
			dst = append(dst[:0], tmp...)
		}
		return dst
	}
	var out, rest, in liveSet
	for changed := true; changed; {
		changed = false
		for b := nb - 1; b >= 0; b-- {
			out = blockOut(out, b)
			rest = appendMinus(rest[:0], out, kill[b])
			in = appendUnion(in[:0], gen[b], rest)
			// Sets only grow, so a change shows in the size.
			if len(in) != len(liveIn[b]) {
				liveIn[b] = slices.Clone(in)
				changed = true
			}
		}
	}

	lv := liveness{out: make([]liveSet, n)}
	var live liveSet
	for b := range nb {
		live = blockOut(live, b)
		for i := end(b) - 1; i >= starts[b]; i-- {
			lv.out[i] = arena.copyOf(live)
			if d := defAt(i); d != 0 {
				live = live.remove(d)
			}
			for _, r := range usesAt(i) {
				live = live.add(r)
			}
		}
		if b == 0 {
			lv.entry = slices.Clone(live)
		}
	}
	return lv
}

// endsBlock reports whether control may leave the straight line after an
// instruction with this op.
func endsBlock(op ir.Op) bool {
	return op == ir.Jump || op == ir.Branch || op == ir.Exit
}
