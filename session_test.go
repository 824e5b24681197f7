package bpfscript_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// bpfObjects lists the BPF maps, programs and links and the perf events
// this process holds, by what its file descriptors point to.
func bpfObjects(t *testing.T) []string {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err != nil {
			continue // closed meanwhile, or the directory's own descriptor
		}
		if strings.Contains(target, "bpf") || strings.Contains(target, "perf_event") {
			out = append(out, fd.Name()+" "+target)
		}
	}
	return out
}

// mapCounts reads a map of counts as key text -> count.
func mapCounts(t *testing.T, s *bpfscript.Session, name string) map[string]uint64 {
	t.Helper()
	m, err := s.Map(name)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]uint64{}
	for _, e := range m.Entries {
		key := ""
		if e.Key.Kind != value.Invalid {
			key = fmt.Sprint(e.Key.Bits)
		}
		counts[key] = e.Value.Bits
	}
	return counts
}

// TestSession adds two programs that share a map, reads the maps as Go
// values while they run, detaches the first while the second keeps
// counting, refuses a program that would change a shared map's type, and
// closes, leaving nothing in the kernel.
func TestSession(t *testing.T) {
	before := bpfObjects(t)
	var out, errOut strings.Builder
	opts := bpfscript.Options{Params: []string{strconv.Itoa(os.Getpid())}}
	s := bpfscript.NewSession(opts, runtime.Options{Out: &out, Diag: &errOut})
	first, err := s.Add(`tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls = count(); @first = count(); }`)
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, ""))
	}
	second, err := s.Add(`tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls = count(); @second[1] = count(); }`)
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		syscall.Getppid()
	}
	want := map[string]map[string]uint64{"@calls": {"": 20}, "@first": {"": 10}, "@second": {"1": 10}}
	for name, counts := range want {
		if got := mapCounts(t, s, name); !equalCounts(got, counts) {
			t.Errorf("while both run: %s = %v, want %v", name, got, counts)
		}
	}

	// A program that would change a shared map's type is refused, with
	// its position; the session goes on.
	src := `BEGIN { @calls = "text"; }`
	_, err = s.Add(src)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("a clashing program: err = %v, want a positioned error", err)
	}
	if got, want := bpfscript.FormatError(err, src), "stdin:1:18: error: map @calls: value type string[5] does not match count_t of first use in an earlier program"; !strings.HasPrefix(got, want) {
		t.Errorf("clash error:\n%s\nwant it to start with\n%s", got, want)
	}

	if err := s.Detach(first); err != nil {
		t.Fatal(err)
	}
	if err := s.Detach(first); err == nil {
		t.Error("detaching twice: no error")
	}
	for range 5 {
		syscall.Getppid()
	}
	want = map[string]map[string]uint64{"@calls": {"": 25}, "@first": {"": 10}, "@second": {"1": 15}}
	for name, counts := range want {
		if got := mapCounts(t, s, name); !equalCounts(got, counts) {
			t.Errorf("after detaching the first: %s = %v, want %v", name, got, counts)
		}
	}
	maps, err := s.Maps()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range maps {
		names = append(names, m.Name)
	}
	if !slices.Equal(names, []string{"@calls", "@first", "@second"}) {
		t.Errorf("Maps() = %v", names)
	}
	_ = second

	code, err := s.Close()
	if err != nil || code != 0 {
		t.Fatalf("Close = %d, %v", code, err)
	}
	if got, want := out.String(), "\n\n@calls: 25\n@first: 10\n@second[1]: 15\n"; got != want {
		t.Errorf("output at close:\n%q\nwant\n%q", got, want)
	}
	if got, want := errOut.String(), "Attached 1 probe\nAttached 1 probe\n"; got != want {
		t.Errorf("diagnostics: %q, want %q", got, want)
	}
	if after := bpfObjects(t); !slices.Equal(after, before) {
		t.Errorf("kernel objects left after Close:\nbefore %v\nafter  %v", before, after)
	}
}

// TestSessionIDs checks that the ids of events, probe names and time
// formats are the session's: printf and probe names of a second program
// print right, and its begin probe's output follows the first's.
func TestSessionIDs(t *testing.T) {
	var out strings.Builder
	s := bpfscript.NewSession(bpfscript.Options{}, runtime.Options{Out: &out, Quiet: true})
	for _, src := range []string{
		`BEGIN { printf("one %s\n", probe); @p[probe] = count(); }`,
		`BEGIN { printf("two %s %d\n", probe, 2); @p[probe] = count(); }`,
		`END { printf("end %s\n", probe); }`,
	} {
		if _, err := s.Add(src); err != nil {
			t.Fatal(bpfscript.FormatError(err, src))
		}
	}
	if _, err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Both begin probes are named BEGIN: one id, one key.
	want := "one BEGIN\ntwo BEGIN 2\nend END\n\n\n@p[BEGIN]: 2\n"
	if out.String() != want {
		t.Errorf("output:\n%q\nwant\n%q", out.String(), want)
	}
}

func equalCounts(a, b map[string]uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
