package progen

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// expr writes an expression of type t. depth bounds the nesting: at 0 only
// leaves (literals, builtins, variables, args fields) are written.
func (g *gen) expr(t *typ, depth int) string {
	switch t.k {
	case kInt:
		return g.intExpr(depth)
	case kStr:
		return g.strExpr(depth)
	case kProbe:
		return "probe"
	case kBool:
		return g.boolExpr(depth)
	}
	return g.tupleExpr(t, depth)
}

// ---- integers ----

var intBuiltins = []string{"pid", "tid", "uid", "gid", "cpu", "ncpus", "nsecs", "elapsed", "rand", "cgroup", "jiffies", "numaid"}

// builtinModes are the modes builtins may be called with: pid(init).
var builtinModes = map[string][]string{
	"pid":   {"curr_ns", "init"},
	"tid":   {"curr_ns", "init"},
	"nsecs": {"boot", "monotonic", "tai", "sw_tai"},
}

func (g *gen) intLeaf() string {
	for {
		switch g.r.IntN(14) {
		case 0, 1, 2, 3:
			return g.intLiteral()
		case 4, 5, 6:
			b := intBuiltins[g.r.IntN(len(intBuiltins))]
			if g.chance(0.1) {
				if modes := builtinModes[b]; modes != nil && g.chance(0.5) {
					return b + "(" + modes[g.r.IntN(len(modes))] + ")"
				}
				b += "()"
			}
			return b
		case 7, 8, 9:
			if v := g.varOf(intT); v != nil {
				return v.name
			}
		case 10, 11:
			if f := g.field(fInt); f != "" {
				return f
			}
		case 12:
			if f := g.field(fArray); f != "" {
				return fmt.Sprintf("%s[%d]", f, g.r.IntN(6))
			}
		case 13:
			return g.pick("$1", "$3", "$#")
		}
	}
}

// intLiteral is an integer constant in one of the literal syntaxes, small
// values and the edges of the 64-bit ranges most often.
func (g *gen) intLiteral() string {
	switch g.r.IntN(12) {
	case 0, 1, 2, 3:
		return fmt.Sprint(g.r.IntN(10))
	case 4, 5:
		return fmt.Sprint(g.r.IntN(100000))
	case 6:
		return "-" + fmt.Sprint(g.r.IntN(1000))
	case 7:
		return fmt.Sprintf("0x%x", g.r.Uint64()>>g.r.IntN(64))
	case 8:
		return fmt.Sprintf("0%o", g.r.IntN(4096))
	case 9:
		return fmt.Sprintf("0b%b", g.r.IntN(256))
	case 10:
		return g.pick("1_000_000", "1e3", "2e6", "1e0", "100ms", "5s", "1us", "2ns", "1m", "1h", "1d", "123UL", "42u", "7LL", "0x10ul")
	}
	return g.pick(fmt.Sprint(uint64(math.MaxUint64)), fmt.Sprint(math.MaxInt64), "0x80000000", "0xffffffff", "4294967296", "2147483647", "-2147483648")
}

// shiftAmount is a shift count: usually a small constant, sometimes one at
// or past the operand width, sometimes computed.
func (g *gen) shiftAmount() string {
	switch g.r.IntN(6) {
	case 0:
		return g.pick("63", "64", "65", "100", "32", "31")
	case 1:
		return g.intExpr(1)
	}
	return fmt.Sprint(g.r.IntN(16))
}

var arithOps = []string{"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"}
var cmpOps = []string{"<", "<=", ">", ">=", "==", "!="}

