package attach

import (
	"os"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
)

// perfEventFDs counts this process's open perf event file descriptors.
func perfEventFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && target == "anon_inode:[perf_event]" {
			n++
		}
	}
	return n
}

// TestEventOpenThenAttach opens events before there is a program, as a run
// does while its programs are verified, and checks that an event counts
// nothing until attached, and that every way an Event ends closes its
// perf events.
func TestEventOpenThenAttach(t *testing.T) {
	cpus, err := onlineCPUs()
	if err != nil {
		t.Fatal(err)
	}
	profile := &types.AttachPoint{Kind: types.ProfileProbe, Name: "profile:hz:99", Freq: 99}
	before := perfEventFDs(t)

	// Opened, then closed unused.
	ev, err := Open(profile)
	if err != nil {
		t.Fatal(err)
	}
	if got := perfEventFDs(t) - before; got != len(cpus) {
		t.Errorf("profile event holds %d perf events, want one per CPU (%d)", got, len(cpus))
	}
	if err := ev.Close(); err != nil {
		t.Fatal(err)
	}
	if got := perfEventFDs(t) - before; got != 0 {
		t.Errorf("%d perf events left open after Event.Close", got)
	}

	// Opened, then given a program of the wrong type: the error names the
	// point and the events are closed.
	ev, err = Open(getppidPoint())
	if err != nil {
		t.Fatal(err)
	}
	perfProg, _ := countingProgram(t, ebpf.PerfEvent, 0)
	if _, err := ev.Attach(perfProg, 0); err == nil || !strings.HasPrefix(err.Error(), "attaching tracepoint:syscalls:sys_enter_getppid: a PerfEvent program cannot run") {
		t.Errorf("Attach of a PerfEvent program to a tracepoint: error = %v", err)
	}
	if got := perfEventFDs(t) - before; got != 0 {
		t.Errorf("%d perf events left open after a failed Attach", got)
	}

	// Opened, calls made, then attached: only calls after Attach count.
	ev, err = Open(getppidPoint())
	if err != nil {
		t.Fatal(err)
	}
	prog, counter := countingProgram(t, ebpf.TracePoint, os.Getpid())
	for range 10 {
		unix.Getppid()
	}
	l, err := ev.Attach(prog, 0)
	if err != nil {
		t.Fatal(err)
	}
	const calls = 25
	for range calls {
		unix.Getppid()
	}
	if got := readCount(t, counter); got != calls {
		t.Errorf("count = %d, want %d: only the calls after Attach", got, calls)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if got := perfEventFDs(t) - before; got != 0 {
		t.Errorf("%d perf events left open after the link's Close", got)
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name    string
		ap      *types.AttachPoint
		wantErr string
	}{
		{"nil", nil, "attach: nil attach point"},
		{"begin", &types.AttachPoint{Kind: types.BeginProbe, Name: "BEGIN"},
			"attaching BEGIN: begin probes are not attached but run once with RunOnce"},
		{"missing tracepoint", &types.AttachPoint{Kind: types.TracepointProbe, Name: "tracepoint:nosuch:event", Group: "nosuch", Event: "event"},
			"attaching tracepoint:nosuch:event: tracepoint nosuch:event does not exist"},
		{"frequency too high", &types.AttachPoint{Kind: types.ProfileProbe, Name: "profile:hz:100000000", Freq: 100000000},
			"attaching profile:hz:100000000: perf_event_open on CPU 0: invalid argument (is 100000000 Hz above kernel.perf_event_max_sample_rate?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := perfEventFDs(t)
			ev, err := Open(tt.ap)
			if err == nil {
				ev.Close()
				t.Fatalf("Open succeeded, want an error starting %q", tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to start %q", err, tt.wantErr)
			}
			if got := perfEventFDs(t) - before; got != 0 {
				t.Errorf("%d perf events left open after a failed Open", got)
			}
		})
	}
}
