package types

import (
	"errors"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/printf"
)

// printf checks printf(fmt, args...), and the functions that format as
// it does (system, cat, errorf, warnf, debugf): fmt is a string literal whose
// conversions match the arguments in number and type.
func (c *checker) printf(call *ast.CallExpr) *Type {
	lit, ok := c.literalFormat(call, call.Args[0])
	args := call.Args[1:]
	types := make([]*Type, len(args))
	for i, a := range args {
		types[i] = c.expr(a)
	}
	if !ok {
		return VoidT
	}
	dirs, err := printf.Parse(lit.Value)
	if err != nil {
		c.errs.Add(formatError(call.Name, lit, err))
		return VoidT
	}
	var convs []printf.Directive
	for _, d := range dirs {
		if d.Verb != 0 {
			convs = append(convs, d)
		}
	}
	if len(convs) != len(args) {
		c.errorf(call, "%s() format needs %s, got %d", call.Name, plural(len(convs), "argument"), len(args))
	}
	for i, d := range convs {
		if i >= len(args) {
			break
		}
		if msg := verbMismatch(d, types[i]); msg != "" {
			c.errorf(args[i], "%s() %s", call.Name, msg)
		}
	}
	return VoidT
}

// verbMismatch says why an argument of type t cannot be formatted by d, or
// returns "" when it can. Integer conversions take integers and pointers;
// %s takes anything printable.
func verbMismatch(d printf.Directive, t *Type) string {
	if t.Kind == Invalid {
		return ""
	}
	if d.IntVerb() {
		if t.Kind == Int || t.Kind == Pointer || t.Kind == Bool {
			return ""
		}
		return d.Lit + " needs an integer, not " + t.String()
	}
	if d.Verb == 'r' {
		if t.Kind == Buffer || t.Kind == String {
			return ""
		}
		return d.Lit + " needs a buffer (buf()), not " + t.String()
	}
	if printable(t) {
		return ""
	}
	return d.Lit + " cannot format " + t.String()
}

// formatError reports a bad format. When the literal has no escapes, so
// that offsets in its value are offsets in the source, the caret marks the
// offending directive; otherwise it marks the whole literal.
func formatError(fn string, lit *ast.StrLit, err error) *diag.Error {
	e := diag.Errorf(lit, "%s() format: %v", fn, err)
	var perr *printf.Error
	start, end := lit.Pos(), lit.End()
	noEscapes := end.Offset-start.Offset == len(lit.Value)+2 && start.Line == end.Line
	if errors.As(err, &perr) && noEscapes && perr.Start < perr.End && perr.End <= len(lit.Value) {
		e.Pos, e.End = start, start
		e.Pos.Offset += 1 + perr.Start
		e.Pos.Col += 1 + perr.Start
		e.End.Offset += 1 + perr.End
		e.End.Col += 1 + perr.End
	}
	return e
}
