package ast

import (
	"fmt"
	"strings"
)

// TypeName is a type as written in a cast or a typed declaration: a base
// name such as uint32, int8_t or bool, then an optional array suffix
// `[N]` (`[]` when the cast leaves the length to the value's size).
type TypeName struct {
	Span
	Name  string // the base name as written: "uint32", "uint32_t", "bool"
	Array bool   // a [N] or [] suffix follows
	Len   int    // N; 0 for `[]`
}

// String renders the type as written, normalised: uint8[8], bool.
func (t *TypeName) String() string {
	if !t.Array {
		return t.Name
	}
	if t.Len == 0 {
		return t.Name + "[]"
	}
	return fmt.Sprintf("%s[%d]", t.Name, t.Len)
}

// CastExpr is `(Type)X`: an integer conversion, an integer to or from an
// integer array, or a conversion to bool.
type CastExpr struct {
	Span
	Type *TypeName
	X    Expr
}

// BoolLit is `true` or `false`.
type BoolLit struct {
	Span
	Value bool
}

// RecordExpr is a record literal `(a = 1, b = "x")`: named fields in
// source order. Field access is a FieldExpr with the field's name.
type RecordExpr struct {
	Span
	Fields []*RecordField
}

// RecordField is one `name = value` of a record literal.
type RecordField struct {
	Span
	Name  string
	Value Expr
}

// FieldNames lists the record's field names in source order.
func (r *RecordExpr) FieldNames() string {
	names := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		names[i] = f.Name
	}
	return strings.Join(names, ",")
}

func (*CastExpr) exprNode()   {}
func (*BoolLit) exprNode()    {}
func (*RecordExpr) exprNode() {}
