package progen

import (
	"fmt"
	"strings"
)

// block writes the statements of a block at indentation level, in a new
// scope.
func (g *gen) block(level, maxStmts int) {
	g.scopes = append(g.scopes, nil)
	n := g.r.IntN(maxStmts + 1)
	for range n {
		g.stmt(level, maxStmts)
	}
	g.scopes = g.scopes[:len(g.scopes)-1]
}

func (g *gen) line(level int, s string) {
	g.out.WriteString(strings.Repeat("\t", level) + s + "\n")
}

// stmtKind is a kind of statement, with its weight in the random choice.
type stmtKind struct {
	weight int
	emit   func(g *gen, level, maxStmts int) bool // false: not possible here, choose again
}

// stmtKinds is filled in by init: the emitters reach stmt, which reads
// the table, an initialization cycle for a plain variable.
var stmtKinds []stmtKind

// stmtWeights is the sum of the weights of stmtKinds.
var stmtWeights int

func init() {
	stmtKinds = []stmtKind{
		{10, (*gen).letStmt},
		{12, (*gen).assignVar},
		{14, (*gen).storeMap},
		{6, (*gen).compoundAssign},
		{5, (*gen).incDecStmt},
		{8, (*gen).ifStmt},
		{10, (*gen).printfStmt},
		{4, (*gen).printValue},
		{3, (*gen).printMap},
		{3, (*gen).deleteStmt},
		{1, (*gen).clearStmt},
		{1, (*gen).exitStmt},
		{1, (*gen).returnStmt},
		{1, (*gen).timeStmt},
		{1, (*gen).joinStmt},
		{1, (*gen).exprStmt},
		{2, (*gen).stressStmt},
		{2, (*gen).whileStmt},
		{2, (*gen).unrollStmt},
		{2, (*gen).forStmt},
		{3, (*gen).forMapStmt},
		{3, (*gen).loopControl},
		{2, (*gen).ifdefStmt},
		{2, (*gen).discardStmt},
		{2, (*gen).ternaryStmt},
		{1, (*gen).findStmt},
		{1, (*gen).assertStmt},
		{1, (*gen).messageStmt},
	}
	for _, k := range stmtKinds {
		stmtWeights += k.weight
	}
}

func (g *gen) stmt(level, maxStmts int) {
	for {
		n := g.r.IntN(stmtWeights)
		for _, k := range stmtKinds {
			if n < k.weight {
				if k.emit(g, level, maxStmts) {
					return
				}
				break
			}
			n -= k.weight
		}
	}
}

// depth is the nesting of a statement's expressions: shallow in loop
// bodies, which the verifier checks once per iteration or per state.
func (g *gen) depth() int {
	if g.nest > 0 {
		return 1 + g.r.IntN(2)
	}
	return 1 + g.r.IntN(g.conf.MaxDepth)
}

// letStmt declares a block-scoped variable, with a value or without one
// (its first assignment then gives it a type).
func (g *gen) letStmt(level, _ int) bool {
	name := g.newVarName()
	if g.chance(0.15) {
		g.line(level, "let "+name+";")
		g.declare(len(g.scopes)-1, name, nil)
		return true
	}
	if g.chance(0.05) {
		// A bool takes only bools: no integer converts into it.
		if g.chance(0.3) {
			g.line(level, "let "+name+": bool;")
		} else {
			g.line(level, "let "+name+": bool = "+g.boolExpr(g.depth())+";")
		}
		g.declare(len(g.scopes)-1, name, boolT)
		return true
	}
	if g.chance(0.15) {
		// A typed declaration, with or without a value.
		cast := g.pick(intTypeNames...)
		if g.chance(0.3) {
			g.line(level, "let "+name+": "+cast+";")
		} else {
			g.line(level, "let "+name+": "+cast+" = ("+cast+")"+g.parenIntExpr(g.depth())+";")
		}
		g.declare(len(g.scopes)-1, name, intT)
		v := g.scopes[len(g.scopes)-1]
		v[len(v)-1].cast = cast
		return true
	}
	t := g.valueType(2)
	g.line(level, "let "+name+" = "+g.expr(t, g.depth())+";")
	g.declare(len(g.scopes)-1, name, t)
	return true
}

