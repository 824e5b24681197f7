package types

import (
	"fmt"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/config"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Info holds what the checker learned about a program, in side tables keyed
// by syntax node (the tree itself is never modified).
type Info struct {
	// Types maps every expression to its type. Expressions used as map
	// values of aggregations (count(), hist(x), ...) have the aggregation's
	// type.
	Types map[ast.Expr]*Type

	// Vars maps every occurrence of a scratch variable, defining or using,
	// to the variable it denotes. Two `let $x` in different blocks are
	// different Variables.
	Vars map[*ast.Var]*Variable

	// Maps describes every map the program uses, by name ("@", "@x").
	Maps map[string]*Map

	// Probes describes every block of the program, in source order, with
	// its attach points resolved and expanded.
	Probes []*Probe

	// Params are the positional parameters the program was checked with.
	Params []string

	// Unrolls holds how many times each unroll statement repeats its body.
	Unrolls map[*ast.UnrollStmt]int

	// Getopts holds the value of every getopt() call, and Options the
	// named parameters they declare, in order of first use.
	Getopts map[*ast.CallExpr]*NamedParam
	Options []*NamedParam

	// Consts holds the values of calls and builtins the checker worked out
	// at compile time: cgroupid(path), has_cpid, is_str(x), ...
	Consts map[ast.Expr]uint64
	// ConstStrs holds the string values the checker worked out: the
	// string fields of config (config.stack_mode).
	ConstStrs map[ast.Expr]string
	// Config holds the values of the config builtin's record, in the
	// order of its fields; nil when the program does not use it.
	Config []config.Value
	// Warnings are what the checker found questionable but not wrong:
	// a value computed and thrown away (discard.go). They are in source
	// order, one per place.
	Warnings diag.List
}

// Variable is one scratch variable.
type Variable struct {
	Name string
	Type *Type
	Pos  ast.Pos // where it was declared or first assigned
	// Typed is set for `let $x: T`: the type is T whatever is assigned,
	// and the compiler converts every value stored to it.
	Typed bool
	// Static is the type assigned to an untyped variable before its
	// integers widen to 64 bits for storage (the stored type when the
	// assignments differ): what typeof($x) and sizeof($x) see, as in
	// bpftrace, where `$a = (int8)1` makes $a an int8.
	Static *Type
	// AddrTaken is set when &$x takes the variable's address: the
	// compiler keeps it in memory, never in a register.
	AddrTaken bool
}

// Map is one map, with its key and value types fixed by first use.
type Map struct {
	Name  string
	Key   *Type // nil for a scalar map such as @x = 1
	Value *Type // an aggregation kind for count(), hist(), ...
	Pos   ast.Pos
	// Decl is the BPF map type a top-level declaration
	// (`let @a = lruhash(100);`) chose, and MaxEntries its size; both are
	// zero for a map that was not declared.
	Decl       DeclKind
	MaxEntries int
}

// ProbeKind is a kind of attach point.
type ProbeKind uint8

const (
	BeginProbe ProbeKind = iota
	EndProbe
	TracepointProbe
	IntervalProbe
	ProfileProbe
	KprobeProbe
	KretprobeProbe

	NumProbeKinds // the number of kinds, not one
)

// Attached reports whether probes of kind k are attached to events (and
// so have a link, with a cookie), rather than run once as begin and end
// probes are.
func (k ProbeKind) Attached() bool {
	p := providers[k]
	return p == nil || p.Attached
}

func (k ProbeKind) String() string {
	if p := providers[k]; p != nil {
		return p.KindName
	}
	return fmt.Sprintf("ProbeKind(%d)", uint8(k))
}

// Probe is one block of the program.
type Probe struct {
	Node   *ast.Probe
	Attach []*AttachPoint // one per concrete attach point after wildcard expansion
}

// AttachPoint is one concrete place a block's program runs.
type AttachPoint struct {
	Kind ProbeKind
	Spec *ast.ProbeSpec // the spec it came from
	// Name is the canonical name the `probe` builtin prints:
	// "tracepoint:syscalls:sys_enter_openat", "interval:s:1", "BEGIN".
	Name string

	// Tracepoints.
	Group, Event string
	Args         *Type // the Record that `args` denotes; nil for other kinds

	// Interval and profile. Exactly one of the two is set: Freq for a
	// frequency in Hz (profile:hz:99, interval:hz:2), PeriodNS otherwise
	// (interval:s:1 is 1e9 ns).
	Freq     uint64
	PeriodNS uint64

	// Kprobes and kretprobes: the kernel function, the module the spec
	// named ("" when it named none) and the offset into the function
	// (kprobe:f+16).
	Func   string
	Module string
	Offset uint64
}
