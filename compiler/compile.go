package compiler

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/types"
)

// Config holds the facts about the target the compiler needs.
type Config struct {
	StrLen     int    // size of str() buffers; 0 means types.DefaultStrLen
	NumCPUs    int    // the value of the ncpus builtin
	StartNS    uint64 // CLOCK_MONOTONIC at start, the origin of `elapsed`
	MaxMapKeys int    // entries per map; 0 means DefaultMaxMapKeys
	// StackBudget is how many bytes of the frame buffers may take before
	// they go to the scratch map: 0 means the default, negative none.
	// Codegen needs the rest for spills; a caller whose function came out
	// too big for the frame compiles again with less.
	StackBudget int
	// ChildPID is the pid of the -c command: the value of cpid.
	ChildPID int
	// Kfunc resolves a kernel function to its BTF id in vmlinux; it is
	// asked only when a program needs one (len() of a map).
	Kfunc func(name string) (int32, error)
}

// DefaultMaxMapKeys is bpftrace's default map size.
const DefaultMaxMapKeys = 4096

// defaultStackBudget is how much of the 512-byte frame the compiler hands out to
// buffers; the rest is left to codegen for spills. Buffers beyond it go to
// the per-CPU scratch map. 192 bytes (24 spill slots) of room for codegen:
// with 128, big generated probes (internal/progen) ran out of frame while
// more than 15 spilled values were live at once.
const defaultStackBudget = 320

// Compile lowers a checked program. info must come from a successful
// types.Check of prog.
func Compile(prog *ast.Program, info *types.Info, conf Config) (*Plan, error) {
	if conf.StrLen == 0 {
		conf.StrLen = types.DefaultStrLen
	}
	if conf.MaxMapKeys == 0 {
		conf.MaxMapKeys = DefaultMaxMapKeys
	}
	if conf.NumCPUs == 0 {
		conf.NumCPUs = 1
	}
	budget := conf.StackBudget
	if budget == 0 {
		budget = defaultStackBudget
	}
	c := &compiler{conf: conf, info: info, plan: &Plan{Info: info}, maps: map[string]*MapSpec{}, budget: budget}
	c.declareMaps()
	names := map[string]int{}
	for _, p := range info.Probes {
		// A block's attach points whose code would come out the same (a
		// wildcard's expansions, mostly) share one compiled function.
		compiled := map[string]*ir.Func{}
		for _, ap := range p.Attach {
			key := codeKey(ap)
			fn := compiled[key]
			if fn == nil {
				fn = c.compileProbe(p, ap)
				compiled[key] = fn
			}
			prog := &Program{Name: programName(ap, names), Attach: ap, Func: fn}
			if ap.Kind.Attached() {
				prog.Cookie = uint64(c.probeID(ap.Name))
			}
			c.plan.Programs = append(c.plan.Programs, prog)
		}
	}
	c.events.MaxEntries = eventsRingSize(c.onceEventBytes, c.streamsEvents)
	if c.scratchSize > 0 {
		c.addMap(&MapSpec{Name: ScratchMap, Kind: PerCPUArrayMap, KeySize: 4, ValueSize: alignUp(c.scratchSize, 8), MaxEntries: 1})
	}
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	return c.plan, nil
}

type compiler struct {
	conf        Config
	info        *types.Info
	plan        *Plan
	maps        map[string]*MapSpec
	errs        diag.List
	scratchSize int // bytes of the scratch map's value any function needs
	events      *MapSpec
	// What the programs send through the event ring buffer, which sizes
	// it: whether any attached probe sends records, and at most how many
	// bytes of records begin and end probes send (see eventsRingSize).
	streamsEvents  bool
	onceEventBytes int
	budget         int // stack bytes for buffers per function
}

func (c *compiler) addMap(m *MapSpec) {
	c.maps[m.Name] = m
	c.plan.Maps = append(c.plan.Maps, m)
}