// assignVar assigns a visible variable, or a new one, which then lives in
// the probe-wide scope.
func (g *gen) assignVar(level, _ int) bool {
	vs := g.vars(func(v *variable) bool { return !v.fixed })
	if len(vs) > 0 && g.chance(0.6) {
		v := vs[g.r.IntN(len(vs))]
		t := v.t
		if t == nil {
			t = g.valueType(2)
		}
		if v.cast != "" {
			g.line(level, v.name+" = ("+v.cast+")"+g.parenIntExpr(g.depth())+";")
			return true
		}
		g.line(level, v.name+" = "+g.expr(t, g.depth())+";")
		v.t = t
		return true
	}
	name := g.newVarName()
	t := g.valueType(2)
	g.line(level, name+" = "+g.expr(t, g.depth())+";")
	g.declare(0, name, t)
	return true
}

func (g *gen) storeMap(level, _ int) bool {
	m := g.maps[g.r.IntN(len(g.maps))]
	g.line(level, g.mapStore(m, g.depth())+";")
	return true
}

var compoundOps = []string{"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}

// compoundAssign updates an integer variable or map in place.
func (g *gen) compoundAssign(level, _ int) bool {
	op := compoundOps[g.r.IntN(len(compoundOps))]
	rhs := func() string {
		if op == "<<=" || op == ">>=" || g.chance(0.2) {
			return g.shiftAmount()
		}
		return g.expr(intT, g.depth())
	}
	if v := g.mutableVarOf(intT); v != nil && g.chance(0.5) {
		g.line(level, v.name+" "+op+" "+rhs()+";")
		return true
	}
	// The target is chosen before the value is written: writing it marks
	// the maps it uses, so it must not be thrown away.
	m := g.pickMap((*mapDecl).plainInt)
	if m == nil {
		return false
	}
	m.written = true
	ref := g.mapRef(m, 1)
	g.line(level, ref+" "+op+" "+rhs()+";")
	return true
}

func (g *gen) incDecStmt(level, _ int) bool {
	x := g.incDecTarget()
	if x == "" {
		return false
	}
	op := g.pick("++", "--")
	if g.chance(0.5) {
		g.line(level, op+x+";")
	} else {
		g.line(level, x+op+";")
	}
	return true
}

// incDecTarget is an integer variable or plain integer map element, or ""
// when there is none.
func (g *gen) incDecTarget() string {
	if v := g.mutableVarOf(intT); v != nil && g.chance(0.5) {
		return v.name
	}
	m := g.pickMap((*mapDecl).plainInt)
	if m == nil {
		return ""
	}
	m.written = true
	return g.mapRef(m, 1)
}

// ifStmt writes an if with optional else-if and else branches.
func (g *gen) ifStmt(level, maxStmts int) bool {
	if level > 4 || maxStmts < 2 {
		return false
	}
	inner := maxStmts / 2
	ind := strings.Repeat("\t", level)
	g.out.WriteString(ind + "if (" + g.cond(g.depth()) + ") {\n")
	g.block(level+1, inner)
	for g.chance(0.3) {
		g.out.WriteString(ind + "} else if (" + g.cond(g.depth()) + ") {\n")
		g.block(level+1, inner)
	}
	if g.chance(0.4) {
		g.out.WriteString(ind + "} else {\n")
		g.block(level+1, inner)
	}
	g.out.WriteString(ind + "}\n")
	return true
}

func (g *gen) printfStmt(level, _ int) bool {
	n := g.r.IntN(5)
	if g.chance(0.1) {
		n = 6 + g.r.IntN(8)
	}
	g.line(level, g.printfCall(n)+";")
	return true
}

// printfCall builds printf(fmt, args...) with n arguments of random types
// and conversions that fit them.
func (g *gen) printfCall(n int) string {
	var format strings.Builder
	var args []string
	format.WriteString(g.pick("", "x ", "value: ", "%% ", "\\t", "a\\\"b "))
	for i := range n {
		if i > 0 {
			format.WriteString(g.pick(" ", ", ", "|", "\\t", " %% "))
		}
		conv, arg := g.printfArg()
		format.WriteString(conv)
		args = append(args, arg)
	}
	if g.chance(0.85) {
		format.WriteString("\\n")
	}
	return "printf(\"" + format.String() + "\"" + prefixEach(", ", args) + ")"
}

func prefixEach(sep string, items []string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(sep + it)
	}
	return b.String()
}

