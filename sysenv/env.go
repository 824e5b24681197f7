package sysenv

import (
	"path/filepath"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

// Env is a system's answers to the checker and the compiler. Its tracepoint
// questions, and tracefs' List and EventID, go to the embedded tracefs.FS.
// An Env is safe for concurrent use.
type Env struct {
	*tracefs.FS
	funcs   funcIDs
	btfFile string // whose presence says the kernel has BTF (HasBTF)
	fields  fieldOffsets
	cgroups cgroupIDs
	fixture string // the fixture tree's directory; "" for the running kernel
}

var _ types.Env = (*Env)(nil)

// funcIDs finds kernel functions' BTF ids.
type funcIDs interface {
	id(name string) (int32, error)
}

// Kernel returns the Env of the running kernel. It touches neither tracefs
// nor BTF until a question needs them.
func Kernel() *Env {
	k := &kernelBTF{}
	return &Env{FS: tracefs.New(), funcs: k, fields: k, cgroups: kernelCgroups{}, btfFile: "/sys/kernel/btf/vmlinux"}
}

// KernelWithBTF returns the Env of the running kernel, with kernel
// functions' BTF ids and struct layouts read from the BTF file at path
// instead of /sys/kernel/btf/vmlinux: a copy of the running kernel's BTF,
// for a system that does not expose it. The file is read when a question
// first needs it.
func KernelWithBTF(path string) *Env {
	k := &kernelBTF{file: path}
	return &Env{FS: tracefs.New(), funcs: k, fields: k, cgroups: kernelCgroups{}, btfFile: path}
}

// At returns the Env of the fixture tree rooted at dir: tracepoints from
// dir/events, traceable kernel functions from
// dir/available_filter_functions, kernel function ids from dir/vmlinux.funcs, struct member
// offsets from dir/vmlinux.fields, cgroup ids from dir/cgroup.ids, the PID
// namespace from dir/pidns. Files are read
// when a question first needs them.
func At(dir string) *Env {
	return &Env{FS: tracefs.At(dir), funcs: &funcsFile{dir: dir}, fields: &fieldsFile{dir: dir}, cgroups: cgroupsFile{dir: dir}, fixture: dir, btfFile: filepath.Join(dir, "vmlinux.funcs")}
}

// KernelFuncID returns the BTF type id of the kernel function name.
func (e *Env) KernelFuncID(name string) (int32, error) {
	return e.funcs.id(name)
}
