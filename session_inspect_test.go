package bpfscript_test

import (
	"fmt"
	"io"
	"os"
	"slices"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
	"golang.org/x/sys/unix"
)

// TestSessionInspect checks what a session tells about itself: the probes
// of an attachment and how often they ran, and its maps' shapes.
func TestSessionInspect(t *testing.T) {
	stats, err := bpfscript.EnableStats()
	if err != nil {
		t.Fatal(err)
	}
	defer stats.Close()
	s := bpfscript.NewSession(bpfscript.Options{}, runtime.Options{Out: io.Discard, Diag: io.Discard, Quiet: true})
	defer s.Close()
	a, err := s.Add(fmt.Sprintf(`begin { @start = 1; }
		tracepoint:syscalls:sys_enter_getsid /pid == %d/ { @calls[comm] = count(); @last = nsecs; }`, os.Getpid()))
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, ""))
	}
	if got, want := a.ProbeNames(), []string{"begin", "tracepoint:syscalls:sys_enter_getsid"}; !slices.Equal(got, want) {
		t.Errorf("ProbeNames() = %q, want %q", got, want)
	}
	for range 5 {
		unix.Getsid(0)
	}
	// The probe runs for every process's getsid; the predicate filters.
	if hits, err := a.Hits(); err != nil || hits < 5 {
		t.Errorf("Hits() = %d, %v; want at least 5", hits, err)
	}
	var got []string
	for _, m := range s.MapInfo() {
		key := "-"
		if m.Key != nil {
			key = m.Key.String()
		}
		got = append(got, fmt.Sprintf("%s %s %s %s", m.Name, m.Kind, key, m.Value))
		if m.MaxEntries <= 0 || m.KeySize <= 0 || m.ValueSize <= 0 {
			t.Errorf("%s: sizes %d entries of %d+%d bytes", m.Name, m.MaxEntries, m.KeySize, m.ValueSize)
		}
	}
	want := []string{"@calls percpu_hash string[1024] count_t", "@last hash - uint64", "@start hash - int64"}
	if !slices.Equal(got, want) {
		t.Errorf("MapInfo() =\n%q\nwant\n%q", got, want)
	}
	if err := s.Detach(a); err != nil {
		t.Fatal(err)
	}
}
