package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/printf"
)

// printf checks printf(fmt, args...): fmt is a string literal whose
// conversions match the arguments in number and type.
func (c *checker) printf(call *ast.CallExpr) *Type {
	if len(call.Args) == 0 {
		c.errorf(call, "printf() needs a format string")
		return VoidT
	}
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
		c.errorf(lit, "printf() format: %v", err)
		return VoidT
	}
	var convs []printf.Directive
	for _, d := range dirs {
		if d.Verb != 0 {
			convs = append(convs, d)
		}
	}
	if len(convs) != len(args) {
		c.errorf(call, "printf() format needs %s, got %d", plural(len(convs), "argument"), len(args))
	}
	for i, d := range convs {
		if i >= len(args) {
			break
		}
		if msg := verbMismatch(d, types[i]); msg != "" {
			c.errorf(args[i], "printf() %s", msg)
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
		if t.Kind == Int || t.Kind == Pointer {
			return ""
		}
		return d.Lit + " needs an integer, not " + t.String()
	}
	if printable(t) {
		return ""
	}
	return d.Lit + " cannot format " + t.String()
}