// declareMaps creates a MapSpec for every user map and the event ring
// buffer. Maps are declared in name order so plans are deterministic.
func (c *compiler) declareMaps() {
	for _, name := range sortedKeys(c.info.Maps) {
		c.addMap(c.userMapSpec(c.info.Maps[name]))
	}
	c.events = &MapSpec{Name: EventsMap, Kind: RingBufMap} // sized once the probes are compiled
	c.addMap(c.events)
	c.addMap(&MapSpec{Name: CountersMap, Kind: ArrayMap, KeySize: 4, ValueSize: 8, MaxEntries: 1})
}

// Event ring buffer sizes, in bytes: powers of two, and multiples of every
// page size Linux uses (4 to 64 KiB), as the kernel requires.
const (
	minEventsRing       = 64 << 10
	streamingEventsRing = 1 << 20
)

// eventsRingSize sizes the event ring buffer. Probes that fire on events
// may send any number of records, in bursts, so a program with such
// senders gets the large ring. Begin and end probes run once and have no
// loops, so what they can send adds up to a bound (onceBytes), and a
// program whose other probes send nothing gets a ring of that size: most
// aggregating scripts send nothing at all, and creating and mapping the
// large ring would cost a quarter of a millisecond of their start-up.
func eventsRingSize(onceBytes int, streams bool) int {
	if streams {
		return streamingEventsRing
	}
	size := minEventsRing
	for size < onceBytes && size < streamingEventsRing {
		size *= 2
	}
	return size
}

// ringRecordSize is the room a record with size bytes of data takes in a
// BPF ring buffer: an 8-byte header and the data rounded up to 8 bytes.
func ringRecordSize(size int) int { return 8 + alignUp(size, 8) }

func (c *compiler) userMapSpec(m *types.Map) *MapSpec {
	s := &MapSpec{Name: m.Name, User: m, MaxEntries: c.conf.MaxMapKeys, Kind: HashMap}
	if m.Key != nil {
		s.KeyPad = alignUp(m.Key.Size, 8)
	}
	if agg := types.AggregationOf(m.Value.Kind); agg != nil {
		// Aggregations keep one slot per CPU: no atomics, no contention.
		s.Kind, s.ValueSize = PerCPUHashMap, agg.SlotSize
		if agg.Buckets {
			s.Buckets = true
			s.KeySize = s.KeyPad + 8
			return s
		}
	} else {
		s.ValueSize = alignUp(m.Value.Size, 8)
	}
	if m.Key == nil {
		s.KeyPad = 8 // scalar maps use the key 0
	}
	s.KeySize = s.KeyPad
	return s
}

// programName makes a unique BPF object name from an attach point.
func programName(ap *types.AttachPoint, seen map[string]int) string {
	base := ap.ObjectName()
	var b strings.Builder
	for _, r := range base {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if len(name) > 11 {
		name = name[:11]
	}
	seen[name]++
	if n := seen[name]; n > 1 {
		name = fmt.Sprintf("%s_%d", name, n)
	}
	return name
}

// codeKey is what a block's code depends on in an attach point: its kind;
// for probes run once (begin and end), whose probe id is a constant, its
// name; whether integers given to str() are user addresses (syscall
// tracepoints); and the layout of the record args denotes, when the block
// uses args. Attach points with the same key compile to the same function.
func codeKey(ap *types.AttachPoint) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", ap.Kind)
	if !ap.Kind.Attached() {
		b.WriteString(" " + ap.Name)
	}
	if ap.UserInts() {
		b.WriteString(" user")
	}
	if ap.Args != nil {
		b.WriteString(" ")
		writeLayout(&b, ap.Args)
	}
	return b.String()
}

// writeLayout writes everything about t that code generated for it
// depends on.
func writeLayout(b *strings.Builder, t *types.Type) {
	fmt.Fprintf(b, "{%d %d %t %d %d", t.Kind, t.Size, t.Signed, t.Len, t.Space)
	if t.Elem != nil {
		writeLayout(b, t.Elem)
	}
	for _, f := range t.Fields {
		fmt.Fprintf(b, " %s@%d/%t:", f.Name, f.Offset, f.DataLoc)
		writeLayout(b, f.Type)
	}
	b.WriteString("}")
}

