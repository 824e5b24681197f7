// Package runtime loads a compiled plan into the kernel and runs it: it
// creates the maps, loads the programs through the verifier (one worker per
// CPU, and programs with the same code only once: attached probes read
// their ids from their links' cookies, so a wildcard's expansions share a
// program) while a goroutine opens the probes' perf events, runs begin probes,
// attaches every probe, reads the event ring buffer and prints what the
// programs send, and on exit (exit(), a signal, or the end of a
// begin/end-only program) detaches, runs end probes and prints every map.
//
// Start-up is ordered so that nothing runs unless everything can: every
// program must pass the verifier and every event must open before begin
// probes run, and only then are programs bound to their events.
//
// Teardown closes every kernel object the run created whatever happened, so
// a failed load or attach leaves no program, map, perf event or link behind.
package runtime
