package compiler

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// The lowerings of the system functions (lang/types/builtins_system.go).

// systemLowerings returns the lowerings of the system functions, in a table
// indexed like lowerings (an array: nothing to build at start-up).
func systemLowerings() *[types.NumBuiltins]lowering {
	return &[types.NumBuiltins]lowering{
		types.BuiltinJiffies:   {value: helperValue(asm.FnJiffies64)},
		types.BuiltinNumaID:    {value: helperValue(asm.FnGetNumaNodeId)},
		types.BuiltinProbeType: {value: lowerProbeType},
		types.BuiltinHasCPID:   {value: lowerConst, call: func(b *fn, e *ast.CallExpr, t *types.Type) val { return lowerConst(b, e, t) }},
		types.BuiltinUsermode:  {value: lowerUsermode},
		types.BuiltinUsername:  {value: halfHelper(asm.FnGetCurrentUidGid, false)},
		types.BuiltinCgroupID:  {call: func(b *fn, e *ast.CallExpr, t *types.Type) val { return lowerConst(b, e, t) }},
		// The configuration (lower_config.go).
		types.BuiltinConfig:           {value: lowerConfig, call: func(b *fn, e *ast.CallExpr, t *types.Type) val { return lowerConfig(b, e, t) }},
		types.BuiltinDefaultStrLength: {value: lowerConst, call: constCall},
		// The id is resolved to text in user space.
		types.BuiltinCgroupPath:  {call: resolvedArg},
		types.BuiltinStrerror:    {call: resolvedArg},
		types.BuiltinSignalName:  {call: resolvedArg},
		types.BuiltinSyscallName: {call: resolvedArg},
		types.BuiltinCat:         {call: statement((*fn).cat)},
		types.BuiltinErrorf:      {call: statement(logCall("ERROR"))},
		types.BuiltinWarnf:       {call: statement(logCall("WARNING"))},
		types.BuiltinDebugf:      {call: statement(logCall("DEBUG"))},
		// fail() is an error where the checker reaches it; elsewhere
		// (branches never taken) it compiles to nothing.
		types.BuiltinFail:              {call: statement(func(*fn, *ast.CallExpr) {})},
		types.BuiltinAssert:            {call: statement((*fn).assert)},
		types.BuiltinStaticAssert:      {call: statement(func(*fn, *ast.CallExpr) {})},
		types.BuiltinAssertStr:         {call: statement(func(*fn, *ast.CallExpr) {})},
		types.BuiltinIsErr:             {call: (*fn).isErr},
		types.BuiltinIsStr:             {call: constCall},
		types.BuiltinIsPtr:             {call: constCall},
		types.BuiltinIsInteger:         {call: constCall},
		types.BuiltinIsUnsignedInteger: {call: constCall},
		types.BuiltinIsArray:           {call: constCall},
		types.BuiltinIsLiteral:         {call: constCall},
	}
}

// lowerConst is a value the checker worked out (types.Info.Consts).
func lowerConst(b *fn, n ast.Node, t *types.Type) val {
	e, _ := n.(ast.Expr)
	return constVal(t, int64(b.c.info.Consts[e]))
}

func constCall(b *fn, e *ast.CallExpr, t *types.Type) val { return lowerConst(b, e, t) }

// resolvedArg passes the integer argument on: user space turns it into
// text when it prints it.
func resolvedArg(b *fn, e *ast.CallExpr, t *types.Type) val {
	return val{t: t, reg: b.scalar(b.expr(e.Args[0]))}
}

// withMode lowers pid(init), nsecs(tai) and the like: mode is the
// identifier the call names, "" for the plain variable.
func withMode(lower func(b *fn, mode string, t *types.Type) val) lowering {
	return lowering{
		value: func(b *fn, _ ast.Node, t *types.Type) val { return lower(b, "", t) },
		call:  func(b *fn, e *ast.CallExpr, t *types.Type) val { return lower(b, types.Mode(e), t) },
	}
}

// lowerPidTid is pid or tid, by default (curr_ns) as bpfscript's own PID
// namespace sees them, with init as the initial namespace does. The two
// differ only when bpfscript runs in a namespace of its own, a container:
// then bpf_get_ns_current_pid_tgid reads the ids in it (0 for a task
// outside it).
func lowerPidTid(high bool) lowering {
	half := halfHelper(asm.FnGetCurrentPidTgid, high)
	return withMode(func(b *fn, mode string, t *types.Type) val {
		ns := b.c.pidNamespace()
		if mode == "init" || ns.Init {
			return half(b, nil, t)
		}
		info := b.temp("pidns", 8)
		b.emit(ir.Insn{Op: ir.Store, Mem: info, B: ir.I(0), Size: 8})
		dev, ino := b.constReg(int64(ns.Dev)), b.constReg(int64(ns.Ino))
		b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnGetNsCurrentPidTgid, Args: []ir.Value{ir.R(dev), ir.R(ino), ir.Addr(info), ir.I(8)}})
		// struct bpf_pidns_info is {u32 pid; u32 tgid}: tid, then pid.
		off := 0
		if high {
			off = 4
		}
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: offset(info, off), Size: 4})
		return val{t: t, reg: r}
	})
}

// lowerNsecs reads the clock nsecs(mode) names.
var lowerNsecs = withMode(func(b *fn, mode string, t *types.Type) val {
	switch mode {
	case "monotonic":
		return val{t: t, reg: b.callHelper(asm.FnKtimeGetNs)}
	case "tai":
		return val{t: t, reg: b.callHelper(asm.FnKtimeGetTaiNs)}
	case "sw_tai":
		// The boot clock plus TAI's offset from it, taken by user space
		// when it loads the program.
		r := b.callHelper(asm.FnKtimeGetBootNs)
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: r, A: r, B: ir.R(b.loadTimeConst(compiled.TAIOffset))})
		return val{t: t, reg: r}
	}
	return val{t: t, reg: b.callHelper(asm.FnKtimeGetBootNs)}
})

