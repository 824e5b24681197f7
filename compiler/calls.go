package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// joinArgs is how many elements join() reads, as bpftrace.
const joinArgs = 16

// call compiles a function call. stmt says the value is not needed.
func (b *fn) call(e *ast.CallExpr, stmt bool) val {
	t := b.typeOf(e)
	switch e.Name {
	case "printf":
		b.printf(e)
	case "print":
		b.print(e)
	case "exit":
		code := constVal(types.Int64, 0)
		if len(e.Args) > 0 {
			code = b.expr(e.Args[0])
		}
		b.sendEvent(&Event{Kind: ExitEvent}, []val{code}, []*types.Type{types.Int64})
		b.jump(b.exit)
		// Code after exit() in the same block is unreachable; codegen
		// drops it.
	case "clear", "zero":
		kind := ClearEvent
		if e.Name == "zero" {
			kind = ZeroEvent
		}
		if m, ok := b.mapArg(e, 0); ok {
			b.sendEvent(&Event{Kind: kind, Map: m.Name}, nil, nil)
		}
	case "delete":
		b.delete(e)
	case "time":
		format := "%H:%M:%S\n"
		if len(e.Args) > 0 {
			format = stringConst(e.Args[0])
		}
		b.sendEvent(&Event{Kind: TimeEvent, Format: format}, nil, nil)
	case "join":
		b.join(e)
	case "str":
		return b.str(e, t)
	case "strftime":
		b.c.plan.TimeFormats = append(b.c.plan.TimeFormats, stringConst(e.Args[0]))
		id := int64(len(b.c.plan.TimeFormats) - 1)
		m := b.temp("strftime", 16)
		b.store(constVal(types.Uint64, id), m, types.Uint64)
		b.store(b.expr(e.Args[1]), offset(m, 8), types.Uint64)
		return val{t: t, mem: m, inMem: true}
	case "has_key":
		m, ok := b.mapArg(e, 0)
		if !ok {
			return constVal(t, 0)
		}
		key := b.mapKey(m, keysOf(e.Args[1:]), 0)
		p := b.lookup(m, key)
		r := b.f.NewReg()
		yes := b.newLabel("has")
		b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(1)})
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JNE, B: ir.I(0), Label: yes})
		b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
		b.label(yes)
		return val{t: t, reg: r}
	case "len":
		return b.mapLen(e, t)
	case "count", "sum", "avg", "min", "max", "stats", "hist", "lhist":
		b.errorf(e, "%s() must be assigned to a map", e.Name)
	default:
		b.errorf(e.NameSpan, "cannot compile function '%s'", e.Name)
	}
	if stmt {
		return val{}
	}
	return b.zeroVal(t)
}

// keysOf turns the key arguments of has_key/delete into map keys: a single
// tuple argument stands for a multi-key access.
func keysOf(args []ast.Expr) []ast.Expr {
	if len(args) == 1 {
		if tup, ok := unparen(args[0]).(*ast.TupleExpr); ok {
			return tup.Elems
		}
	}
	return args
}

func stringConst(e ast.Expr) string {
	if s, ok := unparen(e).(*ast.StrLit); ok {
		return s.Value
	}
	return ""
}

func (b *fn) mapArg(e *ast.CallExpr, i int) (*MapSpec, bool) {
	if i >= len(e.Args) {
		return nil, false
	}
	m, ok := unparen(e.Args[i]).(*ast.MapExpr)
	if !ok {
		b.errorf(e.Args[i], "%s() expects a map", e.Name)
		return nil, false
	}
	s := b.mapSpec(m)
	return s, s != nil
}

// sendEvent registers an event and emits the code that sends one record:
// the event id, then the values laid out as a tuple of the given types.
func (b *fn) sendEvent(ev *Event, vals []val, ts []*types.Type) {
	layout := types.NewTuple(ts)
	if ev.Kind == PrintfEvent {
		ev.Args = layout
	}
	id := b.c.addEvent(ev)
	size := 8 + layout.Size
	m := b.temp("event", size)
	b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.I(id), Size: 8})
	if layout.Size > 0 {
		payload := offset(m, 8)
		if hasPadding(layout) {
			b.emit(ir.Insn{Op: ir.Zero, Mem: payload, Size: alignUp(layout.Size, 8)})
		}
		for i, v := range vals {
			f := layout.Fields[i]
			b.store(v, offset(payload, f.Offset), f.Type)
		}
	}
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnRingbufOutput, Args: []ir.Value{
		ir.MapArg(EventsMap), ir.Addr(m), ir.I(int64(size)), ir.I(0)}})
}

// hasPadding reports whether a tuple layout has bytes no field covers.
func hasPadding(t *types.Type) bool {
	covered := 0
	for _, f := range t.Fields {
		covered += f.Type.Size
	}
	return covered != t.Size
}

// eventType is the type an argument takes in an event record: integers
// widen to 64 bits so the formatter sees one size.
func eventType(t *types.Type) *types.Type {
	if t.Kind == types.Int {
		if t.Signed {
			return types.Int64
		}
		return types.Uint64
	}
	if t.Kind == types.Pointer || t.IsAggregation() {
		return types.Uint64
	}
	return t
}

func (b *fn) printf(e *ast.CallExpr) {
	format := stringConst(e.Args[0])
	dirs, err := printf.Parse(format)
	if err != nil {
		b.errorf(e.Args[0], "%v", err)
		return
	}
	var vals []val
	var ts []*types.Type
	for _, a := range e.Args[1:] {
		v := b.expr(a)
		vals = append(vals, v)
		ts = append(ts, eventType(v.t))
	}
	b.sendEvent(&Event{Kind: PrintfEvent, Format: format, Directives: dirs}, vals, ts)
}

