package progen

import (
	"fmt"
	"strings"
)

// Statements of the newer forms: `_ = expr;`, the ternary as a statement,
// find(), assertions and the message functions.

// discardStmt evaluates a value or a call for nothing: `_ = expr;`.
func (g *gen) discardStmt(level, _ int) bool {
	switch g.r.IntN(3) {
	case 0:
		g.line(level, "_ = "+g.printfCall(g.r.IntN(3))+";")
	default:
		g.line(level, "_ = "+g.expr(g.valueType(2), g.depth())+";")
	}
	return true
}

// ternaryStmt is `cond ? call : call;`, whose branches are statements
// that give no value.
func (g *gen) ternaryStmt(level, _ int) bool {
	branch := func() string {
		switch g.r.IntN(5) {
		case 0:
			return "print(" + g.expr(g.valueType(1), 1) + ")"
		case 1:
			if g.conf.BeginEndOnly {
				return "exit()"
			}
			return g.pick("exit()", "exit(1)")
		case 2:
			m := g.maps[g.r.IntN(len(g.maps))]
			m.used = true
			return g.pick("clear", "zero") + "(" + m.name + ")"
		}
		return g.printfCall(g.r.IntN(3))
	}
	g.line(level, atStmtStart(g.cond(g.depth()))+" ? "+branch()+" : "+branch()+";")
	return true
}

// atStmtStart parenthesizes an expression that starts a statement and
// starts with a brace: a brace there opens a block, as in bpftrace.
func atStmtStart(x string) string {
	if strings.HasPrefix(x, "{") {
		return "(" + x + ")"
	}
	return x
}

// findStmt looks a key up with find(@m, key, $v), which assigns the
// value to $v when the key is there. $v is new and, as a variable first
// assigned without let, lives in the probe-wide scope; the map holds
// plain values (aggregations cannot be read into a variable whole).
//
// The checker types $v only once it knows the map's key and value, and
// a later store into the map may have a key computed from $v: so a store
// that reads no variable and no map (pure) comes first, which gives the
// map its types whatever else the program does.
func (g *gen) findStmt(level, _ int) bool {
	m := g.pickMap(func(m *mapDecl) bool { return m.key != nil && m.agg == "" })
	if m == nil {
		return false
	}
	m.used = true
	g.pure = true
	g.line(level, g.mapStore(m, 1)+";")
	g.pure = false
	name := g.newVarName()
	call := "find(" + m.name + ", " + g.expr(m.key, g.depth()) + ", " + name + ")"
	g.declare(0, name, m.val)
	if g.chance(0.5) {
		g.line(level, "if ("+call+") { print("+name+"); }")
	} else {
		g.line(level, "_ = "+call+";")
	}
	return true
}

// assertStmt writes assert() or static_assert(). An assert that fails
// ends the run with an error, so a program meant to run asserts only
// what holds; static_assert's condition must be known when compiling and
// hold.
func (g *gen) assertStmt(level, _ int) bool {
	msg := fmt.Sprintf("%q", g.pick("must hold", "x", "a longer message"))
	switch {
	case g.chance(0.5):
		// The checker folds constant expressions (spelling.go).
		cond := g.pick("1 < 2", "1", "!0", "3 == 3 && 2 != 1", "$# >= 0")
		if m := g.intMacro(-1); m != nil && m.known {
			cond = fmt.Sprintf("%s >= %d", m.name, m.value)
		}
		cond = g.assertCond(cond)
		g.line(level, "static_assert("+cond+", "+msg+");")
	case g.conf.BeginEndOnly:
		g.line(level, "assert("+g.pick("1", "true", "pid > 0", "1 + 1 == 2", "!is_str(pid)")+", "+msg+");")
	default:
		g.line(level, "assert("+g.cond(g.depth())+", "+msg+");")
	}
	return true
}

// messageStmt writes warnf, errorf, debugf or cat. Their output goes to
// the diagnostics, which a program meant to run must keep empty, so those
// get cat() only; fail() goes in a branch that is never taken, where the
// checker does not report it.
func (g *gen) messageStmt(level, _ int) bool {
	switch n := g.r.IntN(4); {
	case n == 0:
		g.line(level, g.pick(`cat("/proc/sys/kernel/ostype");`, `cat("/proc/%d/comm", pid);`, `cat("/proc/sys/kernel/%s", "hostname");`))
	case n == 1:
		g.line(level, "if (0) { fail("+g.pick(`"never"`, `"never %d", 1`, `"never %s", "x"`)+"); }")
	case g.conf.BeginEndOnly:
		return false
	default:
		call := g.printfCall(g.r.IntN(3))
		g.line(level, g.pick("warnf", "errorf", "debugf")+strings.TrimPrefix(call, "printf")+";")
	}
	return true
}