func (g *gen) intExpr(depth int) string {
	if depth <= 0 || g.chance(0.25) {
		return g.intLeaf()
	}
	d := depth - 1
	for {
		switch g.r.IntN(39) {
		case 0, 1, 2, 3, 4, 5:
			// Nothing generated may be thrown away: writing an
			// expression marks the maps it stores into (++ in it).
			op := arithOps[g.r.IntN(len(arithOps))]
			x := g.intExpr(d)
			if op == "<<" || op == ">>" {
				return "(" + x + " " + op + " " + g.shiftAmount() + ")"
			}
			y := g.intExpr(d)
			if (op == "/" || op == "%") && isZeroLiteral(y) {
				// A constant divided by a literal zero is an error, as
				// in bpftrace; a zero computed at run time gives 1.
				y = "1"
			}
			if (op == "/" || op == "%") && g.mentionsMacro(y) {
				// A macro may expand to 0 (O_RDONLY): never divide by it.
				y = "(" + y + " | 1)"
			}
			return "(" + x + " " + op + " " + y + ")"
		case 6, 7, 8:
			return "(" + g.intExpr(d) + " " + cmpOps[g.r.IntN(len(cmpOps))] + " " + g.intExpr(d) + ")"
		case 9:
			return "(" + g.strExpr(d) + " " + g.pick("==", "!=") + " " + g.strExpr(d) + ")"
		case 10, 11:
			return "(" + g.intExpr(d) + " " + g.pick("&&", "||") + " " + g.intExpr(d) + ")"
		case 12, 13:
			return g.pick("-", "~", "!") + g.parenIntExpr(d)
		case 14, 15:
			return "(" + g.cond(d) + " ? " + g.intExpr(d) + " : " + g.intExpr(d) + ")"
		case 16:
			return g.tupleElem(intT, d)
		case 17, 18, 19:
			if s := g.mapRead(intT, d); s != "" {
				return s
			}
		case 20:
			if m := g.pickMap((*mapDecl).countable); m != nil {
				m.used = true
				return "has_key(" + m.name + ", " + g.expr(m.key, d) + ")"
			}
		case 21:
			if m := g.pickMap((*mapDecl).countable); m != nil {
				m.used = true
				return "len(" + m.name + ")"
			}
		case 22:
			if x := g.incDecTarget(); x != "" {
				op := g.pick("++", "--")
				if g.chance(0.5) {
					return "(" + op + x + ")"
				}
				return "(" + x + op + ")"
			}
		case 23:
			if f := g.field(fStrPtr); f != "" {
				return "(" + f + " " + g.pick("!=", "==", ">") + " 0)"
			}
		case 24:
			if f := g.field(fArray); f != "" {
				return f + "[" + g.intExpr(0) + " & 3]"
			}
		case 25:
			return g.intLeaf()
		case 26, 27:
			// A conversion to a fixed-size integer, possibly through bool.
			through := ""
			if g.chance(0.2) {
				through = "(bool)"
			}
			return "(" + g.pick(intTypeNames...) + ")" + through + g.parenIntExpr(d)
		case 28:
			// Tuples and records compare element by element.
			if g.chance(0.5) {
				return "((" + g.intExpr(d) + ", " + g.strExpr(d) + ") " + g.pick("==", "!=") + " (" + g.intExpr(d) + ", " + g.strExpr(d) + "))"
			}
			return "((a = " + g.intExpr(d) + ", b = " + g.strExpr(d) + ") " + g.pick("==", "!=") + " (a = " + g.intExpr(d) + ", b = " + g.strExpr(d) + "))"
		case 29:
			// A field of a record literal, or bytes of an integer.
			if g.chance(0.5) {
				return "(x = " + g.intExpr(d) + ", y = " + g.strExpr(d) + ").x"
			}
			return "(uint64)(uint8[8])(int64)" + g.parenIntExpr(d)
		case 30:
			return g.stringFunc(d)
		case 31:
			return "bswap(" + g.intExpr(d) + ")"
		case 32:
			// A block expression, whose let is seen only inside it.
			v := g.newVarName()
			return "{ let " + v + " = " + g.intExpr(d) + "; " + v + " " + arithOps[g.r.IntN(4)] + " " + g.nonZero(g.intExpr(d)) + " }"
		case 33:
			return "pg_twice(" + g.intExpr(d) + ")"
		case 34:
			if v := g.varOf(intT); v != nil {
				return "pg_bump(" + v.name + ", " + fmt.Sprint(g.r.IntN(10)) + ")"
			}
		case 35, 36, 37, 38:
			if s := g.moreInt(d); s != "" {
				return s
			}
		}
	}
}

// nonZero is x, or 1 for a literal zero, which a division by it would
// make an error.
func (g *gen) nonZero(x string) string {
	if isZeroLiteral(x) {
		return "1"
	}
	return x
}

