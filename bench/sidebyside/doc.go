// Command sidebyside runs bpfscript and bpftrace side by side on this
// machine and writes bench/RESULTS.md. `make bench` runs it (as root; about
// five minutes on two CPUs):
//
//	sidebyside -bpfscript bin/bpfscript -out bench/RESULTS.md [-runs 5] [-quick] [-only startup,attach,...]
//
// Every figure is measured for both tools the same way, from the outside,
// with bench/internal/measure, as the median of several runs that
// alternate the tools so that drift in the machine's load touches both;
// the report gives the ratio bpfscript/bpftrace beside its target. When
// bpftrace is not installed its column stays empty and the report says so.
//
// The scenarios, one file each:
//
//   - startup.go: `begin { exit(); }` launch → exit with wait4's peak RSS;
//     a twenty-probe script's launch → "Attach" line, launch → every
//     probe firing (run counts from BPF stats while a thread makes the
//     twenty system calls), SIGINT → gone and → every perf event closed,
//     the same for every syscall exit tracepoint (~360), and bpfscript's
//     stages;
//   - compile.go: generated scripts of 100, 1,000 and 3,000 map
//     assignments (bpfscript --dry-run and -d asm, the root package's
//     BenchmarkCompile*, bpftrace to exit), with per-statement growth;
//   - memory.go: VmHWM of a one-liner after seconds of load;
//   - binary.go: static or not (ELF headers), sizes, bpftrace's libraries;
//   - codegen.go: instruction slots and ns per run of five programs under a
//     fixed load, the tracer and the load pinned to different CPUs;
//   - printf.go: printf lines delivered to a file per second, one and two
//     producers, against the calls made.
//
// Before anything runs it looks for BPF programs of other tools that are
// running, since they slow every system call, and the report names them.
package main
