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
	"unsafe"

	"github.com/cilium/ebpf"

	"github.com/bpfscript/bpfscript/lang/types"
)

func TestReadProbePMU(t *testing.T) {
	dir := t.TempDir()
	if _, err := readProbePMU(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no PMU: got %v, want a missing file", err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("type", "6\n")
	write("format/retprobe", "config:0\n")
	if pmu, err := readProbePMU(dir); err != nil || pmu != (probePMU{typ: 6, retprobeBit: 0}) {
		t.Errorf("got %+v, %v", pmu, err)
	}
	write("format/retprobe", "config1:3\n")
	if _, err := readProbePMU(dir); err == nil {
		t.Error("no error for a retprobe bit outside config")
	}
	// This kernel's uprobe PMU, which kprobes' shares its layout with.
	pmu, err := readProbePMU(filepath.Join(pmuDir, "uprobe"))
	if err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(filepath.Join(pmuDir, "uprobe", "type"))
	if fmt.Sprint(pmu.typ) != strings.TrimSpace(string(text)) {
		t.Errorf("uprobe PMU type %d, file says %q", pmu.typ, text)
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

// TestProbePMUOpen opens a probe of a PMU as kprobes are opened, on the
// uprobe PMU, which this kernel has: an entry probe on a function of this
// test, attached by a BPF link, counted, detached and closed. (A return
// probe would replace return addresses on a goroutine's stack, which Go's
// stack walks do not allow; TestProbePMUAttr checks its one difference.)
func TestProbePMUOpen(t *testing.T) {
	pmu, err := readProbePMU(filepath.Join(pmuDir, "uprobe"))
	if err != nil {
		t.Fatal(err)
	}
	off := fileOffset(t, reflect.ValueOf(uprobeTarget).Pointer())
	prog, counter := countingProgram(t, ebpf.Kprobe, os.Getpid())
	fd, err := pmu.open("/proc/self/exe", off, false)
	if err != nil {
		t.Fatalf("opening the probe: %v", err)
	}
	l, err := attachToPerfEvent(prog, fd, 7, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	uprobeTarget(1)
	if got := readCount(t, counter); got != 1 {
		t.Errorf("the program ran %d times for one call", got)
	}
	if err := l.Detach(); err != nil {
		t.Fatal(err)
	}
	uprobeTarget(2)
	if got := readCount(t, counter); got != 1 {
		t.Errorf("the program ran after Detach: %d runs", got)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestProbePMUAttr(t *testing.T) {
	pmu := probePMU{typ: 6, retprobeBit: 3}
	var name byte
	entry, ret := pmu.attr(&name, 16, false), pmu.attr(&name, 16, true)
	if entry.Type != 6 || entry.Config != 0 || entry.Ext2 != 16 || entry.Ext1 != uint64(uintptr(unsafe.Pointer(&name))) {
		t.Errorf("entry probe: %+v", entry)
	}
	if ret.Config != 1<<3 {
		t.Errorf("return probe: config %#x, want %#x", ret.Config, 1<<3)
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