// probeID returns the index of a probe name for the `probe` builtin.
func (c *compiler) probeID(name string) int64 {
	for i, n := range c.plan.ProbeNames {
		if n == name {
			return int64(i)
		}
	}
	c.plan.ProbeNames = append(c.plan.ProbeNames, name)
	return int64(len(c.plan.ProbeNames) - 1)
}

// addEvent registers an event kind and returns its id.
func (c *compiler) addEvent(e *Event) int64 {
	c.plan.Events = append(c.plan.Events, e)
	return int64(len(c.plan.Events) - 1)
}

// fn builds one ir.Func: a block compiled for one attach point.
type fn struct {
	c    *compiler
	f    *ir.Func
	ap   *types.AttachPoint
	body []ir.Insn // instructions before the prologue is known

	vars    map[*types.Variable]*varHome
	varList []*varHome // in order of first use, for a deterministic prologue
	labels  int
	exit    string // the label of the final `return 0`

	stack       int // bytes of stack handed out
	temps       []tempBuf
	scratch     int // bytes of the scratch value handed out permanently
	scratchT    int // ... and to temporaries of the current statement
	scratchPeak int
	scrBase     ir.Reg
}

type varHome struct {
	t   *types.Type
	reg ir.Reg // scalars
	mem ir.Mem // everything else
}

type tempBuf struct {
	slot ir.Slot
	size int
	busy bool
}

func (c *compiler) compileProbe(p *types.Probe, ap *types.AttachPoint) *ir.Func {
	// Room for a one-line probe's instructions up front: growing the list
	// from nothing would copy it four times.
	b := &fn{c: c, f: &ir.Func{Name: "probe"}, ap: ap, vars: map[*types.Variable]*varHome{}, body: make([]ir.Insn, 0, 16)}
	b.exit = b.newLabel("exit")
	if pred := p.Node.Pred; pred != nil {
		// The predicate jumps into the body when it holds and falls
		// through to a return when it does not: a probe that filters out
		// most events then runs a few straight-line instructions at the
		// start of the program, rather than taking a jump to its far end
		// (another cache line to fetch on every event).
		body := b.newLabel("body")
		b.cond(pred, body, true)
		b.emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
		b.label(body)
	}
	b.block(p.Node.Body)
	if b.scratchPeak > maxScratch {
		b.errorf(p.Node.Specs[0], "this probe needs %d bytes for its strings and values, more than the %d BPF can address: use fewer or shorter strings (str(x, n))", b.scratchPeak, maxScratch)
	}
	b.emit(ir.Insn{Op: ir.Label, Label: b.exit})
	b.emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
	b.finish()
	return b.f
}

func (b *fn) emit(in ir.Insn) { b.body = append(b.body, in) }

func (b *fn) newLabel(hint string) string {
	b.labels++
	return hint + "_" + strconv.Itoa(b.labels)
}

func (b *fn) label(l string) { b.emit(ir.Insn{Op: ir.Label, Label: l}) }
func (b *fn) jump(l string)  { b.emit(ir.Insn{Op: ir.Jump, Label: l}) }

func (b *fn) errorf(n ast.Node, format string, args ...any) {
	b.c.errs.Addf(n, format, args...)
}

