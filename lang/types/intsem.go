package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// bpftrace's integer rules for binary operators, beyond "signed unless both
// operands are unsigned" (arith):
//
//   - A non-negative integer literal is flexible: next to an unsigned
//     operand it is unsigned too, so `0xffffffffffffffff > 1` compares
//     unsigned and `0x8000000000000000 / 2` divides unsigned.
//   - Subtraction always yields a signed integer, as adding a negative
//     number would.
//   - Dividing a constant by a constant zero is an error; other divisions
//     by zero give 1 at run time (the compiler's business).

// flexLiterals retypes a literal operand of e as uint64 when the other
// operand is an unsigned integer, and returns the operands' types.
func (c *checker) flexLiterals(e *ast.BinaryExpr, x, y *Type) (*Type, *Type) {
	if x.Kind != Int || y.Kind != Int || x.Signed == y.Signed {
		return x, y
	}
	if !x.Signed && isLiteral(e.Y) {
		c.retypeLiteral(e.Y)
		return x, Uint64
	}
	if !y.Signed && isLiteral(e.X) {
		c.retypeLiteral(e.X)
		return Uint64, y
	}
	return x, y
}

// isLiteral reports whether e is an integer literal, in parentheses or
// not. A negated literal is a unary expression, so it never is one.
func isLiteral(e ast.Expr) bool {
	_, ok := unparen(e).(*ast.IntLit)
	return ok
}

// retypeLiteral gives a literal and its parentheses the type uint64.
func (c *checker) retypeLiteral(e ast.Expr) {
	c.recordParens(e, Uint64)
	c.record(unparen(e), Uint64)
}

// integerResult is the type of x op y on integers.
func integerResult(op string, x, y *Type) *Type {
	if op == "-" {
		return Int64
	}
	return arith(x, y)
}

// constantDivision reports a division or modulo of a constant by a
// constant zero, which bpftrace refuses to fold.
func (c *checker) constantDivision(e *ast.BinaryExpr) bool {
	if e.Op != "/" && e.Op != "%" {
		return false
	}
	d, ok := c.constInt(e.Y)
	if !ok || d != 0 || !isLiteral(e.Y) {
		return false
	}
	if _, ok := c.constInt(e.X); !ok {
		return false
	}
	c.errorf(e, "division by zero in a constant expression")
	return true
}
