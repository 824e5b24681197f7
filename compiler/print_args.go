package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// print(args) prints the tracepoint's record as upstream prints a struct:
// `{ .field = value, ... }`.

// isArgs reports whether e is the `args` builtin.
func isArgs(e ast.Expr) bool {
	id, ok := unparen(e).(*ast.Ident)
	return ok && id != nil && id.Name == "args"
}

// printArgs sends the record's fields, read one by one from the context
// into an event laid out as a record of their values: a __data_loc field
// (typed as its string) becomes the string itself, since its data lies
// outside the fixed part.
func (b *fn) printArgs(e *ast.CallExpr) {
	rec := b.ap.Args
	if rec == nil {
		b.errorf(e.Args[0], "cannot use 'args' as a value here")
		return
	}
	elems := make([]*types.Type, len(rec.Fields))
	for i, f := range rec.Fields {
		elems[i] = f.Type
	}
	layout := types.NewTuple(elems)
	layout.Kind, layout.Name = types.Record, rec.Name
	for i, f := range rec.Fields {
		layout.Fields[i].Name = f.Name
	}
	b.record(&Event{Kind: PrintValueEvent, Value: layout}, layout.Size, func(payload ir.Mem) {
		if hasPadding(layout) {
			b.emit(ir.Insn{Op: ir.Zero, Mem: payload, Size: layout.Size})
		}
		for i, f := range rec.Fields {
			nf := layout.Fields[i]
			b.store(b.ctxField(f), offset(payload, nf.Offset), nf.Type)
		}
	})
}
