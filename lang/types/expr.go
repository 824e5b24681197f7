package types

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// maxStringLiteral is the longest string literal, in bytes. A string value
// lives in the program's scratch memory, which BPF instructions address
// with 16-bit offsets, so a literal of this size still leaves room for a
// copy or two of it.
const maxStringLiteral = 4095

// expr checks an expression, records its type and returns it. The result
// is never nil: an expression that failed to check is Invalid, and
// operations on Invalid operands report nothing more.
func (c *checker) expr(e ast.Expr) *Type {
	switch e := e.(type) {
	case *ast.IntLit:
		if e == nil {
			return InvalidT
		}
		if e.Value > math.MaxInt64 {
			return c.record(e, Uint64)
		}
		return c.record(e, Int64)
	case *ast.StrLit:
		if e == nil {
			return InvalidT
		}
		if len(e.Value) > maxStringLiteral {
			// A caret at the opening quote: underlining thousands of
			// bytes helps nobody.
			c.errs.Add(&diag.Error{Pos: e.Pos(), Msg: fmt.Sprintf("string literal is too long: %d bytes, the limit is %d", len(e.Value), maxStringLiteral)})
			return c.record(e, InvalidT)
		}
		return c.record(e, NewString(len(e.Value)+1))
	case *ast.Ident:
		if e == nil {
			return InvalidT
		}
		return c.ident(e)
	case *ast.Var:
		if e == nil {
			return InvalidT
		}
		return c.readVar(e)
	case *ast.PosParam:
		if e == nil {
			return InvalidT
		}
		return c.posParam(e)
	case *ast.MapExpr:
		if e == nil {
			return InvalidT
		}
		return c.readMap(e)
	case *ast.CallExpr:
		if e == nil {
			return InvalidT
		}
		return c.call(e, false)
	case *ast.BinaryExpr:
		if e == nil {
			return InvalidT
		}
		return c.binary(e)
	case *ast.UnaryExpr:
		if e == nil {
			return InvalidT
		}
		return c.unary(e)
	case *ast.IncDecExpr:
		if e == nil {
			return InvalidT
		}
		return c.incDec(e)
	case *ast.TernaryExpr:
		if e == nil {
			return InvalidT
		}
		return c.ternary(e)
	case *ast.FieldExpr:
		if e == nil {
			return InvalidT
		}
		return c.field(e)
	case *ast.IndexExpr:
		if e == nil {
			return InvalidT
		}
		return c.index(e)
	case *ast.TupleExpr:
		if e == nil {
			return InvalidT
		}
		return c.tuple(e)
	case *ast.ParenExpr:
		if e == nil {
			return InvalidT
		}
		return c.record(e, c.expr(e.X))
	case *ast.CastExpr:
		if e == nil {
			return InvalidT
		}
		return c.cast(e)
	case *ast.BoolLit:
		if e == nil {
			return InvalidT
		}
		return c.record(e, BoolT)
	case *ast.RecordExpr:
		if e == nil {
			return InvalidT
		}
		return c.recordLit(e)
	case *ast.BlockExpr:
		if e == nil {
			return InvalidT
		}
		return c.blockExpr(e, false)
	case *ast.TypeExpr:
		if e == nil {
			return InvalidT
		}
		// Only type context builtins have a type operand, and they
		// check it: this is the operand of one that failed (typeinfo),
		// whose own error says enough.
		c.typeOperand(e)
		return c.record(e, InvalidT)
	}
	return InvalidT
}

func (c *checker) ident(e *ast.Ident) *Type {
	if b, ok := LookupBuiltin(e.Name); ok && b.IsVar() {
		if !c.validIn(b, e) {
			return c.record(e, InvalidT)
		}
		return c.record(e, b.value(c, e))
	}
	if msg, ok := unsupported(e.Name); ok {
		c.errorf(e, "%s", msg)
		return c.record(e, InvalidT)
	}
	c.errorf(e, "unknown identifier '%s'%s", e.Name, unknownIdentHint(e.Name))
	return c.record(e, InvalidT)
}