// printfArg returns one conversion and an argument it accepts.
func (g *gen) printfArg() (string, string) {
	switch n := g.r.IntN(20); {
	case n < 9:
		return g.intConversion(), g.expr(intT, g.depth())
	case n < 14:
		return g.strConversion(), g.expr(strT, g.depth())
	case n < 16:
		return "%s", g.expr(g.valueType(2), g.depth())
	case n < 17:
		return "%s", "probe"
	case n < 18:
		return "%s", "strftime(\"" + g.pick("%H:%M:%S", "%Y-%m-%d", "%s", "%f") + "\", " + g.expr(intT, 1) + ")"
	case n < 19:
		if f := g.field(fStrPtr); f != "" {
			return g.pick("%p", "%x", "%d"), f
		}
	case g.chance(0.6):
		return g.specialArg()
	}
	return "%d", g.expr(intT, 1)
}

// intConversion is a random integer conversion with flags, width,
// precision and length modifier.
func (g *gen) intConversion() string {
	verb := g.pick("d", "i", "u", "x", "X", "o", "c", "p", "d", "u", "x")
	var b strings.Builder
	b.WriteByte('%')
	if g.chance(0.3) {
		for _, f := range []string{"-", "0", "+", " ", "#"} {
			if g.chance(0.3) {
				b.WriteString(f)
			}
		}
	}
	if g.chance(0.3) {
		fmt.Fprint(&b, 1+g.r.IntN(19)) // a leading 0 would be a flag
	}
	if g.chance(0.15) {
		fmt.Fprintf(&b, ".%d", g.r.IntN(10))
	}
	if verb != "c" && g.chance(0.3) {
		b.WriteString(g.pick("hh", "h", "l", "ll", "z", "j", "t"))
	}
	b.WriteString(verb)
	return b.String()
}

func (g *gen) strConversion() string {
	var b strings.Builder
	b.WriteByte('%')
	if g.chance(0.2) {
		b.WriteString("-")
	}
	if g.chance(0.2) {
		fmt.Fprint(&b, 1+g.r.IntN(29))
	}
	if g.chance(0.15) {
		fmt.Fprintf(&b, ".%d", g.r.IntN(10))
	}
	b.WriteString("s")
	return b.String()
}

// printValue prints one value: print(x).
func (g *gen) printValue(level, _ int) bool {
	var arg string
	switch g.r.IntN(8) {
	case 0:
		arg = "probe"
	case 1:
		arg = "strftime(\"%H:%M\", nsecs)"
	default:
		arg = g.expr(g.valueType(2), g.depth())
	}
	g.line(level, "print("+arg+");")
	return true
}

// printMap prints a whole map, sometimes with top and div.
func (g *gen) printMap(level, _ int) bool {
	m := g.maps[g.r.IntN(len(g.maps))]
	m.used = true
	switch g.r.IntN(4) {
	case 0:
		g.line(level, fmt.Sprintf("print(%s, %d);", m.name, g.r.IntN(5)))
	case 1:
		g.line(level, fmt.Sprintf("print(%s, %d, %d);", m.name, g.r.IntN(5), g.r.IntN(4)))
	default:
		g.line(level, "print("+m.name+");")
	}
	return true
}

