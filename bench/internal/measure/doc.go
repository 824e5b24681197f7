// Package measure holds what bench/'s programs share to measure a tracer
// (bpfscript or bpftrace) from the outside, the same way for both:
//
//   - process.go launches a tracer, optionally pinned to one CPU, timestamps
//     its "Attach..." line (bpfscript: "Attached N probes" on stderr,
//     bpftrace: "Attaching N probes..." on stdout; both are read from one
//     pipe), stops it with a signal and times how long it takes to go, and
//     reads its peak RSS (wait4 rusage or /proc/PID/status VmHWM);
//   - closer.go waits, once a tracer has gone, for the process bpfscript
//     leaves to close its perf events (the kernel's slow part of
//     detaching), so that the next measurement does not share the kernel
//     with it, and times when every perf event was closed;
//   - progs.go finds the BPF programs a tracer holds (the prog_id of its
//     file descriptors in /proc/PID/fdinfo, so that programs other tools
//     load meanwhile are not mistaken for the tracer's) and reads their size in the
//     kernel (bytes_xlated / 8) and their run_time_ns / run_cnt while
//     BPF_ENABLE_STATS is on;
//   - load.go is the fixed load: getppid(2) in a tight loop on a thread
//     pinned to one CPU, for a count or a duration, and a cycle through
//     twenty cheap system calls that each have a sys_enter tracepoint;
//   - stats.go takes medians.
//
// Nothing here knows either tracer's language: callers pass command lines.
package measure
