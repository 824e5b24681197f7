package codegen

import (
	"fmt"
	"slices"

	"github.com/bpfscript/bpfscript/compiler/ir"
)

// shareSpillSlots lets spill slots whose values are never live at the same
// time share stack space, the way colouring lets registers share a
// physical register. Allocation gives every spilled register (or group of
// coalesced ones) its own 8-byte slot; a long probe with many short-lived
// spills would otherwise run past the 512-byte frame while most of those
// slots sit dead.
//
// Spill slots are the slots numbered first and up, which allocate appended
// after the IR's own. After rewriteSpills a spill slot is read by Loads
// and, through the homes of spilled registers, by helper-call arguments
// (registers, and the bases of addresses) and exit values; it is written by Stores and by call results. Liveness of
// the slots is computed over that, two slots interfere when one is written
// while the other is live, and a greedy colouring renumbers them into as
// few slots as it needs, which replace the originals at the end of
// f.Slots.
func shareSpillSlots(f *ir.Func, h homes, first ir.Slot) {
	n := len(f.Slots) - int(first) + 1 // spill slots
	if n < 2 {
		return
	}
	index := func(s ir.Slot) int {
		if s < first {
			return -1
		}
		return int(s - first)
	}
	spilled := func(r ir.Reg) int {
		if int(r) < len(h) && h[r].ok && h[r].slot != 0 {
			return index(h[r].slot)
		}
		return -1
	}
	insns := f.Insns
	uses := make([]regSet, len(insns))
	defs := make([]int, len(insns))
	for i := range insns {
		uses[i] = newRegSet(n)
		defs[i] = -1
		in := &insns[i]
		use := func(k int) {
			if k >= 0 {
				uses[i].add(ir.Reg(k))
			}
		}
		switch in.Op {
		case ir.Load:
			use(index(in.Mem.Slot))
		case ir.Store:
			if k := index(in.Mem.Slot); k >= 0 {
				if in.Size == 8 && in.Mem.Off == 0 {
					defs[i] = k
				} else {
					use(k) // a partial write keeps the rest alive
				}
			}
			if in.B.Kind == ir.VReg {
				use(spilled(in.B.Reg))
			}
		case ir.Call:
			for _, a := range in.Args {
				switch {
				case a.Kind == ir.VReg:
					use(spilled(a.Reg))
				case a.Kind == ir.VAddr && a.Mem.Slot == 0:
					// An address argument reads its base's home too.
					use(spilled(a.Mem.Base))
				}
			}
			defs[i] = spilled(in.Dst)
		case ir.Exit:
			if in.B.Kind == ir.VReg {
				use(spilled(in.B.Reg))
			}
		}
	}

	succ := successors(insns)
	liveIn := make([]regSet, len(insns))
	liveOut := make([]regSet, len(insns))
	for i := range insns {
		liveIn[i], liveOut[i] = newRegSet(n), newRegSet(n)
	}
	for changed := true; changed; {
		changed = false
		for i := len(insns) - 1; i >= 0; i-- {
			out := liveOut[i]
			for _, s := range succ[i] {
				for w, word := range liveIn[s] {
					out[w] |= word
				}
			}
			for w := range liveIn[i] {
				word := out[w]
				if d := defs[i]; d >= 0 && d/64 == w {
					word &^= 1 << (uint(d) % 64)
				}
				word |= uses[i][w]
				if word != liveIn[i][w] {
					liveIn[i][w] = word
					changed = true
				}
			}
		}
	}

	interferes := make([]regSet, n)
	for k := range interferes {
		interferes[k] = newRegSet(n)
	}
	link := func(a, b int) {
		if a != b {
			interferes[a].add(ir.Reg(b))
			interferes[b].add(ir.Reg(a))
		}
	}
	for i := range insns {
		if d := defs[i]; d >= 0 {
			liveOut[i].each(func(r ir.Reg) { link(d, int(r)) })
		}
	}
	if len(insns) > 0 {
		// Slots live on entry are read before any write on some path;
		// keep them apart from each other, as if all written at entry.
		var entry []int
		liveIn[0].each(func(r ir.Reg) { entry = append(entry, int(r)) })
		for _, a := range entry {
			for _, b := range entry {
				link(a, b)
			}
		}
	}

	color := make([]int, n)
	colors := 0
	for k := range n {
		taken := map[int]bool{}
		for j := range k {
			if interferes[k].has(ir.Reg(j)) {
				taken[color[j]] = true
			}
		}
		c := 0
		for taken[c] {
			c++
		}
		color[k] = c
		colors = max(colors, c+1)
	}
	if colors == n {
		return
	}

	remap := func(s ir.Slot) ir.Slot {
		if k := index(s); k >= 0 {
			return first + ir.Slot(color[k])
		}
		return s
	}
	for i := range insns {
		in := &insns[i]
		in.Mem.Slot = remap(in.Mem.Slot)
		in.Src.Slot = remap(in.Src.Slot)
		if in.B.Kind == ir.VAddr {
			in.B.Mem.Slot = remap(in.B.Mem.Slot)
		}
		copied := false
		for j, a := range in.Args {
			if a.Kind == ir.VAddr && remap(a.Mem.Slot) != a.Mem.Slot {
				if !copied {
					// Arguments are shared with the caller's IR (see clone).
					in.Args, copied = slices.Clone(in.Args), true
				}
				in.Args[j].Mem.Slot = remap(a.Mem.Slot)
			}
		}
	}
	for r := range h {
		if h[r].ok && h[r].slot != 0 {
			h[r].slot = remap(h[r].slot)
		}
	}
	f.Slots = f.Slots[:first-1]
	for c := range colors {
		f.NewSlot(fmt.Sprintf("spill %d", c), 8)
	}
}