// finish prepends the prologue: when the function uses scratch space, it
// looks the scratch map's only value up once on entry.
//
// Variables are zeroed on entry too: a variable first assigned inside an
// `if` may be read after it, and the verifier rejects reads of registers or
// stack that no path initialised.
func (b *fn) finish() {
	var pro []ir.Insn
	for _, h := range b.varList {
		if h.reg != 0 {
			pro = append(pro, ir.Insn{Op: ir.Mov, Dst: h.reg, B: ir.I(0)})
		}
	}
	if b.scrBase != 0 {
		key := b.f.NewSlot("scratch_key", 4)
		pro = append(pro, []ir.Insn{
			{Op: ir.Store, Mem: ir.Mem{Slot: key}, B: ir.I(0), Size: 4},
			{Op: ir.Call, Dst: b.scrBase, Helper: helperMapLookup, Args: []ir.Value{ir.MapArg(ScratchMap), ir.Addr(ir.Mem{Slot: key})}},
			{Op: ir.Branch, A: b.scrBase, Cond: jEq, B: ir.I(0), Label: b.exit},
		}...)
	}
	for _, h := range b.varList {
		if h.reg == 0 {
			pro = append(pro, ir.Insn{Op: ir.Zero, Mem: h.mem, Size: alignUp(h.t.Size, 8)})
		}
	}
	if len(pro) == 0 {
		b.f.Insns = b.body
		return
	}
	b.f.Insns = append(pro, b.body...)
}

// ---- buffers ----

// temp returns a buffer of size bytes that lives until the end of the
// current statement.
func (b *fn) temp(name string, size int) ir.Mem {
	size = alignUp(size, 8)
	best := -1
	for i, t := range b.temps {
		if !t.busy && t.size >= size && (best < 0 || t.size < b.temps[best].size) {
			best = i
		}
	}
	if best >= 0 {
		b.temps[best].busy = true
		return ir.Mem{Slot: b.temps[best].slot}
	}
	if b.stack+size <= b.c.budget {
		b.stack += size
		s := b.f.NewSlot(name, size)
		b.temps = append(b.temps, tempBuf{slot: s, size: size, busy: true})
		return ir.Mem{Slot: s}
	}
	off := b.scratch + b.scratchT
	b.scratchT += size
	b.noteScratch(off + size)
	return ir.Mem{Base: b.scratchBase(), Off: int32(off)}
}

// perm returns a buffer for the whole function (variables).
func (b *fn) perm(name string, size int) ir.Mem {
	size = alignUp(size, 8)
	if b.stack+size <= b.c.budget {
		b.stack += size
		return ir.Mem{Slot: b.f.NewSlot(name, size)}
	}
	off := b.scratch
	b.scratch += size
	b.noteScratch(b.scratch + b.scratchT)
	return ir.Mem{Base: b.scratchBase(), Off: int32(off)}
}

// maxScratch is the most scratch space a program can use: BPF addresses
// memory with signed 16-bit offsets from one base register.
const maxScratch = 1<<15 - 1

func (b *fn) noteScratch(n int) {
	b.scratchPeak = max(b.scratchPeak, n)
	if n > b.c.scratchSize {
		b.c.scratchSize = n
	}
}

func (b *fn) scratchBase() ir.Reg {
	if b.scrBase == 0 {
		b.scrBase = b.f.NewReg()
	}
	return b.scrBase
}

// endStatement releases the temporaries of a statement.
func (b *fn) endStatement() {
	for i := range b.temps {
		b.temps[i].busy = false
	}
	b.scratchT = 0
}

// ---- statements ----

func (b *fn) block(blk *ast.Block) {
	for _, s := range blk.Stmts {
		b.stmt(s)
		b.endStatement()
	}
}

func (b *fn) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.Block:
		b.block(s)
	case *ast.ExprStmt:
		b.exprStmt(s.X)
	case *ast.AssignStmt:
		b.assign(s)
	case *ast.LetStmt:
		if tv := b.c.info.Vars[s.Var]; tv != nil && tv.Type == nil {
			return // `let $x;` never assigned: nothing reads it either
		}
		h := b.varHome(s.Var)
		if h == nil {
			return
		}
		if s.Value != nil {
			b.storeVar(h, b.expr(s.Value))
		} else if h.reg != 0 {
			b.emit(ir.Insn{Op: ir.Mov, Dst: h.reg, B: ir.I(0)})
		} else {
			b.emit(ir.Insn{Op: ir.Zero, Mem: h.mem, Size: alignUp(h.t.Size, 8)})
		}
	case *ast.IfStmt:
		elseL := b.newLabel("else")
		b.cond(s.Cond, elseL, false)
		b.block(s.Then)
		if s.Else == nil {
			b.label(elseL)
			return
		}
		endL := b.newLabel("endif")
		b.jump(endL)
		b.label(elseL)
		b.stmt(s.Else)
		b.label(endL)
	case *ast.ReturnStmt:
		b.jump(b.exit)
	default:
		b.errorf(s, "cannot compile statement %T", s)
	}
}

