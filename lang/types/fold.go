package types

import (
	"math"
	"math/big"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Folding works out integer expressions made of constants at compile time,
// where the language needs a constant: unroll's count, static_assert's
// condition, the parameters of hist, lhist and tseries, a constant if's
// condition, str()'s length and the rest of constInt's callers. It follows
// the integer rules the checker types expressions by (intsem.go), so that
// a folded value is the one the program would compute at run time:
//
//   - an operation is signed unless both operands are unsigned, and
//     subtraction and negation are always signed;
//   - + - * and negation must give a value that the result's type holds:
//     overflow is an error, as in bpftrace's literal folding, rather than
//     a silent wrap;
//   - / and % truncate toward zero; by a zero divisor they are an error;
//   - shifts take counts from 0 to 63; >> is arithmetic on signed values;
//   - comparisons and ! && || give 0 or 1;
//   - c ? a : b folds to the branch a constant c picks.
//
// The leaves are integer and bool literals, positional parameters, and the
// builtins and config fields the checker settled (Info.Consts), as
// default_str_length, is_str(x) or config.max_strlen.

// constant is a folded integer: its 64 bits and whether its type is
// signed.
type constant struct {
	bits   uint64
	signed bool
}

// exact is k's mathematical value.
func (k constant) exact() *big.Int {
	if k.signed {
		return big.NewInt(int64(k.bits))
	}
	return new(big.Int).SetUint64(k.bits)
}

// int64 returns k as an int64, if it is one.
func (k constant) int64() (int64, bool) {
	if k.signed || k.bits <= math.MaxInt64 {
		return int64(k.bits), true
	}
	return 0, false
}

// fromExact makes a constant of the given signedness from an exact value,
// reporting false when the type cannot hold it.
func fromExact(v *big.Int, signed bool) (constant, bool) {
	if signed {
		if !v.IsInt64() {
			return constant{}, false
		}
		return constant{bits: uint64(v.Int64()), signed: true}, true
	}
	if !v.IsUint64() {
		return constant{}, false
	}
	return constant{bits: v.Uint64()}, true
}

// folded is the outcome of folding an expression: a constant (ok), or the
// node that keeps it from being one (blame), with err set when that node
// is an operation that cannot be folded (overflow, division by zero)
// rather than a value only known at run time.
type folded struct {
	k     constant
	ok    bool
	blame ast.Node
	err   *diag.Error
}

func notConst(n ast.Node) folded { return folded{blame: n} }

func foldErr(n ast.Node, format string, args ...any) folded {
	return folded{blame: n, err: diag.Errorf(n, format, args...)}
}

func b2c(b bool) folded { return folded{k: constant{bits: uint64(b2i(b))}, ok: true} }

// fold evaluates e if it is an integer constant expression. e must have
// been checked: the types the checker recorded give the operations'
// signedness.
func (c *checker) fold(e ast.Expr) folded {
	switch e := e.(type) {
	case *ast.IntLit:
		if e == nil {
			return notConst(e)
		}
		signed := e.Value <= math.MaxInt64
		if t := c.info.Types[e]; t != nil && t.Kind == Int {
			signed = t.Signed // a literal next to an unsigned operand is unsigned
		}
		return folded{k: constant{bits: e.Value, signed: signed}, ok: true}
	case *ast.BoolLit:
		if e == nil {
			return notConst(e)
		}
		return b2c(e.Value)
	case *ast.ParenExpr:
		if e == nil {
			return notConst(e)
		}
		return c.fold(e.X)
	case *ast.PosParam:
		if e == nil {
			return notConst(e)
		}
		if v, ok := c.constParam(e); ok {
			return folded{k: constant{bits: uint64(v), signed: true}, ok: true}
		}
		return notConst(e)
	case *ast.UnaryExpr:
		if e == nil {
			return notConst(e)
		}
		return c.foldUnary(e)
	case *ast.BinaryExpr:
		if e == nil {
			return notConst(e)
		}
		return c.foldBinary(e)
	case *ast.TernaryExpr:
		if e == nil {
			return notConst(e)
		}
		return c.foldTernary(e)
	case *ast.FieldExpr, *ast.Ident, *ast.CallExpr:
		return c.foldSettled(e)
	}
	return notConst(e)
}

// foldSettled folds the builtins and config fields whose values the
// checker settled. cpid without -c is in Consts too, as 0, but reading it
// warns at run time, so it is no constant.
func (c *checker) foldSettled(e ast.Expr) folded {
	v, ok := c.info.Consts[e]
	if !ok || c.info.Types[e] == nil || c.info.Types[e].Kind != Int && c.info.Types[e].Kind != Bool {
		return notConst(e)
	}
	var name string
	switch e := e.(type) {
	case *ast.Ident:
		name = e.Name
	case *ast.CallExpr:
		name = e.Name
	}
	if b, isBuiltin := LookupBuiltin(name); isBuiltin && b.ID == BuiltinCPID {
		return notConst(e)
	}
	return folded{k: constant{bits: v, signed: c.info.Types[e].Signed}, ok: true}
}

func (c *checker) foldUnary(e *ast.UnaryExpr) folded {
	x := c.fold(e.X)
	if !x.ok {
		return x
	}
	switch e.Op {
	case "-":
		k, ok := fromExact(new(big.Int).Neg(x.k.exact()), true)
		if !ok {
			return foldErr(e, "overflow in a constant expression: -%s does not fit int64", x.k.exact())
		}
		return folded{k: k, ok: true}
	case "~":
		return folded{k: constant{bits: ^x.k.bits, signed: x.k.signed}, ok: true}
	case "!":
		return b2c(x.k.bits == 0)
	}
	return notConst(e)
}

func (c *checker) foldTernary(e *ast.TernaryExpr) folded {
	cond := c.fold(e.Cond)
	if !cond.ok {
		return cond
	}
	branch := e.Else
	switch {
	case cond.k.bits != 0 && e.Then == nil:
		branch = e.Cond // the elvis operator's value is its condition's
	case cond.k.bits != 0:
		branch = e.Then
	}
	v := c.fold(branch)
	if v.ok {
		if t := c.info.Types[e]; t != nil && t.Kind == Int {
			v.k.signed = t.Signed
		}
	}
	return v
}

func (c *checker) foldBinary(e *ast.BinaryExpr) folded {
	x := c.fold(e.X)
	if !x.ok {
		return x
	}
	y := c.fold(e.Y)
	if !y.ok {
		return y
	}
	signed := x.k.signed || y.k.signed
	switch e.Op {
	case "&&":
		return b2c(x.k.bits != 0 && y.k.bits != 0)
	case "||":
		return b2c(x.k.bits != 0 || y.k.bits != 0)
	case "==":
		return b2c(x.k.bits == y.k.bits)
	case "!=":
		return b2c(x.k.bits != y.k.bits)
	case "<", "<=", ">", ">=":
		return b2c(compareConst(e.Op, x.k, y.k, signed))
	}
	if t := c.info.Types[e]; t != nil && t.Kind == Int {
		signed = t.Signed // subtraction is signed whatever its operands
	}
	switch e.Op {
	case "+", "-", "*":
		v := new(big.Int)
		switch e.Op {
		case "+":
			v.Add(x.k.exact(), y.k.exact())
		case "-":
			v.Sub(x.k.exact(), y.k.exact())
		case "*":
			v.Mul(x.k.exact(), y.k.exact())
		}
		k, ok := fromExact(v, signed)
		if !ok {
			return foldErr(e, "overflow in a constant expression: %s %s %s is %s, which does not fit %s",
				x.k.exact(), e.Op, y.k.exact(), v, intName(signed))
		}
		return folded{k: k, ok: true}
	case "/", "%":
		if y.k.bits == 0 {
			return foldErr(e, "division by zero in a constant expression")
		}
		v := new(big.Int)
		if e.Op == "/" {
			v.Quo(x.k.exact(), y.k.exact())
		} else {
			v.Rem(x.k.exact(), y.k.exact())
		}
		k, ok := fromExact(v, signed)
		if !ok {
			return foldErr(e, "overflow in a constant expression: %s %s %s does not fit %s", x.k.exact(), e.Op, y.k.exact(), intName(signed))
		}
		return folded{k: k, ok: true}
	case "&":
		return folded{k: constant{bits: x.k.bits & y.k.bits, signed: signed}, ok: true}
	case "|":
		return folded{k: constant{bits: x.k.bits | y.k.bits, signed: signed}, ok: true}
	case "^":
		return folded{k: constant{bits: x.k.bits ^ y.k.bits, signed: signed}, ok: true}
	case "<<", ">>":
		n := y.k.exact()
		if n.Sign() < 0 || n.Cmp(big.NewInt(63)) > 0 {
			return foldErr(e.Y, "shift count %s is out of range: it must be from 0 to 63", n)
		}
		s := uint(n.Uint64())
		switch {
		case e.Op == "<<":
			return folded{k: constant{bits: x.k.bits << s, signed: signed}, ok: true}
		case signed:
			return folded{k: constant{bits: uint64(int64(x.k.bits) >> s), signed: true}, ok: true}
		}
		return folded{k: constant{bits: x.k.bits >> s}, ok: true}
	}
	return notConst(e)
}

// compareConst compares as the program does: signed unless both operands
// are unsigned.
func compareConst(op string, x, y constant, signed bool) bool {
	var cmp int
	switch {
	case signed && int64(x.bits) < int64(y.bits), !signed && x.bits < y.bits:
		cmp = -1
	case x.bits != y.bits:
		cmp = 1
	}
	switch op {
	case "<":
		return cmp < 0
	case "<=":
		return cmp <= 0
	case ">":
		return cmp > 0
	}
	return cmp >= 0
}

func intName(signed bool) string {
	if signed {
		return "int64"
	}
	return "uint64"
}

// constInt evaluates e as an integer constant that fits int64, if it is
// one. A bool is not an integer here, though it folds as 0 or 1: getopt()
// tells its defaults apart by that.
func (c *checker) constInt(e ast.Expr) (int64, bool) {
	if _, isBool := unparen(e).(*ast.BoolLit); isBool {
		return 0, false
	}
	if t := c.info.Types[e]; t != nil && t.Kind == Bool {
		return 0, false
	}
	f := c.fold(e)
	if !f.ok {
		return 0, false
	}
	return f.k.int64()
}

// requireConst evaluates e, which the language needs as an integer
// constant (what says where: "unroll's count"). When it is not one, it
// reports why at the place that keeps it from being one: an operation
// that overflows or divides by zero, or a value only known at run time.
func (c *checker) requireConst(e ast.Expr, what string) (int64, bool) {
	if t := c.info.Types[e]; t != nil && t.Kind == Invalid {
		return 0, false // already reported
	}
	f := c.fold(e)
	if f.err != nil {
		c.errs.Add(f.err)
		return 0, false
	}
	if !f.ok {
		c.errorf(f.blame, "%s must be an integer constant%s", what, runTimePart(f, e))
		return 0, false
	}
	v, ok := f.k.int64()
	if !ok {
		c.errorf(e, "%s must be an integer constant that fits int64, not %d", what, f.k.bits)
	}
	return v, ok
}

// runTimePart explains an error placed at the part of e that is not a
// constant, when that is not all of e.
func runTimePart(f folded, e ast.Expr) string {
	if f.blame == ast.Node(e) || f.blame == ast.Node(unparen(e)) {
		return ""
	}
	return ": this part is only known at run time"
}
