package progen

import "fmt"

// Type expressions: sizeof of types (with pointer and array suffixes) and
// of expressions, which are checked and never run; casts to typeof of a
// variable or a type; pointer casts of integers, pointer arithmetic and
// dereferences, which read any address safely (a failed read gives 0);
// the addresses of variables, read back (*&$x).

// typeExprInt is an integer built from type expressions.
func (g *gen) typeExprInt(d int) string {
	switch g.r.IntN(6) {
	case 0:
		return "sizeof(" + g.typeName() + ")"
	case 1:
		if g.chance(0.5) {
			return "sizeof(" + g.intExpr(d) + ")"
		}
		return "sizeof(" + g.strExpr(d) + ")"
	case 2:
		if v := g.varOf(intT); v != nil {
			if d%2 == 1 {
				// The variable's address, read back in a cast: drawing
				// nothing more keeps the programs of other seeds as they
				// were.
				return "((typeof(" + v.name + "))*&" + v.name + " + " + g.parenIntExpr(d) + ")"
			}
			return "(typeof(" + v.name + "))" + g.parenIntExpr(d)
		}
		return "(typeof(" + g.pick(intTypeNames...) + "))" + g.parenIntExpr(d)
	case 3:
		// Pointer arithmetic counts elements of the pointed-to type.
		return fmt.Sprintf("(uint64)((%s*)%s %s %d)", g.pick(intTypeNames...), g.parenIntExpr(d), g.pick("+", "-"), g.r.IntN(4))
	case 4:
		// In parentheses: a predicate's '/' before a '*' would open a
		// comment.
		return "(*(" + g.pick(intTypeNames...) + "*)" + g.parenIntExpr(d) + ")"
	}
	return "(uint64)(typeof(" + g.pick(intTypeNames...) + "*))" + g.parenIntExpr(d)
}

// typeName is a type as written, with up to two pointer or array
// suffixes: uint16*[3], string[8], bool.
func (g *gen) typeName() string {
	t := g.pick(append([]string{"bool", "string[8]"}, intTypeNames...)...)
	for range g.r.IntN(3) {
		if g.chance(0.5) {
			t += "*"
		} else {
			t += fmt.Sprintf("[%d]", 1+g.r.IntN(4))
		}
	}
	return t
}
