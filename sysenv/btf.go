package sysenv

import "os"

// HasBTF reports whether the system has kernel BTF: for the running
// kernel, whether /sys/kernel/btf/vmlinux exists; for a fixture tree,
// whether it has vmlinux.funcs (the ids it takes from BTF). It is one
// stat(2), asked only by scripts with preprocessor lines
// (BPFTRACE_HAVE_BTF).
func (e *Env) HasBTF() bool {
	_, err := os.Stat(e.btfFile)
	return err == nil
}
