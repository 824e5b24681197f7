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

// typeNamed resolves a type as written. An array without a length gets
// length 0, which the cast fills in from the value's size. It reports an
// unknown name at the type.
func (c *checker) typeNamed(tn *ast.TypeName) *Type {
	elem, ok := scalarTypeNamed(tn.Name)
	if !ok {
		c.errorf(tn, "unknown type '%s'%s", tn.Name, suggestTypeName(tn.Name))
		return InvalidT
	}
	if !tn.Array {
		return elem
	}
	return &Type{Kind: Array, Elem: elem, Len: tn.Len, Size: tn.Len * elem.Size}
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
	x := c.expr(e.X)
	if e.Type == nil {
		return c.record(e, InvalidT)
	}
	to := c.typeNamed(e.Type)
	if isInvalid(x, to) {
		return c.record(e, InvalidT)
	}
	if a := AggregationOf(x.Kind); a != nil && a.Readable {
		x = Int64
	}
	switch {
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
	c.errorf(e, "cannot cast %s to %s", x, e.Type)
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
