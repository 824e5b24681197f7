package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// The lowerings of the configuration builtins (lang/types/builtins_config.go):
// the checker settled their values, so they compile to constants.

// lowerConfig builds the config record from the values the checker
// recorded (types.Info.Config), field by field: constants stored into a
// zeroed temporary, as a record literal is.
func lowerConfig(b *fn, _ ast.Node, t *types.Type) val {
	m := b.temp("config", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
	for i, v := range b.c.info.Config {
		if i >= len(t.Fields) {
			break
		}
		f := t.Fields[i]
		switch x := v.V.(type) {
		case int64:
			b.store(constVal(f.Type, x), offset(m, f.Offset), f.Type)
		case bool:
			b.store(constVal(f.Type, int64(boolBit(x))), offset(m, f.Offset), f.Type)
		case string:
			b.store(b.stringLit(x, f.Type), offset(m, f.Offset), f.Type)
		}
	}
	return val{t: t, mem: m, inMem: true}
}

// constField lowers a field of config to its value, without building the
// record: the checker folded it (Consts for numbers and switches,
// ConstStrs for strings).
func (b *fn) constField(e *ast.FieldExpr, t *types.Type) (val, bool) {
	if s, ok := b.c.info.ConstStrs[e]; ok {
		return b.stringLit(s, t), true
	}
	if k, ok := b.c.info.Consts[e]; ok {
		return constVal(t, int64(k)), true
	}
	return val{}, false
}

func boolBit(x bool) int {
	if x {
		return 1
	}
	return 0
}
