package ast

import (
	"fmt"
	"strings"
)

// TypeName is a type as written in a cast, a typed declaration or a type
// context builtin (sizeof, typeof): a base, then postfix modifiers read
// left to right, as in bpftrace: `int32*[4]` is an array of four pointers
// to int32, `int32[4]*` a pointer to an array of four int32. The base is a
// name (uint32, int8_t, bool, string, buffer) or `typeof(...)`. For string
// and buffer a first `[N]` is the type's size, not an array; the checker
// knows that.
type TypeName struct {
	Span
	Name string    // the base name as written: "uint32", "uint32_t", "bool"; "" for typeof
	Of   Expr      // typeof's operand when the base is typeof(...): a *TypeExpr or an expression
	Mods []TypeMod // the `*` and `[N]` suffixes, left to right
}

// TypeMod is one postfix modifier of a type: `*`, `[N]`, or `[]` (Len 0,
// an array whose length a cast takes from the value's size).
type TypeMod struct {
	Pointer bool
	Len     int
}

// String renders the type as written, normalised: uint8[8], int32*[4],
// bool. typeof of a type shows the type, typeof(int8*); typeof of an
// expression shows as typeof(...), which the format package and the
// dumper spell out.
func (t *TypeName) String() string {
	var b strings.Builder
	switch of := t.Of.(type) {
	case nil:
		b.WriteString(t.Name)
	case *TypeExpr:
		b.WriteString("typeof(" + of.Type.String() + ")")
	default:
		b.WriteString("typeof(...)")
	}
	b.WriteString(t.ModString())
	return b.String()
}

// ModString renders the modifiers alone: *[4].
func (t *TypeName) ModString() string {
	var b strings.Builder
	for _, m := range t.Mods {
		switch {
		case m.Pointer:
			b.WriteString("*")
		case m.Len == 0:
			b.WriteString("[]")
		default:
			fmt.Fprintf(&b, "[%d]", m.Len)
		}
	}
	return b.String()
}

// TypeExpr is a type written where an expression could be: the operand of
// sizeof(uint32), typeof(int8*) or offsetof. It is never a value.
type TypeExpr struct {
	Span
	Type *TypeName
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
func (*TypeExpr) exprNode()   {}
func (*BoolLit) exprNode()    {}
func (*RecordExpr) exprNode() {}
