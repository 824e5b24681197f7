package compiler

import (
	"strings"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// forMap compiles `for ($kv : @m) body` as a call of bpf_for_each_map_elem
// (Linux 5.13) with the body as its callback (see callback):
//
//	cb(map, key, value, shared):
//	    $kv = (*key, *value)         the value summed over the CPUs for count() & co
//	    body                         continue: return 0; break: return 1
//
// The kernel walks the map's entries in its own order, as bpftrace's loop
// does. Changing the map inside the body is allowed; whether the walk sees
// the change is up to the kernel, as in bpftrace.
func (b *fn) forMap(s *ast.ForStmt) {
	spec := b.mapSpec(s.Map)
	kv := b.c.info.Vars[s.Var]
	if spec == nil || kv == nil || kv.Type == nil || kv.Type.Kind != types.Tuple {
		return
	}
	// A function's name is a BTF identifier: no dots, which the labels of
	// a callback's own callbacks have.
	name := strings.ReplaceAll(b.newLabel("for_each"), ".", "_")
	sub, params := b.newCallback(name, s.Body, 4, nil, kv)
	key, value := params[1], params[2]
	brk, cont := sub.newLabel("break"), sub.newLabel("continue")
	sub.setLoopVar(s.Var, spec, ir.Mem{Base: key}, ir.Mem{Base: value})
	sub.loopBody(s.Body, loop{brk: brk, cont: cont})
	sub.label(cont)
	returns := sub.callbackEnd(brk, s)
	b.callWithCallback(sub, returns, asm.FnForEachMapElem, ir.MapArg(spec.Name), ir.FuncAddr(""))
}

// setLoopVar fills $kv from the entry at key and value. The entry is
// converted field by field: an assignment in the body may have widened a
// string in $kv's type beyond the map's.
func (b *fn) setLoopVar(v *ast.Var, spec *MapSpec, key, value ir.Mem) {
	h := b.varHome(v)
	if h == nil {
		return
	}
	kf, vf := h.t.Fields[0], h.t.Fields[1]
	// A map without keys holds its value under the key 0, which the
	// prologue's zeroing of $kv wrote already.
	if kt := spec.User.Key; kt != nil {
		b.store(val{t: kt, mem: key, inMem: true}, offset(h.mem, kf.Offset), kf.Type)
	}
	if spec.User.Value.IsAggregation() {
		// Only this CPU's slot is at value: read every CPU's, as
		// reading @m[k] does.
		x := b.aggregateReadKey(spec, key, vf.Type)
		b.store(x, offset(h.mem, vf.Offset), vf.Type)
		return
	}
	b.store(val{t: spec.User.Value, mem: value, inMem: true}, offset(h.mem, vf.Offset), vf.Type)
}
