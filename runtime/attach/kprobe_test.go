package attach

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"

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
