package progen

import (
	"fmt"
	"strings"
)

// Loops: while, unroll and for over a range, with break and continue.
//
// The verifier walks a while loop and an unroll's copies instruction by
// instruction, so what is generated must end and stay small: a while
// loop counts a variable no statement of its body may assign (fixed) up
// to a small bound, incremented first so that continue cannot skip it;
// unroll counts are small; loops nest at most two deep. A for range runs
// as a bpf_loop callback, which the verifier bounds without walking every
// iteration, but a long range would make a run slow: its ends are small.

// maxNest bounds the loops and unrolls around a statement, and
// loopsPerProbe the loops and unrolls of one probe: each is walked by
// the verifier, which stops at a million instructions for the whole
// program, and the branches in their bodies multiply that.
const (
	maxNest       = 2
	loopsPerProbe = 2
)

// loopAllowed reports whether a loop may start here, and counts it.
func (g *gen) loopAllowed(level, maxStmts int) bool {
	if g.nest >= maxNest || g.nloops >= loopsPerProbe || level > 4 || maxStmts < 2 {
		return false
	}
	g.nloops++
	return true
}

// loopBlock writes a loop header, the body as a block (with body first
// inside it) and the closing brace.
func (g *gen) loopBlock(level, maxStmts int, header string, isLoop bool, first ...string) {
	ind := strings.Repeat("\t", level)
	g.out.WriteString(ind + header + " {\n")
	g.nest++
	if isLoop {
		g.loops++
	}
	g.scopes = append(g.scopes, nil)
	for _, s := range first {
		g.line(level+1, s)
	}
	n := min(3, maxStmts/2)
	for range 1 + g.r.IntN(max(1, n)) {
		g.stmt(level+1, n)
	}
	g.scopes = g.scopes[:len(g.scopes)-1]
	if isLoop {
		g.loops--
	}
	g.nest--
	g.out.WriteString(ind + "}\n")
}

// whileStmt writes a counted while loop:
//
//	let $i = 0;
//	while ($i < 4) { $i++; ... }
func (g *gen) whileStmt(level, maxStmts int) bool {
	if !g.loopAllowed(level, maxStmts) {
		return false
	}
	name := g.newVarName()
	bound := 1 + g.r.IntN(4)
	if g.nest > 0 {
		bound = 1 + g.r.IntN(2)
	}
	g.line(level, "let "+name+" = 0;")
	g.declare(len(g.scopes)-1, name, intT)
	g.fixLast()
	cmp := fmt.Sprintf("%s < %d", name, bound)
	if g.chance(0.3) {
		cmp = fmt.Sprintf("%d > %s", bound, name)
	}
	g.loopBlock(level, maxStmts, "while ("+cmp+")", true, name+g.pick("++;", " += 1;", " = "+name+" + 1;"))
	return true
}

// fixLast marks the variable declared last as one no statement assigns.
func (g *gen) fixLast() {
	s := g.scopes[len(g.scopes)-1]
	s[len(s)-1].fixed = true
}

// unrollStmt writes unroll(N) { ... }: N copies of the body. Its body is
// no loop: break and continue in it belong to a loop around it.
func (g *gen) unrollStmt(level, maxStmts int) bool {
	if !g.loopAllowed(level, maxStmts) {
		return false
	}
	// The count is a constant, which the checker folds: a literal, or
	// arithmetic of the same value (spelling.go).
	count := g.unrollCount(g.pick("1", "2", "3", "4", "0x2"))
	g.loopBlock(level, maxStmts, "unroll ("+count+")", false)
	return true
}

// forStmt writes for ($i : from..to) { ... }. The variable is in a scope
// of its own around the body and may hide no visible variable: its name
// is new. The body runs as a bpf_loop callback, which the verifier checks
// once per state at the call whatever the body does, so it may assign the
// probe's variables, store into histograms and hold loops of its own, and
// a range loop may sit in any loop.
func (g *gen) forStmt(level, maxStmts int) bool {
	if !g.loopAllowed(level, maxStmts) {
		return false
	}
	name := g.newVarName()
	from := g.pick("0", "1", "-2", "$#", "0")
	to := g.pick("3", "5", "0", "4", "($1 & 3)", "(pid & 1) + 2")
	if m := g.intMacro(-1); m != nil && m.known && m.value < 10 && g.chance(0.3) {
		// In parentheses: in 0..K the preprocessor sees one number
		// ("0..K", a C pp-number) and expands nothing, as cpp does.
		to = "(" + m.name + ")"
	}
	g.scopes = append(g.scopes, scope{{name: name, t: intT, fixed: true}})
	g.loopBlock(level, maxStmts, g.forHeader(name+" : "+from+".."+to), true)
	g.scopes = g.scopes[:len(g.scopes)-1]
	return true
}

// loopControl writes break or continue inside a loop: usually under an
// if, sometimes bare, when the statements after it in its block are dead
// code, which the compiler must leave out (the verifier refuses
// unreachable instructions).
func (g *gen) loopControl(level, _ int) bool {
	if g.loops == 0 {
		return false
	}
	word := g.pick("break;", "continue;")
	if g.chance(0.7) {
		g.line(level, "if ("+g.cond(1)+") { "+word+" }")
		return true
	}
	g.line(level, word)
	return true
}

// forMapStmt iterates over a map whose values can be read: the loop
// variable is the tuple (key, value), the key 0 for a map without keys,
// the value an integer for count, sum, min, max and avg. The body runs in
// a callback, whose variables shared with the probe live in scratch
// memory, so it may assign the probe's variables, as a range loop's may.
func (g *gen) forMapStmt(level, maxStmts int) bool {
	m := g.pickMap(func(m *mapDecl) bool { _, ok := m.readable(); return ok })
	if m == nil || !g.loopAllowed(level, maxStmts) {
		return false
	}
	m.used, m.iterated = true, true
	value, _ := m.readable()
	key := m.key
	if key == nil {
		key = intT
	}
	name := g.newVarName()
	g.scopes = append(g.scopes, scope{{name: name, t: tupleOf(key, value), fixed: true}})
	g.loopBlock(level, maxStmts, g.forHeader(name+" : "+m.name), true)
	g.scopes = g.scopes[:len(g.scopes)-1]
	return true
}
