// Command bpfscript runs bpftrace-style tracing programs, compiled straight
// to eBPF:
//
//	bpfscript -e 'tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }'
//	bpfscript script.bt arg1 arg2
//	bpfscript - < script.bt
//	bpfscript               (on a terminal, or bpfscript -i: the interactive shell)
//
// It is a thin shell around the bpfscript package: options, reading the
// program, signals, exit codes. The options are bpftrace's, parsed as
// getopt_long parses them (pflag, with a little glue in options.go); the
// man page and the shell completions are in doc/ at the top of the
// repository. `bpfscript fmt` formats programs (lang/format).
// The interactive shell is internal/shell, started only when asked for,
// so that a script's run does not pay for it.
//
// Loading programs needs root, or CAP_BPF with CAP_PERFMON; bpfscript
// checks that first and says in one sentence what is missing. The
// compile-only dumps (-d ast, types, ir, asm) need no privilege, though a
// tracepoint's format can only be read by who may read tracefs.
//
// SIGINT (Ctrl-C) or SIGTERM stops the probes, prints the maps and exits,
// without waiting for the kernel to unregister each tracepoint: a closer
// process, this binary started again (attach.Closer), closes the perf
// events afterwards. A second SIGINT or SIGTERM ends the process at once,
// whatever it is doing, with every probe detached.
package main
