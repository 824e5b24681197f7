package progen

// Bools and the newer expression forms: true/false, (bool) casts, the
// compile-time type predicates, a ?: b, and conditions that are either
// integers or bools.

// cond is a condition: an integer or, less often, a bool. Both are
// accepted by if, while, ?: and predicates.
func (g *gen) cond(depth int) string {
	if g.chance(0.2) {
		return g.boolExpr(depth)
	}
	return g.intExpr(depth)
}

// boolExpr writes an expression of type bool. Comparisons and ! give
// integers, so the only ways to a bool are its literals, casts, bool
// variables, maps and parameters, the predicates and choices between
// bools.
func (g *gen) boolExpr(depth int) string {
	if depth <= 0 || g.chance(0.4) {
		return g.boolLeaf()
	}
	d := depth - 1
	for {
		switch g.r.IntN(5) {
		case 0:
			return "(" + g.cond(d) + " ? " + g.boolExpr(d) + " : " + g.boolExpr(d) + ")"
		case 1:
			return "(" + g.boolExpr(d) + " ?: " + g.boolExpr(d) + ")"
		case 2:
			return g.tupleElem(boolT, d)
		case 3:
			if s := g.mapRead(boolT, d); s != "" {
				return s
			}
		case 4:
			return g.boolLeaf()
		}
	}
}

// predicates are the compile-time type predicates: their argument is
// typed, never evaluated.
var predicates = []string{"is_str", "is_ptr", "is_integer", "is_unsigned_integer", "is_array", "is_literal"}

func (g *gen) boolLeaf() string {
	for {
		switch g.r.IntN(10) {
		case 0, 1:
			return g.pick("true", "false")
		case 2, 3:
			if v := g.varOf(boolT); v != nil {
				return v.name
			}
		case 4:
			return "(bool)" + g.parenIntExpr(1)
		case 5:
			p := predicates[g.r.IntN(len(predicates))]
			if g.chance(0.3) {
				return p + "(" + g.pick("1", `"x"`, "comm", "pid", "(1, 2)") + ")"
			}
			return p + "(" + g.expr(g.valueType(1), 0) + ")"
		case 6:
			return g.pick("has_cpid", "has_cpid()")
		case 7:
			if s := g.paramUse(boolT); s != "" {
				return s
			}
		case 8:
			return "is_err(" + g.intExpr(1) + ")"
		case 9:
			// A bool from an integer comparison, through a cast.
			return "(bool)(" + g.intExpr(0) + " " + cmpOps[g.r.IntN(len(cmpOps))] + " " + g.intExpr(0) + ")"
		}
	}
}
