package progen

import "strings"

// forMapStmt iterates over a map whose values can be read: the loop
// variable is the tuple (key, value), the key 0 for a map without keys,
// the value an integer for count, sum, min, max and avg.
func (g *gen) forMapStmt(level, maxStmts int) bool {
	if level > 3 || maxStmts < 2 {
		return false
	}
	m := g.pickMap(func(m *mapDecl) bool { _, ok := m.readable(); return ok })
	if m == nil {
		return false
	}
	m.used, m.iterated = true, true
	value, _ := m.readable()
	key := m.key
	if key == nil {
		key = intT
	}
	name := g.newVarName()
	g.loop(level, maxStmts, "for ("+name+" : "+m.name+") {", &variable{name: name, t: tupleOf(key, value)})
	return true
}

// loop writes a loop's header and its body, in which v is declared and
// break and continue are allowed.
func (g *gen) loop(level, maxStmts int, header string, v *variable) {
	ind := strings.Repeat("\t", level)
	g.out.WriteString(ind + header + "\n")
	g.scopes = append(g.scopes, scope{v})
	g.loops++
	g.block(level+1, maxStmts/2)
	g.loops--
	g.scopes = g.scopes[:len(g.scopes)-1]
	g.out.WriteString(ind + "}\n")
}

// loopControl writes break or continue inside a loop, usually behind a
// condition so that what follows it still runs sometimes.
func (g *gen) loopControl(level, _ int) bool {
	if g.loops == 0 {
		return false
	}
	stmt := g.pick("break;", "continue;")
	if g.chance(0.7) {
		g.line(level, "if ("+g.expr(intT, 1)+") { "+stmt+" }")
	} else {
		g.line(level, stmt)
	}
	return true
}
