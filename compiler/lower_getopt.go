package compiler

import (
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// getopt is the named parameter's value, known when compiling.
func (b *fn) getopt(e *ast.CallExpr, t *types.Type) val {
	p := b.c.info.Getopts[e]
	if p == nil {
		b.errorf(e, "unresolved getopt()")
		return b.zeroVal(t)
	}
	if p.Type.Kind == types.String {
		return b.stringLit(p.Str, t)
	}
	return constVal(t, p.Int)
}
