package types

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/printf"
)

// The system functions of bpftrace's standard library: the process, the
// clock, cgroups, messages and compile-time predicates. Their lowerings are
// in compiler/lower_system.go.

// pidModes are the namespaces pid() and tid() take; clockModes the
// clocks of nsecs().
var (
	pidModes   = []string{"curr_ns", "init"}
	clockModes = []string{"boot", "monotonic", "tai", "sw_tai"}
)

// ResolvedT returns the type of a value that user space resolves to text
// with resolver, one of the Resolver names.
func ResolvedT(resolver string) *Type { return &Type{Kind: Resolved, Size: 8, Name: resolver} }

// ResolverName is the resolver of a Resolved type without cgroup_path's
// filter.
func ResolverName(t *Type) string {
	name, _, _ := strings.Cut(t.Name, ":")
	return name
}

// ResolverFilter is cgroup_path's filter of a Resolved type, "" for none.
func ResolverFilter(t *Type) string {
	_, filter, _ := strings.Cut(t.Name, ":")
	return filter
}

// systemBuiltins returns the entries of the system functions, in a table
// indexed like builtins: an array, which costs nothing to build at
// start-up.
func systemBuiltins() *[NumBuiltins]Builtin {
	return &[NumBuiltins]Builtin{
		BuiltinJiffies: variable("jiffies", Uint64),
		BuiltinNumaID:  variable("numaid", Uint32),
		BuiltinProbeType: {Name: "probetype",
			value: func(c *checker, _ *ast.Ident) *Type { return c.probeTypeT() },
			call:  func(c *checker, _ *ast.CallExpr) *Type { return c.probeTypeT() }},
		BuiltinHasCPID: {Name: "has_cpid",
			value: func(c *checker, id *ast.Ident) *Type { return c.hasCPID(id) },
			call:  func(c *checker, call *ast.CallExpr) *Type { return c.hasCPID(call) }},
		// usermode reads the CS register of the interrupted context,
		// which only profile probes (pt_regs) have.
		BuiltinUsermode: {Name: "usermode", Kinds: []ProbeKind{ProfileProbe},
			value: func(*checker, *ast.Ident) *Type { return NewInt(1, false) },
			call:  func(*checker, *ast.CallExpr) *Type { return NewInt(1, false) }},
		BuiltinUsername: {Name: "username",
			value: func(*checker, *ast.Ident) *Type { return ResolvedT("username") },
			call:  func(*checker, *ast.CallExpr) *Type { return ResolvedT("username") }},
		BuiltinCgroupID:    {Name: "cgroupid", MinArgs: 1, MaxArgs: 1, call: (*checker).cgroupid},
		BuiltinCgroupPath:  {Name: "cgroup_path", MinArgs: 1, MaxArgs: 2, call: (*checker).cgroupPath},
		BuiltinStrerror:    {Name: "strerror", MinArgs: 1, MaxArgs: 1, call: resolvedCall("strerror")},
		BuiltinSignalName:  {Name: "signal_name", MinArgs: 1, MaxArgs: 1, call: resolvedCall("signal_name")},
		BuiltinSyscallName: {Name: "syscall_name", MinArgs: 1, MaxArgs: 1, call: resolvedCall("syscall_name")},
		BuiltinCat:         {Name: "cat", MinArgs: 1, MaxArgs: -1, Stmt: true, needs: "a file name format", call: (*checker).printf},
		BuiltinErrorf:      {Name: "errorf", MinArgs: 1, MaxArgs: -1, Stmt: true, needs: "a format string", call: (*checker).printf},
		BuiltinWarnf:       {Name: "warnf", MinArgs: 1, MaxArgs: -1, Stmt: true, needs: "a format string", call: (*checker).printf},
		BuiltinDebugf:      {Name: "debugf", MinArgs: 1, MaxArgs: -1, Stmt: true, needs: "a format string", call: (*checker).printf},
		BuiltinFail:        {Name: "fail", MinArgs: 1, MaxArgs: -1, Stmt: true, needs: "a format string", call: (*checker).fail},
		BuiltinAssert:      {Name: "assert", MinArgs: 2, MaxArgs: 2, Stmt: true, call: (*checker).assert},
		BuiltinStaticAssert: {Name: "static_assert", MinArgs: 2, MaxArgs: 2, Stmt: true,
			call: (*checker).staticAssert},
		BuiltinIsErr: {Name: "is_err", MinArgs: 1, MaxArgs: 1, call: (*checker).isErr},
		BuiltinIsStr: predicate("is_str", func(t *Type, _ ast.Expr) bool { return t.Kind == String }),
		BuiltinIsPtr: predicate("is_ptr", func(t *Type, _ ast.Expr) bool { return t.Kind == Pointer }),
		BuiltinIsInteger: predicate("is_integer", func(t *Type, _ ast.Expr) bool {
			return t.Kind == Int
		}),
		BuiltinIsUnsignedInteger: predicate("is_unsigned_integer", func(t *Type, _ ast.Expr) bool {
			return t.Kind == Int && !t.Signed
		}),
		BuiltinIsArray: predicate("is_array", func(t *Type, _ ast.Expr) bool { return t.Kind == Array }),
		BuiltinIsLiteral: predicate("is_literal", func(_ *Type, e ast.Expr) bool {
			switch e := unparen(e).(type) {
			case *ast.IntLit:
				return e != nil
			case *ast.StrLit:
				return e != nil
			}
			return false
		}),
		BuiltinAssertStr: {Name: "assert_str", MinArgs: 1, MaxArgs: 1, Stmt: true, call: (*checker).assertStr},
		// The current task's parent and thread group leader, read from
		// struct task_struct at offsets from the kernel's BTF. The forms
		// that take a task pointer wait for typed kernel pointers.
		BuiltinPPID:       variable("ppid", Uint32),
		BuiltinPComm:      variable("pcomm", NewString(16)),
		BuiltinLeaderTID:  variable("leader_tid", Uint32),
		BuiltinLeaderComm: variable("leader_comm", NewString(16)),
	}
}

