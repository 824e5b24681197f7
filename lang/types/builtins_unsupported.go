package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// unsupportedBuiltins are bpftrace's builtins and functions that bpfscript
// recognises but does not implement yet, with what they wait for. Using one
// says so rather than calling it an unknown identifier. A name that the
// builtin table also holds is the table's: this list only answers for
// names the table does not know.
var unsupportedBuiltins = map[string]string{
	// Stacks and symbols.
	"kstack":    "kernel stacks come with stack support",
	"ustack":    "user stacks come with stack support",
	"dw_ustack": "user stacks come with stack support",
	"ksym":      "kernel symbols come with kprobe support",
	"kaddr":     "kernel symbols come with kprobe support",
	"usym":      "user symbols come with uprobe support",
	"uaddr":     "user symbols come with uprobe support",
	"func":      "it needs kprobes, uprobes or fentry",
	"reg":       "registers come with kprobe and uprobe support",
	"retval":    "it needs kretprobes, uretprobes or fexit",
	"override":  "it needs kprobes",
	"unwatch":   "it needs watchpoint probes",
	// The kernel's types.
	"curtask":       "it needs the kernel's BTF types",
	"path":          "it needs the kernel's BTF types",
	"container_of":  "it needs the kernel's BTF types",
	"offsetof":      "it needs the kernel's BTF types",
	"socket_cookie": "it needs the kernel's BTF types",
	"percpu_kaddr":  "it needs the kernel's BTF types",
	"skboutput":     "it needs the kernel's BTF types",
	"kfunc_allowed": "it needs the kernel's BTF types",
	"kfunc_exist":   "it needs the kernel's BTF types",
	"write_user":    "it needs the kernel's BTF types",
	"typeof":        "",
	"sizeof":        "",
	"getopt":        "",
	"config":        "",
}

// unsupported returns the error for a name bpftrace knows and bpfscript
// does not implement yet.
func unsupported(name string) (string, bool) {
	why, ok := unsupportedBuiltins[name]
	if !ok {
		return "", false
	}
	if why == "" {
		return name + " is not supported yet", true
	}
	return name + " is not supported yet: " + why, true
}

// unsupportedCall is unsupported for calls, where b, if not nil, is the
// builtin variable of the same name called with arguments: comm(pid) and
// ppid(task) need the BTF types that comm and ppid do not.
func unsupportedCall(call *ast.CallExpr, b *Builtin) (string, bool) {
	if b != nil && b.ID == BuiltinComm && len(call.Args) == 1 {
		return "comm(pid) is not supported yet: it reads struct task_struct, which needs the kernel's BTF types", true
	}
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
