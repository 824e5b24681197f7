package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// unsupportedReason knows bpftrace's builtins and functions that bpfscript
// recognises but does not implement yet, and says what they wait for (a
// switch rather than a map, which would be built at start-up). Using one
// says so rather than calling it an unknown identifier. A name that the
// builtin table also holds is the table's: this list only answers for
// names the table does not know.
func unsupportedReason(name string) (string, bool) {
	switch name {
	// Stacks and symbols.
	case "kstack":
		return "kernel stacks come with stack support", true
	case "ustack":
		return "user stacks come with stack support", true
	case "dw_ustack":
		return "user stacks come with stack support", true
	case "ksym":
		return "kernel symbols come with stack support", true
	case "kaddr":
		return "kernel symbols come with stack support", true
	case "usym":
		return "user symbols come with uprobe support", true
	case "uaddr":
		return "user symbols come with uprobe support", true
	case "reg":
		return "registers by name come with uprobe support", true
	case "override":
		return "it needs the kernel's error injection (bpf_override_return)", true
	case "unwatch":
		return "it needs watchpoint probes", true
	// The kernel's types.
	case "curtask":
		return "it needs the kernel's BTF types", true
	case "path":
		return "it needs the kernel's BTF types", true
	case "container_of":
		return "it needs the kernel's BTF types", true
	case "offsetof":
		return "it needs the kernel's BTF types", true
	case "socket_cookie":
		return "it needs the kernel's BTF types", true
	case "percpu_kaddr":
		return "it needs the kernel's BTF types", true
	case "skboutput":
		return "it needs the kernel's BTF types", true
	case "kfunc_allowed":
		return "it needs the kernel's BTF types", true
	case "kfunc_exist":
		return "it needs the kernel's BTF types", true
	case "write_user":
		return "it needs the kernel's BTF types", true
	case "typeinfo":
		return "it is unstable in bpftrace", true
	case "getopt":
		return "", true
	}
	return "", false
}

// unsupported returns the error for a name bpftrace knows and bpfscript
// does not implement yet.
func unsupported(name string) (string, bool) {
	why, ok := unsupportedReason(name)
	if !ok {
		return "", false
	}
	if why == "" {
		return name + " is not supported yet", true
	}
	return name + " is not supported yet: " + why, true
}

// unsupportedCall is unsupported for calls, where b, if not nil, is the
// builtin variable of the same name called with arguments: ppid(task)
// needs the typed kernel pointers that ppid does not.
func unsupportedCall(call *ast.CallExpr, b *Builtin) (string, bool) {
	switch {
	case b == nil || len(call.Args) != 1:
	case b.ID == BuiltinPPID, b.ID == BuiltinPComm, b.ID == BuiltinLeaderTID, b.ID == BuiltinLeaderComm:
		return call.Name + "(task) is not supported yet: it needs typed kernel pointers, which come with the kernel's BTF types", true
	}
	if b != nil {
		return "", false
	}
	return unsupported(call.Name)
}