// withMode makes the entry of a builtin variable that may also be called
// with one mode, an identifier: pid(init), nsecs(tai).
func withMode(name string, t *Type, modes ...string) Builtin {
	return Builtin{
		Name:    name,
		MaxArgs: 1,
		value:   func(*checker, *ast.Ident) *Type { return t },
		call: func(c *checker, call *ast.CallExpr) *Type {
			if len(call.Args) == 1 {
				if _, ok := c.mode(call, modes); !ok {
					return InvalidT
				}
			}
			return t
		},
	}
}

// Mode returns the mode a call such as nsecs(tai) names, or "" when it
// has none.
func Mode(call *ast.CallExpr) string {
	if len(call.Args) != 1 {
		return ""
	}
	if id, ok := unparen(call.Args[0]).(*ast.Ident); ok && id != nil {
		return id.Name
	}
	return ""
}

// mode checks the mode argument of a call. The mode is a name, not a
// value: it is typed as none.
func (c *checker) mode(call *ast.CallExpr, modes []string) (string, bool) {
	m := Mode(call)
	if m == "" {
		c.expr(call.Args[0])
	} else {
		c.record(call.Args[0], VoidT)
		c.recordParens(call.Args[0], VoidT)
	}
	if slices.Contains(modes, m) {
		return m, true
	}
	c.errorf(call.Args[0], "%s() takes one of %s", call.Name, strings.Join(modes, ", "))
	return "", false
}

// commBuiltin is comm, the current thread's name, which comm(pid) gives
// for the process pid.
func commBuiltin() Builtin {
	t := NewString(16)
	return Builtin{
		Name:    "comm",
		MaxArgs: 1,
		value:   func(*checker, *ast.Ident) *Type { return t },
		call: func(c *checker, call *ast.CallExpr) *Type {
			if len(call.Args) == 0 {
				return t
			}
			if !c.intArg(call, call.Args[0], "pid") {
				return InvalidT
			}
			// The kernel lets raw tracepoint programs, which run begin
			// and end probes, call no bpf_task_from_pid.
			for _, a := range c.probeAttach() {
				if a.Kind == BeginProbe || a.Kind == EndProbe {
					c.errorf(call, "comm(pid) is not available in %s probes", a.Kind)
					return InvalidT
				}
			}
			return t
		},
	}
}

// probeAttach is the current probe's attach points.
func (c *checker) probeAttach() []*AttachPoint {
	if c.probe == nil {
		return nil
	}
	return c.probe.Attach
}

// ProbeTypeName is what probetype says in probes of kind k: begin and end
// probes are "special", as upstream.
func ProbeTypeName(k ProbeKind) string {
	if k == BeginProbe || k == EndProbe {
		return "special"
	}
	return k.String()
}

