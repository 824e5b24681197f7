package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// The map functions beyond the core ones of builtins.go. Their lowerings
// are in compiler/lower_maps.go.

// mapBuiltins returns the entries of these functions, as systemBuiltins.
func mapBuiltins() *[NumBuiltins]Builtin {
	return &[NumBuiltins]Builtin{
		BuiltinFind: {Name: "find", MinArgs: 3, MaxArgs: 3, call: (*checker).find},
	}
}

// find checks find(@m, key, $v): a map with keys, a key of its type and a
// scratch variable that takes the value when the key is there.
func (c *checker) find(call *ast.CallExpr) *Type {
	st, ok := c.keyedMapArg(call)
	if ok {
		c.keyArg(call, st, call.Args[1])
	} else {
		c.expr(call.Args[1])
	}
	v, isVar := unparen(call.Args[2]).(*ast.Var)
	if !isVar || v == nil {
		c.errorf(call.Args[2], "find() stores the value in a scratch variable, as find(@m, key, $v)")
		c.expr(call.Args[2])
		return BoolT
	}
	if !ok || !st.keyKnown || st.m.Value == nil {
		c.expr(call.Args[2])
		return BoolT
	}
	value := readableValue(st.m.Value)
	if value == nil {
		c.errorf(call.Args[0], "find() cannot read the %s values of map %s", st.m.Value, st.m.Name)
		c.expr(call.Args[2])
		return BoolT
	}
	c.assignVar(v, value, call.Args[2])
	return BoolT
}
