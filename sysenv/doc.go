// Package sysenv answers the questions the checker and the compiler ask of
// the system (types.Env): which tracepoints exist, their record formats,
// which kernel functions kprobes can trace, and the BTF ids of kernel
// functions.
//
// Kernel answers for the running kernel: tracepoints come from tracefs
// (mounted on first use when missing), kernel function ids from the kernel's
// BTF, which is several megabytes to parse and so is loaded only when the
// first id is asked for; a script that calls no kernel function never loads
// it.
//
// At answers from a fixture tree shaped like tracefs, so that tests and
// golden files do not depend on the machine:
//
//	events/<group>/<event>/format   copied from /sys/kernel/tracing
//	events/<group>/<event>/id
//	vmlinux.funcs                   "name id" a line: kernel functions' BTF ids
//	vmlinux.fields                  "struct.member offset" a line: kernel struct members
//	cgroup.ids                      "path id" a line: cgroupid(path)
//	pidns                           "dev ino" of bpfscript's PID namespace; absent: the initial one
//
// Lines of vmlinux.funcs that are empty or start with # are skipped.
package sysenv
