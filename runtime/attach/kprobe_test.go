package attach

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"

	"github.com/bpfscript/bpfscript/lang/types"
)

func TestKprobeSupportAt(t *testing.T) {
	dir := t.TempDir()
	pmu := filepath.Join(dir, "kprobe")
	if err := kprobeSupportAt(pmu, dir); !errors.Is(err, ErrNoKprobes) {
		t.Errorf("neither interface: got %v, want ErrNoKprobes", err)
	}
	if err := kprobeSupportAt(pmu, ""); !errors.Is(err, ErrNoKprobes) {
		t.Errorf("no tracefs: got %v, want ErrNoKprobes", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kprobe_events"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := kprobeSupportAt(pmu, dir); err != nil {
		t.Errorf("kprobe_events: got %v", err)
	}
	if err := os.Mkdir(pmu, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := kprobeSupportAt(pmu, ""); err != nil {
		t.Errorf("kprobe PMU: got %v", err)
	}
}

// TestKprobeAttach loads a kprobe program and a kretprobe program (the
// verifier takes them on every kernel) and attaches them to do_nanosleep.
// On a kernel with kprobes they count a sleep of this process; on one
// without, both fail with one line that names the probe and says what the
// kernel lacks, and leave no link behind.
func TestKprobeAttach(t *testing.T) {
	for _, k := range []types.ProbeKind{types.KprobeProbe, types.KretprobeProbe} {
		t.Run(k.String(), func(t *testing.T) {
			prog, counter := countingProgram(t, ebpf.Kprobe, os.Getpid())
			ap := &types.AttachPoint{Kind: k, Name: k.String() + ":do_nanosleep", Func: "do_nanosleep"}
			l, err := Attach(prog, ap)
			if KprobeSupport() != nil {
				want := "attaching " + ap.Name + ": " + ErrNoKprobes.Error()
				if err == nil || err.Error() != want || !errors.Is(err, ErrNoKprobes) {
					t.Fatalf("got %v, want %q", err, want)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("the error is not one line: %q", err)
				}
				if n := linksOf(t, prog); n != 0 {
					t.Errorf("%d links hold the program after the failure", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			ts := syscall.Timespec{Nsec: int64(time.Millisecond)}
			for range 3 {
				_ = syscall.Nanosleep(&ts, nil)
			}
			if got := readCount(t, counter); got < 3 {
				t.Errorf("the program ran %d times for 3 sleeps", got)
			}
			if err := l.Detach(); err != nil {
				t.Fatal(err)
			}
			if err := l.Close(); err != nil {
				t.Fatalf("closing after detaching: %v", err)
			}
		})
	}
}

// TestKprobeWrongProgram refuses a tracepoint program for a kprobe before
// asking the kernel anything.
func TestKprobeWrongProgram(t *testing.T) {
	prog, _ := countingProgram(t, ebpf.TracePoint, 0)
	ap := &types.AttachPoint{Kind: types.KprobeProbe, Name: "kprobe:do_nanosleep", Func: "do_nanosleep"}
	_, err := Attach(prog, ap)
	if err == nil || !strings.Contains(err.Error(), "needs a Kprobe program") {
		t.Errorf("got %v", err)
	}
}

//go:noinline
func uprobeTarget(n int) int { return n*3 + 1 }

// TestKprobeLinkSplit checks kprobeLink on a uprobe, which this kernel has
// and cilium/ebpf makes the same way as a kprobe (a perf event with a BPF
// link): the perf event is held apart, Detach stops the program at once,
// and Close releases the event.
func TestKprobeLinkSplit(t *testing.T) {
	prog, counter := countingProgram(t, ebpf.Kprobe, 0)
	exe, err := link.OpenExecutable("/proc/self/exe")
	if err != nil {
		t.Fatal(err)
	}
	// go test strips the symbol table: the uprobe goes at the function's
	// offset in the executable instead.
	off := fileOffset(t, reflect.ValueOf(uprobeTarget).Pointer())
	up, err := exe.Uprobe("uprobeTarget", prog, &link.UprobeOptions{PID: os.Getpid(), Address: off})
	if err != nil {
		t.Fatal(err)
	}
	l := kprobeLink(up)
	pl, ok := l.(*perfEventLink)
	if !ok {
		l.Close()
		t.Fatalf("kprobeLink gave a %T, want a *perfEventLink", l)
	}
	defer l.Close()
	uprobeTarget(1)
	if got := readCount(t, counter); got != 1 {
		t.Fatalf("the program ran %d times for one call", got)
	}
	if err := l.Detach(); err != nil {
		t.Fatal(err)
	}
	uprobeTarget(2)
	if got := readCount(t, counter); got != 1 {
		t.Errorf("the program ran after Detach: %d runs", got)
	}
	if pl.fd < 0 {
		t.Error("Detach closed the perf event")
	}
	if n := linksOf(t, prog); n != 0 {
		t.Errorf("%d links after Detach", n)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if pl.fd >= 0 {
		t.Error("Close left the perf event open")
	}
}

// fileOffset converts an address of this process's code into an offset in
// its executable, from the mapping that holds it.
func fileOffset(t *testing.T, addr uintptr) uint64 {
	t.Helper()
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(maps), "\n") {
		var start, end, off uint64
		var perms string
		if _, err := fmt.Sscanf(line, "%x-%x %s %x", &start, &end, &perms, &off); err != nil {
			continue
		}
		if uint64(addr) >= start && uint64(addr) < end {
			return uint64(addr) - start + off
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return 0
}