// probeTypeT is a string type that holds the probe type of every attach
// point of the current probe.
func (c *checker) probeTypeT() *Type {
	n := len("special")
	if c.probe != nil {
		for _, a := range c.probe.Attach {
			n = max(n, len(ProbeTypeName(a.Kind)))
		}
	}
	return NewString(n + 1)
}

// hasCPID records whether the program has a -c command.
func (c *checker) hasCPID(e ast.Expr) *Type {
	if c.conf.ChildPID != 0 {
		c.info.Consts[e] = 1
	} else {
		c.info.Consts[e] = 0
	}
	return BoolT
}

// cpid is the -c command's pid. Without one it is 0, and reading it warns
// at run time, as upstream: Consts marks that use.
func (c *checker) cpid(e ast.Expr) *Type {
	if c.conf.ChildPID == 0 {
		c.info.Consts[e] = 0
	}
	return Uint32
}

// NoChildPID reports whether e, a use of cpid, has no -c command to stand
// for, so that it reads as 0 with a warning.
func (info *Info) NoChildPID(e ast.Expr) bool {
	_, ok := info.Consts[e]
	return ok
}

// intArg checks an argument that must be an integer.
func (c *checker) intArg(call *ast.CallExpr, a ast.Expr, what string) bool {
	t := c.expr(a)
	if t.Kind != Int && t.Kind != Invalid {
		c.errorf(a, "%s() needs an integer %s, not %s", call.Name, what, t)
		return false
	}
	return t.Kind == Int
}

// stringLit checks an argument that must be a string literal.
func (c *checker) stringLit(call *ast.CallExpr, a ast.Expr, what string) (string, bool) {
	c.expr(a)
	lit, ok := unparen(a).(*ast.StrLit)
	if !ok || lit == nil {
		c.errorf(a, "%s() %s must be a string literal", call.Name, what)
		return "", false
	}
	return lit.Value, true
}

// resolvedCall types a function of one integer that user space prints as
// text: strerror(errno), signal_name(sig), syscall_name(nr).
func resolvedCall(resolver string) func(*checker, *ast.CallExpr) *Type {
	return func(c *checker, call *ast.CallExpr) *Type {
		if !c.intArg(call, call.Args[0], "argument") {
			return InvalidT
		}
		return ResolvedT(resolver)
	}
}

// cgroupIDResult is one answer of Env.CgroupID.
type cgroupIDResult struct {
	id  uint64
	err error
}

// cgroupid resolves cgroupid(path) at compile time, as upstream.
func (c *checker) cgroupid(call *ast.CallExpr) *Type {
	path, ok := c.stringLit(call, call.Args[0], "path")
	if !ok {
		return InvalidT
	}
	r, seen := c.shared.cgroupIDs[path]
	if !seen {
		if c.conf.Env == nil {
			r.err = fmt.Errorf("no system to look it up in")
		} else {
			r.id, r.err = c.conf.Env.CgroupID(path)
		}
		c.shared.cgroupIDs[path] = r
	}
	if r.err != nil {
		c.errorf(call.Args[0], "cgroupid(): cannot find cgroup %s: %v", path, r.err)
		return InvalidT
	}
	c.info.Consts[call] = r.id
	return Uint64
}

// cgroupPath checks cgroup_path(id[, filter]).
func (c *checker) cgroupPath(call *ast.CallExpr) *Type {
	ok := c.intArg(call, call.Args[0], "cgroup id")
	name := "cgroup_path"
	if len(call.Args) == 2 {
		filter, fok := c.stringLit(call, call.Args[1], "filter")
		ok = ok && fok
		if filter != "" {
			name += ":" + filter
		}
	}
	if !ok {
		return InvalidT
	}
	return ResolvedT(name)
}

// fail reports its message as an error when the checker reaches it
// outside a branch a constant condition never takes. Its arguments must
// be literals, since they are formatted now.
func (c *checker) fail(call *ast.CallExpr) *Type {
	format, ok := c.stringLit(call, call.Args[0], "format")
	args := make([]ast.Expr, 0, len(call.Args)-1)
	for _, a := range call.Args[1:] {
		c.expr(a)
		switch x := unparen(a).(type) {
		case *ast.IntLit, *ast.StrLit, *ast.PosParam:
			args = append(args, x)
		default:
			c.errorf(a, "fail() arguments must be literals")
			ok = false
		}
	}
	if !ok || c.dead > 0 {
		return VoidT
	}
	msg, err := c.formatConst(format, args)
	if err != nil {
		c.errorf(call.Args[0], "fail() format: %v", err)
		return VoidT
	}
	c.errorf(call, "%s", msg)
	return VoidT
}

