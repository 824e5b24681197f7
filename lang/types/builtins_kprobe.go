package types

import (
	"runtime"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// The builtins of kprobes and kretprobes: arg0..arg9 are the function's
// arguments as passed in registers, retval its return value, func its
// name. Their lowerings are in compiler/lower_kprobe.go.

// kprobeBuiltins returns the entries of the kprobe builtins, in a table
// indexed like builtins.
func kprobeBuiltins() *[NumBuiltins]Builtin {
	var t [NumBuiltins]Builtin
	for i, name := range argNames {
		t[BuiltinArg0+BuiltinID(i)] = Builtin{Name: name,
			value: func(c *checker, id *ast.Ident) *Type { return c.kprobeArg(id, i) }}
	}
	t[BuiltinRetval] = Builtin{Name: "retval",
		value: func(c *checker, id *ast.Ident) *Type { return c.retval(id) },
		call:  func(c *checker, call *ast.CallExpr) *Type { return c.retval(call) }}
	t[BuiltinFunc] = Builtin{Name: "func",
		value: func(c *checker, id *ast.Ident) *Type { return c.funcName(id) },
		call:  func(c *checker, call *ast.CallExpr) *Type { return c.funcName(call) }}
	return &t
}

// argNames are the names of the argument builtins, BuiltinArg0 on.
var argNames = [...]string{"arg0", "arg1", "arg2", "arg3", "arg4", "arg5", "arg6", "arg7", "arg8", "arg9"}

// ArgRegisters is how many arguments of a kernel function are passed in
// registers on the architecture bpfscript runs on, and so can be read as
// arg0..argN; 0 where the compiler does not know its pt_regs.
func ArgRegisters() int {
	switch runtime.GOARCH {
	case "amd64":
		return 6
	case "arm64":
		return 8
	}
	return 0
}

// archName is the architecture as the kernel names it, in messages.
func archName() string {
	switch runtime.GOARCH {
	case "amd64":
		return "x86_64"
	case "arm64":
		return "aarch64"
	}
	return runtime.GOARCH
}

// onlyIn reports the use of builtin name at n in a probe whose attach
// points are not all of the kinds given, as bpftrace does: "The arg0
// builtin can only be used with 'kprobe' probes".
func (c *checker) onlyIn(n ast.Node, name, kinds string, ok func(ProbeKind) bool) bool {
	for _, a := range c.probeAttach() {
		if !ok(a.Kind) {
			c.errorf(n, "the %s builtin can only be used with %s probes, not in %s probes", name, kinds, a.Kind)
			return false
		}
	}
	return true
}

// kprobeArg types argN, an integer register of the probed function.
func (c *checker) kprobeArg(n ast.Node, i int) *Type {
	name := argNames[i]
	if !c.onlyIn(n, name, "'kprobe'", func(k ProbeKind) bool { return k == KprobeProbe }) {
		return InvalidT
	}
	if i >= ArgRegisters() {
		c.errorf(n, "%s doesn't support %s: its functions get arg0 to arg%d in registers", archName(), name, ArgRegisters()-1)
		return InvalidT
	}
	return Uint64
}

// retval types the return value of a kretprobe's function.
func (c *checker) retval(n ast.Node) *Type {
	if !c.onlyIn(n, "retval", "'kretprobe'", func(k ProbeKind) bool { return k == KretprobeProbe }) {
		return InvalidT
	}
	if ArgRegisters() == 0 {
		c.errorf(n, "retval is not supported on %s", archName())
		return InvalidT
	}
	return Uint64
}

// funcName types func: the name of the probed function, a string long
// enough for the longest of the probe's attach points.
func (c *checker) funcName(n ast.Node) *Type {
	if !c.onlyIn(n, "func", "'kprobe' and 'kretprobe'", func(k ProbeKind) bool { return k == KprobeProbe || k == KretprobeProbe }) {
		return InvalidT
	}
	size := 1
	for _, a := range c.probeAttach() {
		size = max(size, len(a.Func)+1)
	}
	return NewString(size)
}
