package types

import (
	"math"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// BoolT is the type of true, false, (bool)x and typed bool declarations:
// one byte, 0 or 1.
var BoolT = &Type{Kind: Bool, Size: 1}

// scalarTypeNamed returns the integer or bool type a base name denotes:
// bool, int8 .. uint64, or an integer in C's spelling (uint32_t).
func scalarTypeNamed(name string) (*Type, bool) {
	if name == "bool" {
		return BoolT, true
	}
	base := strings.TrimSuffix(name, "_t")
	signed := !strings.HasPrefix(base, "u")
	switch strings.TrimPrefix(base, "u") {
	case "int8":
		return NewInt(1, signed), true
	case "int16":
		return NewInt(2, signed), true
	case "int32":
		return NewInt(4, signed), true
	case "int64":
		return NewInt(8, signed), true
	}
	return nil, false
}

// suggestTypeName proposes the type name nearest to an unknown one.
func suggestTypeName(name string) string {
	base := strings.TrimSuffix(name, "_t")
	best, bestDist := "", 3
	for _, known := range []string{"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"} {
		// Close enough to be a typo: at most two edits, and fewer than
		// half the name's letters (foo is not a misspelt bool).
		if d := editDistance(base, known); d < bestDist && 2*d < len(base) {
			best, bestDist = known, d
		}
	}
	if best == "" {
		return ""
	}
	return ": did you mean '" + best + "'?"
}

// editDistance is the optimal string alignment distance between two short
// names: insertions, deletions, substitutions and swaps of neighbours
// (unit32 is one swap from uint32) cost one each.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// cast types `(T)x`, by the reference's rules: integers convert to any
// integer size and sign (truncating or extending), integers and bools and
// pointers and strings convert to bool (true when non-zero or non-empty),
// and an integer converts to an array of integers of the same size and
// back. `T[]` takes its length from the value's size.
func (c *checker) cast(e *ast.CastExpr) *Type {
	if d, ok := e.X.(*ast.UnaryExpr); ok && d.Op == "*" && e.Type != nil && unknownTypeName(e.Type) {
		// (name)*x parsed as a cast of *x, as in bpftrace; a name that
		// is no type more likely meant a product: say so, once.
		c.expr(d.X)
		c.record(d, InvalidT)
		c.errorf(e.Type, "unknown type '%s': (%s)*x casts the dereference *x to a type; to multiply, write %s * x", e.Type.Name, e.Type.Name, e.Type.Name)
		return c.record(e, InvalidT)
	}
	x := c.expr(e.X)
	if e.Type == nil {
		return c.record(e, InvalidT)
	}
	to := c.resolveType(e.Type, true)
	if isInvalid(x, to) {
		return c.record(e, InvalidT)
	}
	if a := AggregationOf(x.Kind); a != nil && a.Readable {
		x = Int64
	}
	if _, isVar := unparen(e.X).(*ast.Var); isVar && to.Kind == Array {
		// A variable's bytes are those of the type it was given:
		// $x = (uint32)1; (uint8[4])$x.
		x = c.staticType(e.X, x)
	}
	switch {
	case Identical(x, to) && to.Kind != Array && to.Kind != String && to.Kind != Int && to.Kind != Bool && to.Kind != Pointer:
		// A cast to the value's own type, as (typeof($t))$t of a
		// tuple: nothing to convert.
		return c.record(e, to)
	case to.Kind == Pointer:
		switch x.Kind {
		case Int:
			// The address is the integer zero-extended from its
			// size, as LLVM's inttoptr (bpftrace) makes it. A
			// literal has bpftrace's literal type, the smallest
			// signed integer that holds it: (uint8*)-1 is 0xff.
			c.literalAsPointer(e.X)
			return c.record(e, to)
		case Pointer:
			p := *to
			p.Space = x.Space
			return c.record(e, &p)
		}
	case to.Kind == String && x.Kind == String:
		// A string resized: truncated or padded with NULs.
		return c.record(e, to)
	case to.Kind == String && (x.Kind == Int || x.Kind == Pointer):
		c.errorf(e, "cannot cast %s to %s: str() reads a string from an address", x, to)
		return c.record(e, InvalidT)
	case to.Kind == Buffer && (x.Kind == Int || x.Kind == Pointer):
		c.errorf(e, "cannot cast %s to %s: buf() reads a buffer from an address", x, to)
		return c.record(e, InvalidT)
	case to.Kind == Bool:
		switch x.Kind {
		case Int, Bool, Pointer, String:
			return c.record(e, to)
		}
	case to.Kind == Int:
		switch {
		case x.Kind == Int || x.Kind == Bool || x.Kind == Pointer:
			return c.record(e, to)
		case x.Kind == Array && isIntElem(x.Elem):
			if x.Size != to.Size {
				c.errorf(e, "cannot cast %s to %s: the sizes differ (%d and %d bytes)", x, to, x.Size, to.Size)
				return c.record(e, InvalidT)
			}
			return c.record(e, to)
		}
	case to.Kind == Array && x.Kind == String && to.Elem.Kind == Int && to.Elem.Size == 1:
		// A string's bytes, NUL padding included: (int8[])"abc".
		if to.Len == 0 {
			to = &Type{Kind: Array, Elem: to.Elem, Len: x.Size, Size: x.Size}
		}
		if to.Size != x.Size {
			c.errorf(e, "cannot cast %s to %s: the sizes differ (%d and %d bytes)", x, to, x.Size, to.Size)
			return c.record(e, InvalidT)
		}
		return c.record(e, to)
	case to.Kind == Array:
		if x.Kind != Int {
			break
		}
		if to.Len == 0 {
			if x.Size%to.Elem.Size != 0 {
				break
			}
			to = &Type{Kind: Array, Elem: to.Elem, Len: x.Size / to.Elem.Size, Size: x.Size}
		}
		if to.Size != x.Size {
			c.errorf(e, "cannot cast %s to %s: the sizes differ (%d and %d bytes)", x, to, x.Size, to.Size)
			return c.record(e, InvalidT)
		}
		return c.record(e, to)
	}
	// The type as written, unless typeof wrote it: (uint8[])$s.
	shown := e.Type.String()
	if e.Type.Of != nil {
		shown = to.String()
	}
	c.errorf(e, "cannot cast %s to %s", x, shown)
	return c.record(e, InvalidT)
}

// isIntElem reports whether an array of t converts to and from integers.
func isIntElem(t *Type) bool { return t.Kind == Int || t.Kind == Bool }

// literalFits reports whether the integer literal e (possibly negated or
// parenthesised) fits in the integer type t. A value that is not a
// literal fits anything: only literals are checked, as in bpftrace.
func (c *checker) literalFits(e ast.Expr, t *Type) (string, bool) {
	if t.Kind != Int {
		return "", true
	}
	neg := false
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.UnaryExpr:
			if x.Op == "-" {
				neg = !neg
				e = x.X
				continue
			}
			return "", true
		case *ast.IntLit:
			return fitsInt(x.Raw, x.Value, neg, t)
		}
		return "", true
	}
}

