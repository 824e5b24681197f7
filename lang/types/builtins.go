package types

import (
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// BuiltinID identifies a builtin variable or function. The checker's table
// (builtins, below) and the compiler's table of lowerings are both indexed
// by it, in the style of go/types' predeclared functions.
type BuiltinID uint8

// The builtins. Variables first, then functions; the order means nothing
// else. Aggregating functions (count(), hist(), ...) are described apart,
// by Aggregation.
const (
	BuiltinPid BuiltinID = iota
	BuiltinTid
	BuiltinUid
	BuiltinGid
	BuiltinComm
	BuiltinNsecs
	BuiltinElapsed
	BuiltinCPU
	BuiltinNCPUs
	BuiltinRand
	BuiltinCgroup
	BuiltinProbe
	BuiltinArgs
	BuiltinCPID
	// The configuration (builtins_config.go).
	BuiltinConfig
	BuiltinDefaultStrLength
	BuiltinPrintf
	BuiltinPrint
	BuiltinExit
	BuiltinDelete
	BuiltinClear
	BuiltinZero
	BuiltinStr
	BuiltinTime
	BuiltinStrftime
	BuiltinJoin
	BuiltinHasKey
	BuiltinLen

	// Strings, buffers, network and bytes (builtins_strings.go).
	BuiltinStrlen
	BuiltinStrcontains
	BuiltinStrncmp
	BuiltinStrstr
	BuiltinStrConcat
	BuiltinStrcap
	BuiltinMemcmp
	BuiltinBuf
	BuiltinKptr
	BuiltinUptr
	BuiltinNtop
	BuiltinPton
	BuiltinMacaddr
	BuiltinBswap
	// Unsafe functions (builtins_unsafe.go).
	BuiltinSystem
	BuiltinSignal
	BuiltinSignalThread
	// Named parameters (getopt.go).
	BuiltinGetopt
	// System functions, typed in builtins_system.go.
	BuiltinJiffies
	BuiltinNumaID
	BuiltinProbeType
	BuiltinHasCPID
	BuiltinUsermode
	BuiltinUsername
	BuiltinCgroupID
	BuiltinCgroupPath
	BuiltinStrerror
	BuiltinSignalName
	BuiltinSyscallName
	BuiltinCat
	BuiltinErrorf
	BuiltinWarnf
	BuiltinDebugf
	BuiltinFail
	BuiltinAssert
	BuiltinStaticAssert
	BuiltinIsErr
	BuiltinIsStr
	BuiltinIsPtr
	BuiltinIsInteger
	BuiltinIsUnsignedInteger
	BuiltinIsArray
	BuiltinIsLiteral
	BuiltinAssertStr
	BuiltinPPID
	BuiltinPComm
	BuiltinLeaderTID
	BuiltinLeaderComm
	// Map functions, typed in builtins_maps.go.
	BuiltinFind
	// Kprobe arguments, return value and function (builtins_kprobe.go).
	BuiltinArg0
	BuiltinArg1
	BuiltinArg2
	BuiltinArg3
	BuiltinArg4
	BuiltinArg5
	BuiltinArg6
	BuiltinArg7
	BuiltinArg8
	BuiltinArg9
	BuiltinRetval
	BuiltinFunc
	// Type context builtins (typeexpr.go).
	BuiltinSizeof
	BuiltinTypeof

	NumBuiltins // the number of builtins, not one
)

// Builtin describes one builtin variable or function to every stage: its
// name, how it may be used and its type rule. The compiler keeps one
// lowering per ID.
type Builtin struct {
	ID   BuiltinID
	Name string
	// MinArgs and MaxArgs bound the arguments of a call; MaxArgs is -1
	// for any number. A variable that can be called (pid()) takes none.
	MinArgs, MaxArgs int
	// Stmt says a call returns nothing and so is a statement on its own.
	Stmt bool
	// Kinds are the probe kinds where the builtin may be used; nil means
	// every kind.
	Kinds []ProbeKind
	// Unsafe marks builtins that change the traced system (bpftrace's
	// --unsafe): using one without Config.Unsafe is an error.
	Unsafe bool

	// needs says what a call with too few arguments lacks, when that
	// reads better than a count: "a format string".
	needs string
	// value types the builtin used as a variable (`pid`); nil for
	// functions.
	value func(c *checker, id *ast.Ident) *Type
	// call types a call whose arity was checked; nil for variables that
	// cannot be called (args, cpid).
	call func(c *checker, call *ast.CallExpr) *Type
}

// IsVar reports whether the builtin can be used as a variable, as `pid`.
func (b *Builtin) IsVar() bool { return b.value != nil }

// Callable reports whether the builtin can be called, as `pid()` or
// `str(p)`.
func (b *Builtin) Callable() bool { return b.call != nil }

// ValidIn reports whether the builtin may be used in probes of kind k.
func (b *Builtin) ValidIn(k ProbeKind) bool {
	if b.Kinds == nil {
		return true
	}
	for _, v := range b.Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// builtins is the table, indexed by ID. It is filled by init because the
// type rules call back into the checker, which looks builtins up here.
var builtins [NumBuiltins]Builtin

// builtinsByName finds a builtin by its name.
var builtinsByName map[string]*Builtin

func init() {
	builtins = [NumBuiltins]Builtin{
		// Variables, typed as current bpftrace documents them.
		BuiltinPid:     withMode("pid", Uint32, pidModes...),
		BuiltinTid:     withMode("tid", Uint32, pidModes...),
		BuiltinUid:     variable("uid", Uint64),
		BuiltinGid:     variable("gid", Uint64),
		BuiltinComm:    commBuiltin(),
		BuiltinNsecs:   withMode("nsecs", Uint64, clockModes...),
		BuiltinElapsed: variable("elapsed", Uint64),
		BuiltinCPU:     variable("cpu", Uint32),
		BuiltinNCPUs:   variable("ncpus", Uint64),
		BuiltinRand:    variable("rand", Uint32),
		BuiltinCgroup:  variable("cgroup", Uint64),
		BuiltinProbe:   variable("probe", ProbeT),
		// args is the probe's record: its type depends on the probe.
		BuiltinArgs: {Name: "args", value: func(c *checker, id *ast.Ident) *Type {
			c.args(id, true)
			return c.info.Types[id]
		}},
		// cpid without -c is 0, with a warning when it is read
		// (builtins_system.go).
		BuiltinCPID: {Name: "cpid",
			value: func(c *checker, id *ast.Ident) *Type { return c.cpid(id) },
			call:  func(c *checker, call *ast.CallExpr) *Type { return c.cpid(call) }},

		// Functions.
		BuiltinPrintf:   {Name: "printf", MinArgs: 1, MaxArgs: -1, Stmt: true, needs: "a format string", call: (*checker).printf},
		BuiltinPrint:    {Name: "print", MinArgs: 1, MaxArgs: 3, Stmt: true, call: (*checker).print},
		BuiltinExit:     {Name: "exit", MinArgs: 0, MaxArgs: 1, Stmt: true, call: (*checker).exit},
		BuiltinDelete:   {Name: "delete", MinArgs: 1, MaxArgs: 2, call: (*checker).delete},
		BuiltinClear:    {Name: "clear", MinArgs: 1, MaxArgs: 1, Stmt: true, call: (*checker).wholeMap},
		BuiltinZero:     {Name: "zero", MinArgs: 1, MaxArgs: 1, Stmt: true, call: (*checker).wholeMap},
		BuiltinStr:      {Name: "str", MinArgs: 1, MaxArgs: 2, call: (*checker).str},
		BuiltinTime:     {Name: "time", MinArgs: 0, MaxArgs: 1, Stmt: true, call: (*checker).time},
		BuiltinStrftime: {Name: "strftime", MinArgs: 2, MaxArgs: 2, call: (*checker).strftime},
		BuiltinJoin:     {Name: "join", MinArgs: 1, MaxArgs: 2, Stmt: true, call: (*checker).join},
		BuiltinHasKey:   {Name: "has_key", MinArgs: 2, MaxArgs: 2, call: (*checker).hasKey},
		BuiltinLen:      {Name: "len", MinArgs: 1, MaxArgs: 1, call: (*checker).mapLen},
	}
	addStringBuiltins(&builtins)
	addUnsafeBuiltins(&builtins)
	addConfigBuiltins(&builtins)
	typeBuiltins(&builtins)
	builtins[BuiltinGetopt] = Builtin{Name: "getopt", MinArgs: 1, MaxArgs: 3, call: (*checker).getopt}
	for _, more := range [...]*[NumBuiltins]Builtin{systemBuiltins(), mapBuiltins(), kprobeBuiltins()} {
		for id, b := range more {
			if b.Name != "" {
				builtins[id] = b
			}
		}
	}
	builtinsByName = make(map[string]*Builtin, len(builtins))
	for id := range builtins {
		b := &builtins[id]
		b.ID = BuiltinID(id)
		builtinsByName[b.Name] = b
	}
}

// variable makes the entry of a builtin variable of a fixed type, which
// may also be called without arguments: pid() is pid, as in current
// bpftrace.
func variable(name string, t *Type) Builtin {
	return Builtin{
		Name:  name,
		value: func(*checker, *ast.Ident) *Type { return t },
		call:  func(*checker, *ast.CallExpr) *Type { return t },
	}
}

// LookupBuiltin returns the builtin variable or function called name.
// Every builtin also answers to its name with upstream's "__builtin_"
// prefix (__builtin_pid), which its standard library uses.
func LookupBuiltin(name string) (*Builtin, bool) {
	b, ok := builtinsByName[name]
	if !ok && strings.HasPrefix(name, builtinPrefix) {
		b, ok = builtinsByName[name[len(builtinPrefix):]]
	}
	return b, ok
}

// builtinPrefix is the prefix of upstream's names for builtins.
const builtinPrefix = "__builtin_"

// BuiltinByID returns the builtin with the given id, or nil when there is
// none.
func BuiltinByID(id BuiltinID) *Builtin {
	if id >= NumBuiltins {
		return nil
	}
	return &builtins[id]
}

// validIn reports a builtin used in a probe where it is not valid.
func (c *checker) validIn(b *Builtin, n ast.Node) bool {
	if c.probe == nil {
		return true
	}
	for _, a := range c.probe.Attach {
		if !b.ValidIn(a.Kind) {
			c.errorf(n, "%s is not valid in %s probes", b.Name, a.Kind)
			return false
		}
	}
	return true
}