// intTypeNames are the integer types a cast or a typed declaration names.
var intTypeNames = []string{"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "uint16_t", "int32_t", "int64_t"}

// parenIntExpr is an integer expression that is safe to prefix with a
// unary operator.
func (g *gen) parenIntExpr(depth int) string {
	s := g.intExpr(depth)
	if strings.HasPrefix(s, "(") || isWord(s) {
		return s
	}
	return "(" + s + ")"
}

// isZeroLiteral reports whether s is an integer literal with the value 0,
// in any of the literal syntaxes.
func isZeroLiteral(s string) bool {
	v, err := strconv.ParseUint(s, 0, 64)
	return err == nil && v == 0
}

func isWord(s string) bool {
	for i, c := range s {
		if !(c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// ---- strings ----

var strWords = []string{"", "a", "hello", "bpfscript", "x y z", "comm", "a much longer string literal for padding", "tab\\there", "quote\\\"d", "nul\\0byte", "hex\\x41", "oct\\101"}

func (g *gen) strLiteral() string {
	return "\"" + strWords[g.r.IntN(len(strWords))] + "\""
}

func (g *gen) strLeaf() string {
	for {
		switch g.r.IntN(10) {
		case 0, 1, 2:
			return g.strLiteral()
		case 3, 4:
			return g.pick("comm", "comm", "comm()")
		case 5, 6, 7:
			if v := g.varOf(strT); v != nil {
				return v.name
			}
		case 8:
			if f := g.field(fStrPtr); f != "" {
				if g.chance(0.3) {
					return fmt.Sprintf("str(%s, %d)", f, 1+g.r.IntN(100))
				}
				return "str(" + f + ")"
			}
		case 9:
			return g.pick("$2", "str($2)", "str($1)")
		}
	}
}

func (g *gen) strExpr(depth int) string {
	if depth <= 0 || g.chance(0.35) {
		return g.strLeaf()
	}
	d := depth - 1
	for {
		switch g.r.IntN(10) {
		case 0, 1:
			return "(" + g.cond(d) + " ? " + g.strExpr(d) + " : " + g.strExpr(d) + ")"
		case 2:
			if g.chance(0.5) {
				return fmt.Sprintf("str(%s, %d)", g.strExpr(d), 1+g.r.IntN(40))
			}
			return "str(" + g.strExpr(d) + ")"
		case 3:
			return g.tupleElem(strT, d)
		case 4, 5:
			if s := g.mapRead(strT, d); s != "" {
				return s
			}
		case 6:
			return g.strLeaf()
		case 7:
			return "str_concat(" + g.strExpr(d) + ", " + g.strExpr(d) + ")"
		case 8, 9:
			if s := g.moreStr(d); s != "" {
				return s
			}
		}
	}
}

// ---- tuples ----

func (g *gen) tupleExpr(t *typ, depth int) string {
	if v := g.varOf(t); v != nil && g.chance(0.4) {
		return v.name
	}
	if depth > 0 && g.chance(0.3) {
		if s := g.mapRead(t, depth-1); s != "" {
			return s
		}
	}
	if depth > 0 && g.chance(0.15) {
		d := depth - 1
		return "(" + g.cond(d) + " ? " + g.tupleExpr(t, d) + " : " + g.tupleExpr(t, d) + ")"
	}
	parts := make([]string, len(t.elems))
	for i, e := range t.elems {
		parts[i] = g.expr(e, depth-1)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// tupleElem reads an element of type want out of some tuple: a variable,
// a map value or a tuple literal.
func (g *gen) tupleElem(want *typ, depth int) string {
	var cands []*typ
	for _, v := range g.vars(func(v *variable) bool { return v.t != nil && v.t.k == kTuple }) {
		cands = append(cands, v.t)
	}
	for _, m := range g.mapsWhere(func(m *mapDecl) bool { t, ok := m.readable(); return ok && t.k == kTuple }) {
		t, _ := m.readable()
		cands = append(cands, t)
	}
	var t *typ
	if len(cands) > 0 && g.chance(0.7) {
		t = cands[g.r.IntN(len(cands))]
	} else {
		t = tupleOf(g.valueType(1), g.valueType(1))
		t.elems[g.r.IntN(2)] = want
	}
	var idx []int
	for i, e := range t.elems {
		if same(e, want) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		switch want.k {
		case kInt:
			return g.intLeaf()
		case kBool:
			return g.boolLeaf()
		}
		return g.strLeaf()
	}
	return g.tupleExpr(t, depth) + "." + fmt.Sprint(idx[g.r.IntN(len(idx))])
}

// mapRead reads a map whose value has type want, or returns "" when no map
// does. Aggregations that read as integers count as integer maps.
func (g *gen) mapRead(want *typ, depth int) string {
	m := g.pickMap(func(m *mapDecl) bool {
		t, ok := m.readable()
		return ok && same(t, want)
	})
	if m == nil {
		return ""
	}
	return g.mapRef(m, depth)
}

// ---- tracepoint fields ----

// field returns a reference to a random args field of kind k in the
// current probe, or "" when it has none.
func (g *gen) field(k fieldKind) string {
	var names []string
	for name, fk := range g.fields {
		if fk == k {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names) // map order is random; the program must not be
	return g.pick("args.", "args->") + names[g.r.IntN(len(names))]
}

// stringFunc is an integer computed from strings: strlen, strcap,
// strstr, strcontains or strncmp.
func (g *gen) stringFunc(depth int) string {
	switch g.r.IntN(5) {
	case 0:
		return "strlen(" + g.strExpr(depth) + ")"
	case 1:
		return "strcap(" + g.strExpr(depth) + ")"
	case 2:
		return "strstr(" + g.strExpr(depth) + ", " + g.strExpr(depth) + ")"
	case 3:
		return "strcontains(" + g.strExpr(depth) + ", " + g.strExpr(depth) + ")"
	}
	return fmt.Sprintf("strncmp(%s, %s, %d)", g.strExpr(depth), g.strExpr(depth), g.r.IntN(70))
}
