// Command progstats measures the BPF programs another tracer has loaded: for
// every program the tracer process holds, it prints the number of instruction
// slots the kernel holds (bytes_xlated / 8) and the mean run time per event
// from BPF_ENABLE_STATS (run_time_ns / run_cnt), while a fixed getppid(2)
// load runs on a thread pinned to the last CPU.
//
//	progstats -tracer 'bpfscript -e ...' -n 2000000
//
// It is the one-off form of what bench/sidebyside does for the generated
// code rows of bench/RESULTS.md; both use bench/internal/measure.
package main