// tracepoints returns the tracepoint attach points of the current probe and
// whether `args` may be used there: every attach point must be a
// tracepoint. A tracepoint spec that failed to resolve makes args silently
// invalid, since its error was already reported.
func (c *checker) tracepoints(n ast.Node) ([]*AttachPoint, bool) {
	if c.probe == nil {
		return nil, false
	}
	var tps []*AttachPoint
	for _, a := range c.probe.Attach {
		if p := providers[a.Kind]; p == nil || !p.Args {
			c.errorf(n, "args is only valid in tracepoint probes, not in %s", a.Name)
			return nil, false
		}
		tps = append(tps, a)
	}
	if len(tps) == 0 {
		if !c.hadTracepointSpec() {
			c.errorf(n, "args is only valid in tracepoint probes")
		}
		return nil, false
	}
	return tps, true
}

// hadTracepointSpec reports whether the current probe names a tracepoint
// provider, resolved or not.
func (c *checker) hadTracepointSpec() bool {
	for _, s := range c.probe.Node.Specs {
		if s == nil {
			continue
		}
		if p := providerSpelling[s.Provider]; p != nil && p.Args {
			return true
		}
	}
	return false
}

// args types the `args` builtin. Used as a whole value, every attach point
// must give it the same record; under a field access (whole false) only the
// field must agree, which argsField checks.
// It returns the probe's tracepoints, or nil when args is not valid here.
func (c *checker) args(e *ast.Ident, whole bool) []*AttachPoint {
	tps, ok := c.tracepoints(e)
	if !ok || tps[0].Args == nil {
		c.record(e, InvalidT)
		return nil
	}
	if whole {
		for _, tp := range tps[1:] {
			if tp.Args != nil && !Identical(tps[0].Args, tp.Args) {
				c.errorf(e, "args is %s in %s but %s in %s", tps[0].Args, tps[0].Name, tp.Args, tp.Name)
				c.record(e, InvalidT)
				return nil
			}
		}
	}
	c.record(e, tps[0].Args)
	return tps
}

// argsField types args.f (or args->f) across every attach point of the
// probe: each tracepoint must have the field, with the same type, though
// its offset may differ.
func (c *checker) argsField(e *ast.FieldExpr, id *ast.Ident) *Type {
	tps := c.args(id, false)
	c.recordParens(e.X, c.info.Types[id])
	if tps == nil {
		return c.record(e, InvalidT)
	}
	var first *Type
	var firstName string
	for _, tp := range tps {
		if tp.Args == nil {
			continue
		}
		f, ok := tp.Args.Field(e.Field)
		if !ok {
			c.errs.Add(fieldError(e, "tracepoint %s:%s has no field '%s'%s", tp.Group, tp.Event, e.Field, fieldHint(tp.Args, e.Field)))
			return c.record(e, InvalidT)
		}
		if first == nil {
			first, firstName = f.Type, tp.Name
			continue
		}
		if !Identical(first, f.Type) {
			c.errs.Add(fieldError(e, "args.%s is %s in %s but %s in %s", e.Field, first, firstName, f.Type, tp.Name))
			return c.record(e, InvalidT)
		}
	}
	if first == nil {
		return c.record(e, InvalidT)
	}
	return c.record(e, first)
}

// fieldError builds an error spanning the field name of e, which is the
// last token of the expression.
func fieldError(e *ast.FieldExpr, format string, args ...any) *diag.Error {
	end := e.End()
	start := end
	if n := len(e.Field); end.Col > n && end.Offset >= n {
		start.Col -= n
		start.Offset -= n
	}
	err := diag.Errorf(e, format, args...)
	err.Pos, err.End = start, end
	return err
}