// formatConst formats literal arguments with a printf format at compile
// time.
func (c *checker) formatConst(format string, args []ast.Expr) (string, error) {
	dirs, err := printf.Parse(format)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	i := 0
	for _, d := range dirs {
		if d.Verb == 0 {
			sb.WriteString(d.Lit)
			continue
		}
		if i >= len(args) {
			return "", fmt.Errorf("%s has no argument", d.Lit)
		}
		a := args[i]
		i++
		spec := "%" + d.Flags
		if d.HasWidth {
			spec += strconv.Itoa(d.Width)
		}
		if d.HasPrec {
			spec += "." + strconv.Itoa(d.Prec)
		}
		switch x := a.(type) {
		case *ast.StrLit:
			fmt.Fprintf(&sb, spec+"s", x.Value)
		case *ast.IntLit:
			fmt.Fprintf(&sb, spec+goVerb(d.Verb), x.Value)
		case *ast.PosParam:
			if n, ok := c.constInt(x); ok && d.IntVerb() {
				fmt.Fprintf(&sb, spec+goVerb(d.Verb), n)
			} else {
				s, _ := c.param(x.Index)
				fmt.Fprintf(&sb, spec+"s", s)
			}
		}
	}
	if i != len(args) {
		return "", fmt.Errorf("needs %s, got %d", plural(i, "argument"), len(args))
	}
	return sb.String(), nil
}

// goVerb is the fmt verb of an integer conversion.
func goVerb(v byte) string {
	switch v {
	case 'x', 'X', 'o', 'c':
		return string(v)
	case 's':
		return "v"
	}
	return "d"
}

// assert checks assert(cond, msg): the message is a string literal.
func (c *checker) assert(call *ast.CallExpr) *Type {
	if t := c.expr(call.Args[0]); !isCondition(t) {
		c.errorf(call.Args[0], "assert() condition must be an integer or pointer, not %s", t)
	}
	c.stringLit(call, call.Args[1], "message")
	return VoidT
}

// staticAssert checks static_assert(cond, msg) at compile time.
func (c *checker) staticAssert(call *ast.CallExpr) *Type {
	t := c.expr(call.Args[0])
	msg, ok := c.stringLit(call, call.Args[1], "message")
	if t.Kind == Invalid {
		return VoidT
	}
	f := c.fold(call.Args[0])
	switch {
	case f.err != nil:
		c.errs.Add(f.err)
	case !f.ok:
		c.errorf(f.blame, "static_assert() condition must be known at compile time%s", runTimePart(f, call.Args[0]))
	case f.k.bits == 0 && ok:
		c.errorf(call, "static assertion failed: %s", msg)
	}
	return VoidT
}

// assertStr checks that its argument is a string.
func (c *checker) assertStr(call *ast.CallExpr) *Type {
	if t := c.expr(call.Args[0]); t.Kind != String && t.Kind != Invalid {
		c.errorf(call.Args[0], "assert_str(): %s is not a string", t)
	}
	return VoidT
}

// isErr checks is_err(ptr).
func (c *checker) isErr(call *ast.CallExpr) *Type {
	t := c.expr(call.Args[0])
	if t.Kind != Int && t.Kind != Pointer && t.Kind != Invalid {
		c.errorf(call.Args[0], "is_err() needs a pointer or an integer, not %s", t)
	}
	return BoolT
}

// predicate makes a compile-time type predicate: is_str(x) and the like.
// The argument is typed, never evaluated.
func predicate(name string, holds func(t *Type, arg ast.Expr) bool) Builtin {
	return Builtin{Name: name, MinArgs: 1, MaxArgs: 1, call: func(c *checker, call *ast.CallExpr) *Type {
		t := c.expr(call.Args[0])
		if t.Kind == Invalid {
			return InvalidT
		}
		if holds(t, call.Args[0]) {
			c.info.Consts[call] = 1
		} else {
			c.info.Consts[call] = 0
		}
		return BoolT
	}}
}

// deadIf checks f inside a branch that is never taken when dead holds.
func (c *checker) deadIf(dead bool, f func()) {
	if dead {
		c.dead++
		defer func() { c.dead-- }()
	}
	f()
}

// constCond evaluates a condition at compile time, if it is an integer
// constant expression (fold.go).
func (c *checker) constCond(e ast.Expr) (holds, isConst bool) {
	f := c.fold(e)
	return f.ok && f.k.bits != 0, f.ok
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
