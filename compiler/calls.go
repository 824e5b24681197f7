package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"
)

// joinArgs is how many elements join() reads, as bpftrace.
const joinArgs = 16

// call compiles a function call with its builtin's lowering. stmt says
// the value is not needed.
func (b *fn) call(e *ast.CallExpr, stmt bool) val {
	t := b.typeOf(e)
	if _, ok := types.LookupAggregation(e.Name); ok {
		b.errorf(e, "%s() must be assigned to a map", e.Name)
	} else if bi, l := lowerBuiltin(e.Name); bi == nil {
		b.errorf(e.NameSpan, "cannot compile function '%s'", e.Name)
	} else if bi.IsVar() && len(e.Args) == 0 && l.value != nil {
		// pid() is pid, as the checker accepts.
		return l.value(b, e, t)
	} else if l.call == nil {
		b.errorf(e.NameSpan, "cannot compile function '%s'", e.Name)
	} else if stmt && l.stmtCall != nil {
		l.stmtCall(b, e)
		return val{}
	} else if v := l.call(b, e, t); v.t != nil {
		return v
	}
	if stmt {
		return val{}
	}
	return b.zeroVal(t)
}

// exitCall sends the exit event and leaves the program.
func (b *fn) exitCall(e *ast.CallExpr) {
	code := constVal(types.Int64, 0)
	if len(e.Args) > 0 {
		code = b.expr(e.Args[0])
	}
	b.record(&Event{Kind: ExitEvent}, 8, func(payload ir.Mem) { b.store(code, payload, types.Int64) })
	b.returnStmt()
	// Code after exit() in the same block is unreachable; codegen drops
	// it.
}

// mapEvent sends an event about a whole map: clear() or zero().
func (b *fn) mapEvent(e *ast.CallExpr, kind EventKind) {
	if m, ok := b.mapArg(e, 0); ok {
		b.record(&Event{Kind: kind, Map: m.Name}, 0, nil)
	}
}

// time sends the event that prints the time.
func (b *fn) time(e *ast.CallExpr) {
	format := "%H:%M:%S\n"
	if len(e.Args) > 0 {
		format = stringConst(e.Args[0])
	}
	b.record(&Event{Kind: TimeEvent, Format: format}, 0, nil)
}

// strftime makes a timestamp: the id of its format and the time.
func (b *fn) strftime(e *ast.CallExpr, t *types.Type) val {
	id := b.c.timeFormat(stringConst(e.Args[0]))
	m := b.temp("strftime", 16)
	b.store(constVal(types.Uint64, id), m, types.Uint64)
	b.store(b.expr(e.Args[1]), offset(m, 8), types.Uint64)
	return val{t: t, mem: m, inMem: true}
}

// keyedMapArg is the map a function of one user key (has_key, len, find)
// is given.
func (b *fn) keyedMapArg(e *ast.CallExpr) (*MapSpec, bool) {
	return b.mapArg(e, 0)
}

// hasKey looks the key up: 1 when the map has it.
func (b *fn) hasKey(e *ast.CallExpr, t *types.Type) val {
	m, ok := b.keyedMapArg(e)
	if !ok {
		return constVal(t, 0)
	}
	if m.Buckets {
		return b.hasKeyBuckets(m, keysOf(e.Args[1:]), t)
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
// the event id, then args evaluated straight into the record, laid out as a
// tuple of their event types. The record is reserved in the ring buffer
// first, so nothing is built on the stack and copied; a full buffer is
// counted as a lost event.
func (b *fn) sendEvent(ev *Event, args []ast.Expr) {
	ts := make([]*types.Type, len(args))
	for i, a := range args {
		ts[i] = eventType(b.typeOf(a))
		if t := b.typeOf(a); ev.Kind == PrintValueEvent && t.Kind == types.Pointer {
			// print() shows a pointer as bpftrace does, in hex.
			ts[i] = t
		}
	}
	layout := types.NewTuple(ts)
	switch ev.Kind {
	case PrintfEvent, SystemEvent, CatEvent, LogEvent:
		ev.Args = layout
	case PrintValueEvent:
		ev.Value = layout.Fields[0].Type
	}
	b.record(ev, layout.Size, func(payload ir.Mem) {
		for i, a := range args {
			f := layout.Fields[i]
			b.exprInto(a, offset(payload, f.Offset), f.Type, false)
		}
	})
}

// record reserves a ring-buffer record for event ev with size bytes of
// payload, writes the id, lets fill write the payload and submits it.
func (b *fn) record(ev *Event, size int, fill func(payload ir.Mem)) {
	id := b.c.addEvent(ev)
	if !b.ap.Kind.Attached() && b.cb == nil {
		b.c.onceEventBytes += ringRecordSize(8 + size)
	} else {
		b.c.streamRecord = max(b.c.streamRecord, ringRecordSize(8+size))
	}
	rec := b.callHelper(asm.FnRingbufReserve, ir.MapArg(EventsMap), ir.I(int64(8+size)), ir.I(0))
	lost, done := b.newLabel("lost"), b.newLabel("sent")
	b.emit(ir.Insn{Op: ir.Branch, A: rec, Cond: asm.JEq, B: ir.I(0), Label: lost})
	b.emit(ir.Insn{Op: ir.Store, Mem: ir.Mem{Base: rec}, B: ir.I(id), Size: 8})
	if fill != nil {
		fill(ir.Mem{Base: rec, Off: 8})
	}
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnRingbufSubmit, Args: []ir.Value{ir.R(rec), ir.I(0)}})
	b.jump(done)
	b.label(lost)
	counter := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: counter, B: ir.MapValueAddr(CountersMap, LostEventsOffset)})
	b.emit(ir.Insn{Op: ir.AtomicAdd, Mem: ir.Mem{Base: counter}, B: ir.I(1), Size: 8})
	b.label(done)
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
	b.sendEvent(&Event{Kind: PrintfEvent, Format: format, Directives: dirs}, e.Args[1:])
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
		b.record(ev, 0, nil)
		return
	}
	if isArgs(e.Args[0]) {
		b.printArgs(e)
		return
	}
	b.sendEvent(&Event{Kind: PrintValueEvent}, e.Args[:1])
}

