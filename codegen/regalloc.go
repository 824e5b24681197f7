package codegen

import (
	"fmt"
	"math"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// home is where a virtual register lives for the whole function: a
// physical register, or a spill slot when slot is not 0.
type home struct {
	ok   bool // the register occurs in the program
	reg  asm.Register
	slot ir.Slot
}

// homes is indexed by virtual register.
type homes []home

// Register classes. A value live across a helper call must survive it, so
// only R6-R9 qualify. Anything else prefers the caller-saved registers,
// leaving R6-R9 to values that need them.
var (
	calleeSaved = []asm.Register{asm.R6, asm.R7, asm.R8, asm.R9}
	anyRegister = []asm.Register{asm.R1, asm.R2, asm.R3, asm.R4, asm.R5, asm.R0, asm.R6, asm.R7, asm.R8, asm.R9}
)

// allocate gives every virtual register of f a home, rewriting f's
// instructions for spills and adding spill slots to f.Slots. Registers
// numbered firstTemp and up are temporaries made by lowering or spilling;
// they live across at most a couple of instructions and are never
// spilled themselves.
func allocate(f *ir.Func, firstTemp ir.Reg) (homes, error) {
	spillSlot := map[ir.Reg]ir.Slot{}
	inMemory := func(r ir.Reg) bool { _, ok := spillSlot[r]; return ok }
	firstSpill := ir.Slot(len(f.Slots) + 1)
	// Every round spills at least one register that is not a temporary
	// and was not spilled before, so the loop ends.
	for round := 0; round <= int(firstTemp); round++ {
		splitTwoAddress(f)
		lv := computeLiveness(f, inMemory)
		for removeDeadCode(f, lv, inMemory) {
			lv = computeLiveness(f, inMemory)
		}
		g := buildGraph(f, lv, inMemory, firstTemp)
		g.coalesce()
		failed := g.color()
		if len(failed) == 0 {
			h := g.homes(spillSlot)
			shareSpillSlots(f, h, firstSpill)
			return h, nil
		}
		groups := g.chooseSpills(failed)
		if len(groups) == 0 {
			return nil, fmt.Errorf("register allocation failed: no register can be spilled")
		}
		for _, members := range groups {
			// Members were coalesced because they never hold different
			// values at once, so they can share one slot.
			slot := f.NewSlot(fmt.Sprintf("spill %s", members[0]), 8)
			for _, r := range members {
				spillSlot[r] = slot
			}
		}
		rewriteSpills(f, spillSlot)
	}
	return nil, fmt.Errorf("register allocation did not converge")
}

// removeDeadCode drops side-effect-free instructions whose result is never
// read and stops calls from copying an unused result out of R0. It reports
// whether anything changed, since that shortens other live ranges.
func removeDeadCode(f *ir.Func, lv liveness, inMemory func(ir.Reg) bool) bool {
	changed := false
	for i := range f.Insns {
		in := &f.Insns[i]
		d := def(in)
		if d == 0 || inMemory(d) || lv.out[i].has(d) {
			continue
		}
		changed = true
		if in.Op == ir.Call {
			in.Dst = 0
		} else {
			*in = ir.Insn{Op: ir.Nop, Comment: in.Comment}
		}
	}
	if changed {
		f.Insns = dropNops(f.Insns)
	}
	return changed
}

// graph is the interference graph. After coalescing, each class of
// registers merged through moves is represented by its union-find root;
// a node's adj, crossCall, cost and members are meaningful for roots only.
type graph struct {
	nodes []node // by virtual register
	temp  func(ir.Reg) bool
	moves [][2]ir.Reg
}

// node is what the allocator knows about one virtual register, kept
// together so that a graph costs a couple of allocations, not one per
// property.
type node struct {
	present   bool
	crossCall bool
	colored   bool
	colorOf   asm.Register
	parent    ir.Reg
	cost      float64
	members   []ir.Reg
	adj       map[ir.Reg]bool
	hints     []asm.Register // physical registers a register would like
	partners  []ir.Reg       // registers a register is copied from or to
}

func buildGraph(f *ir.Func, lv liveness, inMemory func(ir.Reg) bool, firstTemp ir.Reg) *graph {
	n := f.NumRegs + 1
	g := &graph{
		nodes: make([]node, n),
		temp:  func(r ir.Reg) bool { return r >= firstTemp },
	}
	// Every class starts as its own register; the one-element member
	// lists share an array, and appending to one copies it out.
	self := make([]ir.Reg, n)
	for r := range g.nodes {
		g.nodes[r].parent = ir.Reg(r)
		self[r] = ir.Reg(r)
		g.nodes[r].members = self[r : r+1 : r+1]
	}
	mark := func(r ir.Reg) {
		if r != 0 && !inMemory(r) {
			g.nodes[r].present = true
			g.nodes[r].cost++
		}
	}
	hint := func(r ir.Reg, p asm.Register) {
		if r != 0 && !inMemory(r) {
			g.nodes[r].hints = append(g.nodes[r].hints, p)
		}
	}
	var buf []ir.Reg
	for i := range f.Insns {
		in := &f.Insns[i]
		buf = uses(in, buf[:0])
		for _, r := range buf {
			mark(r)
		}
		d := def(in)
		if d != 0 && !inMemory(d) {
			mark(d)
			var copied ir.Reg
			if in.Op == ir.Mov && in.B.Kind == ir.VReg {
				copied = in.B.Reg
			}
			// A copy does not interfere with its source: both may share
			// a register, which is what makes coalescing possible.
			lv.out[i].each(func(v ir.Reg) {
				if v != d && v != copied {
					g.addEdge(d, v)
				}
			})
			if copied != 0 && !inMemory(copied) && copied != d {
				g.moves = append(g.moves, [2]ir.Reg{d, copied})
				g.nodes[d].partners = append(g.nodes[d].partners, copied)
				g.nodes[copied].partners = append(g.nodes[copied].partners, d)
			}
		}
		switch in.Op {
		case ir.ALU:
			if in.B.Kind == ir.VReg && in.B.Reg != in.A && in.B.Reg != in.Dst && !commutative(in.ALU) && !inMemory(in.B.Reg) {
				// `d = a; d op= b` must not overwrite b.
				g.addEdge(in.Dst, in.B.Reg)
			}
		case ir.Call:
			lv.out[i].each(func(v ir.Reg) {
				if v != in.Dst {
					g.nodes[v].crossCall = true
				}
			})
			hint(in.Dst, asm.R0)
			for k, a := range in.Args {
				switch {
				case a.Kind == ir.VReg:
					hint(a.Reg, asm.R1+asm.Register(k))
				case a.Kind == ir.VAddr && a.Mem.Slot == 0:
					hint(a.Mem.Base, asm.R1+asm.Register(k))
				}
			}
		case ir.Exit:
			if in.B.Kind == ir.VReg {
				hint(in.B.Reg, asm.R0)
			}
		}
	}
	g.entryConstraints(f, lv, hint)
	for r := range g.nodes {
		if g.temp(ir.Reg(r)) {
			g.nodes[r].cost = math.Inf(1)
		}
	}
	return g
}

func (g *graph) addEdge(a, b ir.Reg) {
	a, b = g.find(a), g.find(b)
	if a != b {
		g.link(a, b)
	}
}

// link records that roots a and b interfere. Adjacency maps are made on
// first use: many registers interfere with nothing.
func (g *graph) link(a, b ir.Reg) {
	if g.nodes[a].adj == nil {
		g.nodes[a].adj = map[ir.Reg]bool{}
	}
	if g.nodes[b].adj == nil {
		g.nodes[b].adj = map[ir.Reg]bool{}
	}
	g.nodes[a].adj[b] = true
	g.nodes[b].adj[a] = true
}

func (g *graph) find(r ir.Reg) ir.Reg {
	for g.nodes[r].parent != r {
		g.nodes[r].parent = g.nodes[g.nodes[r].parent].parent
		r = g.nodes[r].parent
	}
	return r
}

// colors is the number of registers a class may use.
func (g *graph) colors(root ir.Reg) int {
	if g.nodes[root].crossCall {
		return len(calleeSaved)
	}
	return len(anyRegister)
}

// coalesce merges move-related registers that do not interfere when the
// Briggs test shows the merged node stays colourable: fewer neighbours of
// significant degree than it has colours.
func (g *graph) coalesce() {
	for _, mv := range g.moves {
		a, b := g.find(mv[0]), g.find(mv[1])
		if a == b || g.nodes[a].adj[b] {
			continue
		}
		k := len(anyRegister)
		if g.nodes[a].crossCall || g.nodes[b].crossCall {
			k = len(calleeSaved)
		}
		significant := 0
		count := func(n ir.Reg) {
			deg := len(g.nodes[n].adj)
			if g.nodes[n].adj[a] && g.nodes[n].adj[b] {
				deg--
			}
			if deg >= g.colors(n) {
				significant++
			}
		}
		for n := range g.nodes[a].adj {
			count(n)
		}
		for n := range g.nodes[b].adj {
			if !g.nodes[a].adj[n] {
				count(n)
			}
		}
		if significant >= k {
			continue
		}
		if b < a {
			a, b = b, a
		}
		into, from := &g.nodes[a], &g.nodes[b]
		from.parent = a
		into.members = append(into.members, from.members...)
		into.crossCall = into.crossCall || from.crossCall
		into.cost += from.cost
		into.present = into.present || from.present
		for n := range from.adj {
			delete(g.nodes[n].adj, b)
			g.link(n, a)
		}
		from.adj = nil
	}
}

// roots lists the classes to colour, in register order for determinism.
func (g *graph) roots() []ir.Reg {
	var out []ir.Reg
	for r := range g.nodes {
		if g.nodes[r].present && g.find(ir.Reg(r)) == ir.Reg(r) {
			out = append(out, ir.Reg(r))
		}
	}
	return out
}

// color runs simplify and select. Nodes with fewer neighbours than colours
// are removed first since they always find a colour; when none is left, the
// cheapest node per neighbour is removed optimistically. It returns the
// classes that found no colour.
func (g *graph) color() []ir.Reg {
	roots := g.roots()
	degree := make([]int, len(g.nodes))
	for _, r := range roots {
		degree[r] = len(g.nodes[r].adj)
	}
	removed := make([]bool, len(g.nodes))
	// Nodes sure to get a colour wait in a heap ordered by their number of
	// preferences (then register), so each pick is O(log n), not a scan of
	// every node: large programs colour in near-linear time. A node enters
	// it once, when its degree first drops below its number of colours.
	var low lowHeap
	for _, r := range roots {
		if degree[r] < g.colors(r) {
			low.push(lowNode{r, g.wants(r)})
		}
	}
	var stack []ir.Reg
	for len(stack) < len(roots) {
		// Of the nodes sure to get a colour, remove the one with the
		// fewest preferences first: it is coloured last, after the nodes
		// whose preferred registers save more moves.
		pick := ir.Reg(0)
		for len(low) > 0 {
			if n := low.pop(); !removed[n.r] {
				pick = n.r
				break
			}
		}
		if pick == 0 {
			best := math.Inf(1)
			for _, r := range roots {
				if removed[r] {
					continue
				}
				if c := g.nodes[r].cost / float64(degree[r]+1); pick == 0 || c < best {
					pick, best = r, c
				}
			}
		}
		removed[pick] = true
		stack = append(stack, pick)
		for n := range g.nodes[pick].adj {
			degree[n]--
			if !removed[n] && degree[n] == g.colors(n)-1 {
				low.push(lowNode{n, g.wants(n)})
			}
		}
	}
	var failed []ir.Reg
	for i := len(stack) - 1; i >= 0; i-- {
		r := stack[i]
		if c, ok := g.pickColor(r); ok {
			g.nodes[r].colorOf, g.nodes[r].colored = c, true
		} else {
			failed = append(failed, r)
		}
	}
	return failed
}

// wants counts the register preferences of class r: hints and moves.
func (g *graph) wants(r ir.Reg) int {
	n := 0
	for _, m := range g.nodes[r].members {
		n += len(g.nodes[m].hints) + len(g.nodes[m].partners)
	}
	return n
}

// pickColor chooses a free register for class r, preferring the one most
// of its hints and already coloured move partners name, so that helper
// arguments, results and copies need no move instruction.
func (g *graph) pickColor(r ir.Reg) (asm.Register, bool) {
	// Indexed by register: colours and hints are R0-R9.
	var used [asm.R10 + 1]bool
	var votes [asm.R10 + 1]int
	for n := range g.nodes[r].adj {
		if g.nodes[n].colored {
			used[g.nodes[n].colorOf] = true
		}
	}
	for _, m := range g.nodes[r].members {
		for _, h := range g.nodes[m].hints {
			votes[h]++
		}
		for _, p := range g.nodes[m].partners {
			if pr := g.find(p); pr != r && g.nodes[pr].colored {
				votes[g.nodes[pr].colorOf]++
			}
		}
	}
	allowed := anyRegister
	if g.nodes[r].crossCall {
		allowed = calleeSaved
	}
	best, bestVotes, found := asm.R0, -1, false
	for _, c := range allowed {
		if !used[c] && votes[c] > bestVotes {
			best, bestVotes, found = c, votes[c], true
		}
	}
	return best, found
}

// chooseSpills picks, for each uncoloured class, the registers to move to
// memory: its own non-temporary members, or, for a class of temporaries
// only, the cheapest neighbouring class that has some.
func (g *graph) chooseSpills(failed []ir.Reg) [][]ir.Reg {
	var groups [][]ir.Reg
	chosen := map[ir.Reg]bool{}
	spillable := func(root ir.Reg) []ir.Reg {
		var out []ir.Reg
		for _, m := range g.nodes[root].members {
			if !g.temp(m) {
				out = append(out, m)
			}
		}
		return out
	}
	for _, r := range failed {
		victim := r
		if len(spillable(r)) == 0 {
			victim = 0
			best := math.Inf(1)
			for n := range g.nodes[r].adj {
				if len(spillable(n)) == 0 {
					continue
				}
				if c := g.nodes[n].cost; victim == 0 || c < best || (c == best && n < victim) {
					victim, best = n, c
				}
			}
		}
		if victim != 0 && !chosen[victim] {
			chosen[victim] = true
			groups = append(groups, spillable(victim))
		}
	}
	return groups
}

// homes reports the final assignment.
func (g *graph) homes(spillSlot map[ir.Reg]ir.Slot) homes {
	h := make(homes, len(g.nodes))
	for r := range g.nodes {
		if g.nodes[r].present {
			root := g.find(ir.Reg(r))
			h[r] = home{ok: true, reg: g.nodes[root].colorOf}
		}
	}
	for r, s := range spillSlot {
		h[r] = home{ok: true, slot: s}
	}
	return h
}

// lowNode is a node of the simplify heap.
type lowNode struct {
	r     ir.Reg
	wants int
}

// lowHeap is a binary min-heap of nodes ordered by fewest preferences, then
// lowest register, which is the order a scan over the nodes in register
// order would pick them. It is typed rather than a container/heap, whose
// interface would box every node pushed.
type lowHeap []lowNode

func (a lowNode) before(b lowNode) bool {
	if a.wants != b.wants {
		return a.wants < b.wants
	}
	return a.r < b.r
}

func (h *lowHeap) push(n lowNode) {
	*h = append(*h, n)
	s := *h
	for i := len(s) - 1; i > 0; {
		parent := (i - 1) / 2
		if !s[i].before(s[parent]) {
			break
		}
		s[i], s[parent] = s[parent], s[i]
		i = parent
	}
}

// pop removes and returns the first node; h must not be empty.
func (h *lowHeap) pop() lowNode {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(s) && s[l].before(s[least]) {
			least = l
		}
		if r < len(s) && s[r].before(s[least]) {
			least = r
		}
		if least == i {
			break
		}
		s[i], s[least] = s[least], s[i]
		i = least
	}
	*h = s
	return top
}
