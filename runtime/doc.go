// Package runtime loads a compiled plan into the kernel and runs it: it
// creates the maps and programs in one step (ebpf.NewCollection), attaches
// every probe, runs begin probes, reads the event ring buffer and prints
// what the programs send, and on exit (exit(), a signal, or the end of a
// begin/end-only program) detaches, runs end probes and prints every map.
//
// Teardown closes every kernel object the run created whatever happened, so
// a failed load or attach leaves no program, map or link behind.
package runtime
