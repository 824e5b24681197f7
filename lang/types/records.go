package types

import (
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// Record literals `(a = 1, b = "x")` have an anonymous Record type: Name
// is empty and the fields are laid out in source order with natural
// alignment, as a tuple's elements are. Two record types are the same
// when they have the same field names with the same types in the same
// order.

// NewRecord lays out named fields like NewTuple lays out elements.
func NewRecord(names []string, elems []*Type) *Type {
	t := NewTuple(elems)
	t.Kind = Record
	for i := range t.Fields {
		t.Fields[i].Name = names[i]
	}
	return t
}

// isRecordLiteral reports whether t is the type of a record literal
// rather than a C struct.
func isRecordLiteral(t *Type) bool { return t.Kind == Record && t.Name == "" }

// recordString renders an anonymous record type: (a=int64,b=string[2]).
func recordString(t *Type) string {
	parts := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		parts[i] = f.Name + "=" + f.Type.String()
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// recordLit types a record literal; its fields are stored values, as a
// tuple's elements are.
func (c *checker) recordLit(e *ast.RecordExpr) *Type {
	names := make([]string, 0, len(e.Fields))
	elems := make([]*Type, 0, len(e.Fields))
	bad := false
	for _, f := range e.Fields {
		t := c.expr(f.Value)
		if t.Kind == Invalid {
			bad = true
			continue
		}
		names = append(names, f.Name)
		elems = append(elems, storageType(t))
	}
	if bad {
		return c.record(e, InvalidT)
	}
	return c.record(e, NewRecord(names, elems))
}

// sameRecordFields reports whether two anonymous records have the same
// field names in the same order.
func sameRecordFields(a, b *Type) bool {
	if len(a.Fields) != len(b.Fields) {
		return false
	}
	for i := range a.Fields {
		if a.Fields[i].Name != b.Fields[i].Name {
			return false
		}
	}
	return true
}

// comparable reports whether == and != apply to a and b: numbers with
// numbers, strings with strings, bools with bools, and tuples or records
// whose elements compare pairwise (records by the same field names).
func comparable(a, b *Type) bool {
	switch {
	case isScalar(a) && isScalar(b):
		return true
	case a.Kind != b.Kind:
		return false
	case a.Kind == String:
		return true
	case a.Kind == Array:
		return a.Len == b.Len && isIntElem(a.Elem) && Identical(a.Elem, b.Elem)
	case a.Kind == Tuple || isRecordLiteral(a) && isRecordLiteral(b):
		if a.Kind == Record {
			var ok bool
			if b, ok = inOrderOf(a, b); !ok {
				return false
			}
		}
		if len(a.Fields) != len(b.Fields) {
			return false
		}
		for i := range a.Fields {
			if !comparable(a.Fields[i].Type, b.Fields[i].Type) {
				return false
			}
		}
		return true
	}
	return false
}

// isDecimal reports whether s is a tuple element's name: decimal digits.
func isDecimal(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// incomparable explains why two tuples or records do not compare, or
// returns "" when nothing more than their types needs saying.
func incomparable(a, b *Type) string {
	kind := func(t *Type) string {
		switch {
		case t.Kind == Tuple:
			return "a tuple"
		case isRecordLiteral(t):
			return "a record"
		}
		return ""
	}
	ka, kb := kind(a), kind(b)
	switch {
	case ka == "" || kb == "":
		return ""
	case ka != kb:
		return "cannot compare " + ka + " with " + kb
	case len(a.Fields) != len(b.Fields):
		return "they have different numbers of elements"
	case a.Kind == Record:
		if _, ok := inOrderOf(a, b); !ok {
			return "the records have different fields"
		}
	}
	return "their elements do not compare"
}

// inOrderOf returns the anonymous record t with its fields in the order of
// the anonymous record like, when both have the same field names in any
// order: `(a = 1, b = 2)` and `(b = 3, a = 4)` are the same record type,
// as in bpftrace. The field types are t's, with offsets that no longer
// describe t's layout: the result is for comparing types only.
func inOrderOf(like, t *Type) (*Type, bool) {
	if !isRecordLiteral(like) || !isRecordLiteral(t) || len(like.Fields) != len(t.Fields) {
		return nil, false
	}
	if sameRecordFields(like, t) {
		return t, true
	}
	out := &Type{Kind: Record, Size: t.Size, Fields: make([]Field, len(like.Fields))}
	for i, lf := range like.Fields {
		f, ok := t.Field(lf.Name)
		if !ok {
			return nil, false
		}
		out.Fields[i] = f
	}
	return out, true
}