// deleteStmt deletes one element: delete(@m, k), delete(@m[k]) or, for a
// scalar map, delete(@m).
func (g *gen) deleteStmt(level, _ int) bool {
	m := g.maps[g.r.IntN(len(g.maps))]
	if m.histogram() {
		return false
	}
	m.used = true
	switch {
	case m.key == nil:
		g.line(level, "delete("+m.name+");")
	case g.chance(0.5):
		g.line(level, "delete("+g.mapRef(m, g.depth())+");")
	default:
		g.line(level, "delete("+m.name+", "+g.expr(m.key, g.depth())+");")
	}
	return true
}

func (g *gen) clearStmt(level, _ int) bool {
	m := g.maps[g.r.IntN(len(g.maps))]
	m.used = true
	g.line(level, g.pick("clear", "zero")+"("+m.name+");")
	return true
}

// exitStmt ends the program, with code 0 when the program is to be run.
func (g *gen) exitStmt(level, _ int) bool {
	switch {
	case g.conf.BeginEndOnly:
		g.line(level, g.pick("exit();", "exit(0);"))
	case g.chance(0.5):
		g.line(level, "exit();")
	default:
		g.line(level, "exit("+g.expr(intT, 1)+");")
	}
	return true
}

func (g *gen) returnStmt(level, _ int) bool {
	g.line(level, "return;")
	return true
}

func (g *gen) timeStmt(level, _ int) bool {
	g.line(level, g.pick(`time();`, `time("%H:%M:%S\n");`, `time("%s.%f ");`))
	return true
}

func (g *gen) joinStmt(level, _ int) bool {
	f := g.field(fArgv)
	if f == "" {
		return false
	}
	if g.chance(0.5) {
		g.line(level, "join("+f+");")
	} else {
		g.line(level, "join("+f+", \",\");")
	}
	return true
}

// exprStmt evaluates a value for nothing, which bpftrace allows.
func (g *gen) exprStmt(level, _ int) bool {
	g.line(level, atStmtStart(g.expr(g.valueType(1), 1))+";")
	return true
}

// stressStmt declares several strings and a large tuple built from them,
// and uses them, so that the frame overflows the 512-byte stack and the
// compiler must place buffers in the scratch map.
//
// Not in loops: copying strings is itself a loop the verifier walks byte
// by byte, once per iteration of a while loop and per state of a range
// loop, which takes the program past the verifier's million instructions.
//
// Only with short strings: longer ones overflow the stack anyway, and a
// burst of them could take the probe past the 32 KiB of scratch memory BPF
// instructions can address, which is an error.
func (g *gen) stressStmt(level, _ int) bool {
	if g.nest > 0 || g.strLen > 256 {
		return false
	}
	var strs []string
	for range 3 + g.r.IntN(4) {
		name := g.newVarName()
		g.line(level, "let "+name+" = "+g.expr(strT, 2)+";")
		g.declare(len(g.scopes)-1, name, strT)
		strs = append(strs, name)
	}
	var elems []*typ
	var parts []string
	for range 4 + g.r.IntN(6) {
		if g.chance(0.6) {
			elems = append(elems, strT)
			parts = append(parts, strs[g.r.IntN(len(strs))])
		} else {
			elems = append(elems, intT)
			parts = append(parts, g.expr(intT, 1))
		}
	}
	tuple := g.newVarName()
	t := tupleOf(elems...)
	g.line(level, "let "+tuple+" = ("+strings.Join(parts, ", ")+");")
	g.declare(len(g.scopes)-1, tuple, t)
	switch g.r.IntN(3) {
	case 0:
		g.line(level, "print("+tuple+");")
	case 1:
		g.line(level, "printf(\"%s %s\\n\", "+tuple+", "+strs[0]+");")
	default:
		g.line(level, "printf(\"%s\\n\", "+tuple+"."+fmt.Sprint(g.r.IntN(len(elems)))+");")
	}
	return true
}