// lowerCPIDWarn is cpid: the -c command's pid, or, without one, 0 with a
// warning each time it is read, as upstream.
func lowerCPIDWarn(b *fn, n ast.Node, t *types.Type) val {
	if e, ok := n.(ast.Expr); ok && b.c.info.NoChildPID(e) {
		b.logEvent(n, "WARNING", "cpid is not set: there is no -c command", nil)
		return constVal(t, 0)
	}
	return lowerCPID(b, n, t)
}

func lowerProbeType(b *fn, _ ast.Node, t *types.Type) val {
	return b.stringLit(types.ProbeTypeName(b.ap.Kind), t)
}

// ptRegsCSOffset is the offset of cs in x86-64's struct pt_regs, which a
// perf event's context starts with.
const ptRegsCSOffset = 17 * 8

// lowerUsermode is 1 when the interrupted context ran in user mode: its
// CS selector has privilege level 3.
func lowerUsermode(b *fn, n ast.Node, t *types.Type) val {
	if runtime.GOARCH != "amd64" {
		b.errorf(n, "usermode is only available on x86_64")
		return constVal(t, 0)
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: ir.Mem{Base: b.ctx(), Off: ptRegsCSOffset}, Size: 8})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.And, Dst: r, A: r, B: ir.I(3)})
	res := b.f.NewReg()
	user := b.newLabel("user")
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JEq, B: ir.I(3), Label: user})
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(0)})
	b.label(user)
	return val{t: t, reg: res}
}

// isErr tests for an ERR_PTR: an address in the last page, -4095 to -1.
func (b *fn) isErr(e *ast.CallExpr, t *types.Type) val {
	x := b.scalar(b.expr(e.Args[0]))
	res := b.f.NewReg()
	yes := b.newLabel("iserr")
	lim := b.constReg(-4095)
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(1)})
	b.emit(ir.Insn{Op: ir.Branch, A: x, Cond: asm.JGE, B: ir.R(lim), Label: yes})
	b.emit(ir.Insn{Op: ir.Mov, Dst: res, B: ir.I(0)})
	b.label(yes)
	return val{t: t, reg: res}
}

// cat sends the file name's format and arguments; user space prints the
// file.
func (b *fn) cat(e *ast.CallExpr) {
	format := stringConst(e.Args[0])
	dirs, err := printf.Parse(format)
	if err != nil {
		b.errorf(e.Args[0], "%v", err)
		return
	}
	b.sendEvent(&Event{Kind: CatEvent, Format: format, Directives: dirs, MaxBytes: compiled.DefaultMaxCatBytes}, e.Args[1:])
}

// logCall lowers errorf, warnf and debugf: a message of the given level
// from the call's place in the source.
func logCall(level string) func(b *fn, e *ast.CallExpr) {
	return func(b *fn, e *ast.CallExpr) {
		b.logEvent(e, level, stringConst(e.Args[0]), e.Args[1:])
	}
}

// logEvent sends a LogEvent of format and args from n's place.
func (b *fn) logEvent(n ast.Node, level, format string, args []ast.Expr) {
	dirs, err := printf.Parse(format)
	if err != nil {
		b.errorf(n, "%v", err)
		return
	}
	b.sendEvent(&Event{Kind: LogEvent, Format: format, Directives: dirs, Level: level, Where: where(n),
		Context: diag.Underline(b.c.conf.sourceOf(n), n.Pos(), n.End())}, args)
}

// sourceOf is the text of the file n is in.
func (c *Config) sourceOf(n ast.Node) string {
	if src, ok := c.Sources[n.Pos().File]; ok {
		return src
	}
	return c.Source
}

// where is n's place as upstream's messages give it: file:line:col-col
// when it ends on its line, file:line-line otherwise.
func where(n ast.Node) string {
	start, end := n.Pos(), n.End()
	file := start.File
	if file == "" {
		file = "stdin"
	}
	if end.Line != start.Line {
		return fmt.Sprintf("%s:%d-%d", file, start.Line, end.Line)
	}
	return fmt.Sprintf("%s:%d:%d-%d", file, start.Line, start.Col, end.Col)
}

// assert stops the program with exit code 1 and an error message when the
// condition does not hold.
func (b *fn) assert(e *ast.CallExpr) {
	ok := b.newLabel("assertok")
	b.cond(e.Args[0], ok, true)
	msg := strings.ReplaceAll(stringConst(e.Args[1]), "%", "%%")
	b.logEvent(e, "ERROR", "Assertion failed: "+msg, nil)
	b.record(&Event{Kind: ExitEvent}, 8, func(payload ir.Mem) { b.store(constVal(types.Int64, 1), payload, types.Int64) })
	b.returnStmt()
	b.label(ok)
}

// pidNamespace is the PID namespace pid and tid count in, asked of the Env
// once. Without an Env, or when it cannot tell, it is the initial one.
func (c *compiler) pidNamespace() types.PIDNamespace {
	if c.pidNS == nil {
		ns := types.PIDNamespace{Init: true}
		if c.conf.Env != nil {
			if got, err := c.conf.Env.PIDNamespace(); err == nil {
				ns = got
			}
		}
		c.pidNS = &ns
	}
	return *c.pidNS
}
