// Command bpfscript runs bpftrace-style tracing programs, compiled straight
// to eBPF:
//
//	bpfscript -e 'tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }'
//	bpfscript script.bt arg1 arg2
//	bpfscript - < script.bt
//
// It is a thin shell around the bpfscript package: flags, reading the
// program, signals, exit codes.
package main