func (b *fn) print(e *ast.CallExpr) {
	if m, ok := unparen(e.Args[0]).(*ast.MapExpr); ok && m.Keys == nil {
		s := b.mapSpec(m)
		if s == nil {
			return
		}
		ev := &Event{Kind: PrintMapEvent, Map: s.Name}
		if len(e.Args) > 1 {
			ev.Top = b.intConst(e.Args[1])
		}
		if len(e.Args) > 2 {
			ev.Div = b.intConst(e.Args[2])
		}
		b.sendEvent(ev, nil, nil)
		return
	}
	v := b.expr(e.Args[0])
	t := eventType(v.t)
	b.sendEvent(&Event{Kind: PrintValueEvent, Value: t}, []val{v}, []*types.Type{t})
}

func (b *fn) intConst(e ast.Expr) int64 {
	v := b.expr(e)
	if !v.isConst {
		b.errorf(e, "expected an integer constant")
	}
	return v.k
}

func (b *fn) delete(e *ast.CallExpr) {
	var m *MapSpec
	var keys []ast.Expr
	if me, ok := unparen(e.Args[0]).(*ast.MapExpr); ok && len(e.Args) == 1 {
		// delete(@m[k])
		m, keys = b.mapSpec(me), me.Keys
	} else {
		var ok bool
		if m, ok = b.mapArg(e, 0); !ok {
			return
		}
		keys = keysOf(e.Args[1:])
	}
	if m == nil {
		return
	}
	if m.Buckets {
		b.errorf(e, "delete() on histogram map %s is not supported; use clear()", m.Name)
		return
	}
	key := b.mapKey(m, keys, 0)
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnMapDeleteElem, Args: []ir.Value{ir.MapArg(m.Name), ir.Addr(key)}})
}

// str reads a NUL-terminated string from the address its argument holds, or
// passes a string argument through.
func (b *fn) str(e *ast.CallExpr, t *types.Type) val {
	x := b.expr(e.Args[0])
	if x.t.Kind == types.String {
		if x.t.Size == t.Size {
			return x
		}
		m := b.temp("str", t.Size)
		b.store(x, m, t)
		return val{t: t, mem: m, inMem: true}
	}
	space := types.Kernel
	if x.t.Kind == types.Pointer {
		space = x.t.Space
	} else if b.ap.Kind == types.TracepointProbe && b.ap.Group == "syscalls" {
		space = types.User
	}
	addr := b.scalar(x)
	m := b.temp("str", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
	b.emit(ir.Insn{Op: ir.Call, Helper: probeReadStr(space), Args: []ir.Value{ir.Addr(m), ir.I(int64(t.Size)), ir.R(addr)}})
	return val{t: t, mem: m, inMem: true}
}

// join reads up to joinArgs strings from an array of string pointers (such
// as execve's argv) and sends them for printing. The record holds the
// strings back to back, each in a StrLen slot; an empty slot ends the list.
func (b *fn) join(e *ast.CallExpr) {
	sep := " "
	if len(e.Args) > 1 {
		sep = stringConst(e.Args[1])
	}
	x := b.expr(e.Args[0])
	space := types.Kernel
	if x.t.Kind == types.Pointer {
		space = x.t.Space
	}
	strLen := b.c.conf.StrLen
	ev := &Event{Kind: JoinEvent, Sep: sep, Count: joinArgs, StrLen: strLen}
	id := b.c.addEvent(ev)
	size := 8 + joinArgs*strLen
	m := b.temp("join", size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: size})
	b.emit(ir.Insn{Op: ir.Store, Mem: m, B: ir.I(id), Size: 8})
	base := b.scalar(x)
	ptr := b.temp("joinptr", 8)
	send := b.newLabel("joinsend")
	for i := 0; i < joinArgs; i++ {
		addr := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: addr, A: base, B: ir.I(int64(i * 8))})
		b.emit(ir.Insn{Op: ir.Store, Mem: ptr, B: ir.I(0), Size: 8})
		b.emit(ir.Insn{Op: ir.Call, Helper: probeRead(space), Args: []ir.Value{ir.Addr(ptr), ir.I(8), ir.R(addr)}})
		p := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: p, Mem: ptr, Size: 8})
		b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: send})
		b.emit(ir.Insn{Op: ir.Call, Helper: probeReadStr(space), Args: []ir.Value{
			ir.Addr(offset(m, 8+i*strLen)), ir.I(int64(strLen)), ir.R(p)}})
	}
	b.label(send)
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnRingbufOutput, Args: []ir.Value{
		ir.MapArg(EventsMap), ir.Addr(m), ir.I(int64(size)), ir.I(0)}})
}

// mapLen counts a map's entries with the bpf_map_sum_elem_count kfunc
// (Linux 6.6), as bpftrace does.
func (b *fn) mapLen(e *ast.CallExpr, t *types.Type) val {
	m, ok := b.mapArg(e, 0)
	if !ok {
		return constVal(t, 0)
	}
	if m.Buckets {
		b.errorf(e, "len() of histogram map %s is not supported", m.Name)
		return constVal(t, 0)
	}
	const name = "bpf_map_sum_elem_count"
	if b.c.conf.Kfunc == nil {
		b.errorf(e, "len() needs the kernel function %s, which cannot be looked up here", name)
		return constVal(t, 0)
	}
	id, err := b.c.conf.Kfunc(name)
	if err != nil {
		b.errorf(e, "len() needs the kernel function %s (Linux 6.6 or later): %v", name, err)
		return constVal(t, 0)
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Call, Dst: r, Kfunc: &ir.Kfunc{Name: name, BTFID: id}, Args: []ir.Value{ir.MapArg(m.Name)}})
	return val{t: t, reg: r}
}