func (b *fn) intConst(e ast.Expr) int64 {
	v := b.expr(e)
	if !v.isConst {
		b.errorf(e, "expected an integer constant")
	}
	return v.k
}

// delete deletes a key, as a statement: its result is not needed, and a
// key that is not there is warned about, as upstream.
func (b *fn) delete(e *ast.CallExpr) {
	m, keys, ok := b.deleteArgs(e)
	if !ok {
		return
	}
	done := b.newLabel("deleted")
	if m.Buckets {
		r := b.deleteBuckets(m, keys, types.DeletedT)
		b.emit(ir.Insn{Op: ir.Branch, A: r.reg, Cond: asm.JNE, B: ir.I(0), Label: done})
	} else {
		r := b.callHelper(asm.FnMapDeleteElem, ir.MapArg(m.Name), ir.Addr(b.mapKey(m, keys, 0)))
		b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JNE, B: ir.I(-int64(unix.ENOENT)), Label: done})
	}
	b.logEvent(e, "WARNING", deleteMissingWarning, nil)
	b.label(done)
}

// deleteMissingWarning is upstream's warning about a delete() of a key
// that is not there, whose result the program ignores.
const deleteMissingWarning = "Can't delete map element because it does not exist.\n" +
	"Additional Info - helper: map_delete_elem, retcode: -2"

// deleteValue deletes a key and returns whether it was there: the helper
// returns 0 when it deleted the key, a negative error otherwise.
func (b *fn) deleteValue(e *ast.CallExpr, t *types.Type) val {
	m, keys, ok := b.deleteArgs(e)
	if !ok {
		return constVal(t, 0)
	}
	if m.Buckets {
		return b.deleteBuckets(m, keys, t)
	}
	r := b.callHelper(asm.FnMapDeleteElem, ir.MapArg(m.Name), ir.Addr(b.mapKey(m, keys, 0)))
	res := b.f.NewReg()
	done := b.newLabel("deleted")
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JEq, B: ir.I(0), Label: done})
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(0)})
	b.label(done)
	return val{t: t, reg: res}
}

// deleteArgs finds the map and the keys of delete(@m, key),
// delete(@m[key]) or delete(@m).
func (b *fn) deleteArgs(e *ast.CallExpr) (*MapSpec, []ast.Expr, bool) {
	var m *MapSpec
	var keys []ast.Expr
	if me, ok := unparen(e.Args[0]).(*ast.MapExpr); ok && len(e.Args) == 1 {
		// delete(@m[k])
		m, keys = b.mapSpec(me), me.Keys
	} else {
		var ok bool
		if m, ok = b.mapArg(e, 0); !ok {
			return nil, nil, false
		}
		keys = keysOf(e.Args[1:])
	}
	return m, keys, m != nil
}

// str reads a NUL-terminated string from the address its argument holds, or
// passes a string argument through.
func (b *fn) str(e *ast.CallExpr, t *types.Type) val {
	if p, k, ok := types.ParamOffset(e.Args[0]); ok {
		return b.strParamOffset(p, k, t)
	}
	x := b.expr(e.Args[0])
	if x.t.Kind == types.String {
		if x.t.Size <= t.Size {
			return x
		}
		// Truncate, keeping the string terminated.
		m := b.temp("str", t.Size)
		b.store(x, m, t)
		b.emit(ir.Insn{Op: ir.Store, Mem: offset(m, t.Size-1), B: ir.I(0), Size: 1})
		return val{t: t, mem: m, inMem: true}
	}
	addr := b.scalar(x)
	m := b.temp("str", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
	b.emit(ir.Insn{Op: ir.Call, Helper: probeReadStr(b.strSpace(x)), Args: []ir.Value{ir.Addr(m), b.strReadSize(e, t.Size), ir.R(addr)}})
	return val{t: t, mem: m, inMem: true}
}

// strReadSize is how many bytes str(p[, n]) reads into a buffer of size
// bytes: n characters and the NUL, at most the buffer, nothing for a
// negative n. A literal n sized the buffer already; a variable's is
// known when compiling or only when running.
func (b *fn) strReadSize(e *ast.CallExpr, size int) ir.Value {
	if len(e.Args) < 2 {
		return ir.I(int64(size))
	}
	n := b.expr(e.Args[1])
	if n.isConst {
		return ir.I(min(max(n.k+1, 0), int64(size)))
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: b.scalar(n), B: ir.I(1)})
	notNeg, fits := b.newLabel("notneg"), b.newLabel("fits")
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JSGE, B: ir.I(0), Label: notNeg})
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	b.label(notNeg)
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JSLE, B: ir.I(int64(size)), Label: fits})
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(int64(size))})
	b.label(fits)
	return ir.R(r)
}