// fitsInt checks a literal's value, negated when neg, against t's range.
func fitsInt(raw string, v uint64, neg bool, t *Type) (string, bool) {
	bits := uint(t.Size * 8)
	text := raw
	if neg {
		text = "-" + raw
	}
	switch {
	case neg && v == 0:
		return "", true
	case neg && !t.Signed:
		return text, false
	case neg:
		return text, v <= 1<<(bits-1)
	case t.Signed:
		return text, v <= 1<<(bits-1)-1
	case bits == 64:
		return text, v <= math.MaxUint64
	}
	return text, v <= 1<<bits-1
}

// literalAsPointer gives the integer literal e (possibly negated or
// parenthesised), and each node on the way to it, its bpftrace type
// (literalType). Anything else keeps its type.
func (c *checker) literalAsPointer(e ast.Expr) {
	t, path := c.literalType(e)
	for _, x := range path {
		c.record(x, t)
	}
}

// literalType is the type bpftrace gives the integer literal e, possibly
// negated or parenthesised: the smallest signed integer that holds it,
// uint64 past int64. It returns the nodes from e down to the literal, or
// nil when e is no literal.
func (c *checker) literalType(e ast.Expr) (*Type, []ast.Expr) {
	var path []ast.Expr
	for x := e; ; {
		path = append(path, x)
		switch y := x.(type) {
		case *ast.ParenExpr:
			x = y.X
			continue
		case *ast.UnaryExpr:
			if y.Op == "-" {
				x = y.X
				continue
			}
			return nil, nil
		case *ast.IntLit:
		default:
			return nil, nil
		}
		break
	}
	for _, size := range []int{1, 2, 4, 8} {
		if _, ok := c.literalFits(e, NewInt(size, true)); ok {
			return NewInt(size, true), path
		}
	}
	return Uint64, path
}
