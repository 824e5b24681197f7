// Command bpfscript runs bpftrace-style tracing programs, compiled straight
// to eBPF:
//
//	bpfscript -e 'tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }'
//	bpfscript script.bt arg1 arg2
//	bpfscript - < script.bt
//
// It is a thin shell around the bpfscript package: flags, reading the
// program, signals, exit codes.
//
// Loading programs needs root, or CAP_BPF with CAP_PERFMON; bpfscript
// checks that first and says in one sentence what is missing. The
// compile-only dumps (-d ast, types, ir, asm) need no privilege, though a
// tracepoint's format can only be read by who may read tracefs.
package main