// strInto has str() of an address read the string straight into dst.
func strInto(b *fn, e ast.Expr, dst ir.Mem, dt *types.Type, pad bool) bool {
	x, ok := e.(*ast.CallExpr)
	if !ok || len(x.Args) == 0 || b.typeOf(x.Args[0]).Kind == types.String {
		return false
	}
	ptr := b.expr(x.Args[0])
	if pad {
		b.emit(ir.Insn{Op: ir.Zero, Mem: dst, Size: dt.Size})
	}
	n := min(b.typeOf(x).Size, dt.Size)
	addr := b.scalar(ptr)
	b.emit(ir.Insn{Op: ir.Call, Helper: probeReadStr(b.strSpace(ptr)), Args: []ir.Value{ir.Addr(dst), b.strReadSize(x, n), ir.R(addr)}})
	return true
}

// strSpace is the address space str() reads from: the pointer's own, or
// for a plain integer, user space where the attach point says integers are
// user addresses (syscall tracepoints) and the kernel elsewhere.
func (b *fn) strSpace(x val) types.AddrSpace {
	if x.t.Kind == types.Pointer {
		return x.t.Space
	}
	if b.ap.UserInts() {
		return types.User
	}
	return types.Kernel
}

// join reads up to joinArgs strings from an array of string pointers (such
// as execve's argv) and sends them for printing. The record holds the
// number of strings read, then the strings, each in a StrLen slot.
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
	base := b.scalar(x)
	strLen := b.c.conf.StrLen
	ev := &Event{Kind: JoinEvent, Sep: sep, Count: joinArgs, StrLen: strLen}
	ptr := b.temp("joinptr", 8)
	b.record(ev, 8+joinArgs*strLen, func(payload ir.Mem) {
		count := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Mov, Dst: count, B: ir.I(0)})
		end := b.newLabel("joinend")
		for i := 0; i < joinArgs; i++ {
			addr := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: addr, A: base, B: ir.I(int64(i * 8))})
			b.emit(ir.Insn{Op: ir.Store, Mem: ptr, B: ir.I(0), Size: 8})
			b.emit(ir.Insn{Op: ir.Call, Helper: probeRead(space), Args: []ir.Value{ir.Addr(ptr), ir.I(8), ir.R(addr)}})
			p := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: p, Mem: ptr, Size: 8})
			b.emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: end})
			b.emit(ir.Insn{Op: ir.Call, Helper: probeReadStr(space), Args: []ir.Value{
				ir.Addr(offset(payload, 8+i*strLen)), ir.I(int64(strLen)), ir.R(p)}})
			b.emit(ir.Insn{Op: ir.Mov, Dst: count, B: ir.I(int64(i + 1))})
		}
		b.label(end)
		b.emit(ir.Insn{Op: ir.Store, Mem: payload, B: ir.R(count), Size: 8})
	})
}

// mapLen counts a map's entries with the bpf_map_sum_elem_count kfunc
// (Linux 6.6), as bpftrace does. A histogram's buckets are entries of their
// own, which that count cannot tell apart from keys.
func (b *fn) mapLen(e *ast.CallExpr, t *types.Type) val {
	m, ok := b.keyedMapArg(e)
	if !ok {
		return constVal(t, 0)
	}
	if m.Buckets {
		b.errorf(e, "len() of %s map %s is not supported: its buckets are entries of their own", m.User.Value, m.Name)
		return constVal(t, 0)
	}
	const name = "bpf_map_sum_elem_count"
	if b.c.conf.Env == nil {
		b.errorf(e, "len() needs the kernel function %s, which cannot be looked up here", name)
		return constVal(t, 0)
	}
	id, err := b.c.conf.Env.KernelFuncID(name)
	if err != nil {
		b.errorf(e, "len() needs the kernel function %s (Linux 6.6 or later): %v", name, err)
		return constVal(t, 0)
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Call, Dst: r, Kfunc: &ir.Kfunc{Name: name, BTFID: id}, Args: []ir.Value{ir.MapArg(m.Name)}})
	return val{t: t, reg: r}
}
