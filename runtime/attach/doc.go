// Package attach connects loaded BPF programs to the events that run them,
// and runs BEGIN and END programs directly.
//
// ProgramType tells the compiler which BPF program type each probe kind
// needs: tracepoint programs attach to a tracepoint's perf event and see its
// record; profile and interval programs attach to software cpu-clock perf
// events, one per online CPU for profile and a single one for interval, so
// interval fires N times per second overall; begin and end programs are raw
// tracepoint programs that are never attached but run once with
// BPF_PROG_TEST_RUN (RunOnce), in the context of this process, which is what
// lets them use the tracing helpers (pid, comm, time, maps, ring buffer).
//
// Each probe kind has a provider in a file of its own, as in cilium/ebpf's
// link package (begin_end.go, tracepoint.go, interval.go, profile.go,
// kprobe.go): its program type and how its perf events are opened. Kprobes
// and kretprobes are perf events of the kernel's kprobe PMU, opened like
// tracepoints before their programs exist; a kernel without kprobes fails
// at Open with ErrNoKprobes (KprobeSupport answers the same up front). A
// new kind registers one there and a types.Provider in lang/types.
//
// Every attachment is a perf event (perf_event_open for all processes) with
// the program bound to it by a BPF link (Linux 5.15), so that closing the
// link stops the program whoever holds the perf event. The two halves are separate: Open opens an
// attach point's perf events before its program exists (the slow half,
// serialised in the kernel, which a run overlaps with verifying programs)
// and Event.Attach binds the program. Attach does both. Each returns a
// Link whose Close detaches;
// CloseAll closes many links at once from parallel goroutines, since the
// kernel waits for RCU grace periods (tens of milliseconds) on each
// tracepoint it unhooks. Detach, which closes only the BPF link, stops a
// program at once; closing the perf event is the slow part, and a Closer
// moves it out of the process: HandOff detaches the links it tracks and
// hands their perf events to a closer process (this executable started
// again, which RunCloserIfAsked serves) that closes them after this process
// has gone. Errors are one line naming the attach point.
// CheckPrivileges explains up front, in one sentence, what a user without
// the needed capabilities is missing.
package attach