// ParamInt reports whether the positional parameter text s is an integer,
// and its value: decimal or 0x hex, optionally negative. Other parameters
// are strings.
func ParamInt(s string) (int64, bool) {
	body, neg := strings.CutPrefix(s, "-")
	base := 10
	if h, ok := strings.CutPrefix(body, "0x"); ok {
		body, base = h, 16
	} else if h, ok := strings.CutPrefix(body, "0X"); ok {
		body, base = h, 16
	}
	if body == "" || strings.ContainsAny(body, "_+-") {
		return 0, false
	}
	u, err := strconv.ParseUint(body, base, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return int64(-u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// param returns the text of positional parameter i (from 1) and whether it
// was given.
func (c *checker) param(i int) (string, bool) {
	if i < 1 || i > len(c.conf.Params) {
		return "", false
	}
	return c.conf.Params[i-1], true
}

func (c *checker) posParam(e *ast.PosParam) *Type {
	if e.Count {
		return c.record(e, Int64)
	}
	if e.Index < 1 {
		c.errorf(e, "positional parameters start at $1")
		return c.record(e, InvalidT)
	}
	s, ok := c.param(e.Index)
	if !ok {
		// A missing parameter reads as 0, as in bpftrace.
		return c.record(e, Int64)
	}
	if _, isInt := ParamInt(s); isInt {
		return c.record(e, Int64)
	}
	return c.record(e, NewString(len(s)+1))
}

// constParam is the value of a positional parameter used as an integer:
// $# is their count, a parameter not given is 0.
func (c *checker) constParam(e *ast.PosParam) (int64, bool) {
	if e.Count {
		return int64(len(c.conf.Params)), true
	}
	s, given := c.param(e.Index)
	if !given {
		return 0, e.Index >= 1
	}
	return ParamInt(s)
}

func (c *checker) binary(e *ast.BinaryExpr) *Type {
	x := c.expr(e.X)
	y := c.expr(e.Y)
	if isInvalid(x, y) {
		return c.record(e, InvalidT)
	}
	x, y = c.flexLiterals(e, x, y)
	if c.constantDivision(e) {
		return c.record(e, InvalidT)
	}
	var t *Type
	switch e.Op {
	case "+", "-":
		switch {
		case x.Kind == Int && y.Kind == Int:
			t = integerResult(e.Op, x, y)
		case x.Kind == Pointer && y.Kind == Int:
			t = x
		case e.Op == "+" && x.Kind == Int && y.Kind == Pointer:
			t = y
		case e.Op == "-" && x.Kind == Pointer && y.Kind == Pointer:
			return c.pointerDiff(e, x, y)
		}
	case "*", "/", "%", "&", "|", "^", "<<", ">>":
		if x.Kind == Int && y.Kind == Int {
			t = arith(x, y)
		}
	case "<", "<=", ">", ">=":
		if isScalar(x) && isScalar(y) {
			t = Uint64
		}
	case "==", "!=":
		if comparable(x, y) {
			t = Uint64
		} else if why := incomparable(x, y); why != "" {
			c.errorf(e, "cannot apply %s to %s and %s: %s", e.Op, x, y, why)
			return c.record(e, InvalidT)
		}
	case "&&", "||":
		if isCondition(x) && isCondition(y) {
			t = Uint64
		}
	default:
		c.errorf(e, "unknown operator %s", e.Op)
		return c.record(e, InvalidT)
	}
	if t == nil {
		c.errorf(e, "cannot apply %s to %s and %s", e.Op, x, y)
		return c.record(e, InvalidT)
	}
	return c.record(e, t)
}

// isScalar reports whether t compares as a number: integers, bools and
// pointers.
func isScalar(t *Type) bool { return t.Kind == Int || t.Kind == Pointer || t.Kind == Bool }

func (c *checker) unary(e *ast.UnaryExpr) *Type {
	if e.Op == "&" {
		return c.addrOf(e)
	}
	x := c.expr(e.X)
	if isInvalid(x) {
		return c.record(e, InvalidT)
	}
	if e.Op == "*" {
		return c.deref(e, x)
	}
	var t *Type
	switch e.Op {
	case "-":
		if x.Kind == Int {
			t = Int64
		}
	case "~":
		if x.Kind == Int {
			t = arith(x, x)
		}
	case "!":
		if isCondition(x) {
			t = Uint64
		}
	default:
		c.errorf(e, "unknown operator %s", e.Op)
		return c.record(e, InvalidT)
	}
	if t == nil {
		c.errorf(e, "cannot apply %s to %s", e.Op, x)
		return c.record(e, InvalidT)
	}
	return c.record(e, t)
}

func (c *checker) incDec(e *ast.IncDecExpr) *Type {
	var t *Type
	switch x := unparen(e.X).(type) {
	case *ast.Var:
		t = c.readVar(x)
		if t.Kind != Int && t.Kind != Pointer && t.Kind != Invalid {
			c.errorf(e, "cannot apply %s to %s of type %s", e.Op, x.Name, t)
			t = InvalidT
		}
	case *ast.MapExpr:
		t = c.incrementMap(x, e.Op)
	default:
		c.errorf(e, "cannot apply %s to this expression: only maps and $variables can be incremented", e.Op)
		c.expr(e.X)
		t = InvalidT
	}
	c.recordParens(e.X, t)
	return c.record(e, t)
}

func (c *checker) ternary(e *ast.TernaryExpr) *Type {
	cond := c.expr(e.Cond)
	if !isCondition(cond) {
		c.errorf(e.Cond, "condition must be an integer or pointer, not %s", cond)
	}
	a := cond // the elvis operator's value when true is the condition's
	if e.Then != nil {
		a = c.expr(e.Then)
	}
	b := c.expr(e.Else)
	return c.ternaryType(e, a, b)
}

// ternaryType records and returns the type of the ternary e whose
// branches have the types a and b.
func (c *checker) ternaryType(e *ast.TernaryExpr, a, b *Type) *Type {
	if isInvalid(a, b) {
		return c.record(e, InvalidT)
	}
	if a.Kind == Int && b.Kind == Int {
		return c.record(e, arith(a, b))
	}
	t, ok := unify(storageType(a), b)
	if !ok {
		c.errorf(e, "ternary branches have different types: %s and %s", a, b)
		return c.record(e, InvalidT)
	}
	return c.record(e, t)
}

func (c *checker) field(e *ast.FieldExpr) *Type {
	if id, ok := unparen(e.X).(*ast.Ident); ok && id != nil && id.Name == "args" {
		return c.argsField(e, id)
	}
	x := c.expr(e.X)
	if isInvalid(x) {
		return c.record(e, InvalidT)
	}
	t := x
	if t.Kind == Pointer && t.Elem != nil && t.Elem.Kind == Record {
		t = t.Elem // `.` and `->` both dereference a struct pointer
	}
	switch t.Kind {
	case Record:
		f, ok := t.Field(e.Field)
		switch {
		case !ok && isConfig(e.X):
			c.errs.Add(fieldError(e, "config has no variable '%s'%s", e.Field, fieldHint(t, e.Field)))
			return c.record(e, InvalidT)
		case !ok:
			c.errs.Add(fieldError(e, "%s has no field '%s'%s", t, e.Field, fieldHint(t, e.Field)))
			return c.record(e, InvalidT)
		case isConfig(e.X):
			c.configField(e)
		}
		return c.record(e, f.Type)
	case Tuple:
		f, ok := t.Field(e.Field)
		if !ok && !isDecimal(e.Field) {
			c.errs.Add(fieldError(e, "%s is a tuple: it has no field '%s', only elements .0 to .%d", t, e.Field, len(t.Fields)-1))
			return c.record(e, InvalidT)
		}
		if !ok {
			c.errs.Add(fieldError(e, "tuple index %s out of range for %s", e.Field, t))
			return c.record(e, InvalidT)
		}
		return c.record(e, f.Type)
	}
	c.errs.Add(fieldError(e, "cannot access field '%s' of %s", e.Field, x))
	return c.record(e, InvalidT)
}

func (c *checker) index(e *ast.IndexExpr) *Type {
	x := c.expr(e.X)
	i := c.expr(e.Index)
	if isInvalid(x, i) {
		return c.record(e, InvalidT)
	}
	if i.Kind != Int {
		c.errorf(e.Index, "index must be an integer, not %s", i)
		return c.record(e, InvalidT)
	}
	switch x.Kind {
	case Array:
		return c.record(e, x.Elem)
	case Pointer:
		if x.Elem == nil || x.Elem.Kind == Void || (x.Elem.Kind == Record && len(x.Elem.Fields) == 0) {
			c.errorf(e, "cannot index %s: the pointed-to type is unknown", x)
			return c.record(e, InvalidT)
		}
		return c.record(e, x.Elem)
	case Tuple:
		n, ok := c.constInt(e.Index)
		if !ok {
			c.errorf(e.Index, "tuple index must be an integer constant")
			return c.record(e, InvalidT)
		}
		if n < 0 || n >= int64(len(x.Fields)) {
			c.errorf(e.Index, "tuple index %d out of range for %s", n, x)
			return c.record(e, InvalidT)
		}
		return c.record(e, x.Fields[n].Type)
	}
	c.errorf(e, "cannot index %s", x)
	return c.record(e, InvalidT)
}

func (c *checker) tuple(e *ast.TupleExpr) *Type {
	elems := make([]*Type, 0, len(e.Elems))
	bad := false
	for _, el := range e.Elems {
		t := c.expr(el)
		if t.Kind == Invalid {
			bad = true
			continue
		}
		elems = append(elems, storageType(t))
	}
	if bad {
		return c.record(e, InvalidT)
	}
	return c.record(e, NewTuple(elems))
}