func (b *fn) exprStmt(e ast.Expr) {
	switch e := e.(type) {
	case *ast.CallExpr:
		b.call(e, true)
	case *ast.IncDecExpr:
		b.incDec(e, false)
	default:
		b.expr(e) // evaluated for its effects, if any
	}
}

func (b *fn) assign(s *ast.AssignStmt) {
	switch lhs := s.LHS.(type) {
	case *ast.Var:
		h := b.varHome(lhs)
		if h == nil {
			return
		}
		if s.Op == "=" {
			if h.reg == 0 {
				b.exprInto(s.RHS, h.mem, h.t, true)
				return
			}
			b.storeVar(h, b.expr(s.RHS))
			return
		}
		old := b.loadVar(h)
		nv := b.arith(strings.TrimSuffix(s.Op, "="), old, b.expr(s.RHS), s)
		b.storeVar(h, nv)
	case *ast.MapExpr:
		if call, ok := s.RHS.(*ast.CallExpr); ok && s.Op == "=" && isAggregationCall(call) {
			b.aggregate(lhs, call)
			return
		}
		if s.Op == "=" {
			b.mapStore(lhs, s.RHS)
			return
		}
		op := strings.TrimSuffix(s.Op, "=")
		b.mapUpdate(lhs, func(old val) val { return b.arith(op, old, b.expr(s.RHS), s) })
	default:
		b.errorf(s.LHS, "cannot assign to this expression")
	}
}

// incDec compiles ++/--; when asValue is set it returns the expression's
// value (the old one for postfix, the new one for prefix).
func (b *fn) incDec(e *ast.IncDecExpr, asValue bool) val {
	op := "+"
	if e.Op == "--" {
		op = "-"
	}
	one := val{t: types.Int64, reg: b.constReg(1)}
	var result val
	update := func(old val) val {
		nv := b.arith(op, old, one, e)
		if asValue {
			r := b.f.NewReg()
			src := nv
			if e.Post {
				src = old
			}
			b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.R(src.reg)})
			result = val{t: src.t, reg: r}
		}
		return nv
	}
	switch x := e.X.(type) {
	case *ast.Var:
		h := b.varHome(x)
		if h == nil {
			return b.zeroVal(types.Int64)
		}
		b.storeVar(h, update(b.loadVar(h)))
	case *ast.MapExpr:
		b.mapUpdate(x, update)
	default:
		b.errorf(e, "cannot apply %s to this expression", e.Op)
		return b.zeroVal(types.Int64)
	}
	if !asValue {
		return val{}
	}
	return result
}

// ---- variables ----

func (b *fn) varHome(v *ast.Var) *varHome {
	tv := b.c.info.Vars[v]
	if tv == nil {
		b.errorf(v, "unresolved variable %s", v.Name)
		return nil
	}
	if h := b.vars[tv]; h != nil {
		return h
	}
	h := &varHome{t: tv.Type}
	if isScalar(tv.Type) {
		h.reg = b.f.NewReg()
	} else {
		h.mem = b.perm(tv.Name, tv.Type.Size)
	}
	b.vars[tv] = h
	b.varList = append(b.varList, h)
	return h
}

func (b *fn) storeVar(h *varHome, v val) {
	if h.reg != 0 {
		b.emit(ir.Insn{Op: ir.Mov, Dst: h.reg, B: ir.R(b.scalar(v))})
		return
	}
	b.store(v, h.mem, h.t)
}

func (b *fn) loadVar(h *varHome) val {
	if h.reg != 0 {
		return val{t: h.t, reg: h.reg}
	}
	return val{t: h.t, mem: h.mem, inMem: true}
}
