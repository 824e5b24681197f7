package bpfscript_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime"
)

// TestLoadTimeFacts runs one compiled program twice, later than it was
// compiled: cpid is the pid each run is given, elapsed counts from each
// run's start and ncpus is the machine's, not values fixed at compile time.
func TestLoadTimeFacts(t *testing.T) {
	src := `BEGIN { printf("cpid %d, under 200 ms %d, ncpus %d\n", cpid, elapsed < 200000000, ncpus); exit(); }`
	prog, err := bpfscript.Compile(src, bpfscript.Options{ChildPID: 1})
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	for _, pid := range []int{4242, 777} {
		time.Sleep(300 * time.Millisecond) // elapsed would exceed 200 ms if it counted from compiling
		var out strings.Builder
		if _, err := prog.Run(context.Background(), runtime.Options{Out: &out, Quiet: true, ChildPID: pid, NumCPUs: 3}); err != nil {
			t.Fatal(err)
		}
		want := "cpid " + strconv.Itoa(pid) + ", under 200 ms 1, ncpus 3\n"
		if out.String() != want {
			t.Errorf("run with cpid %d: %q, want %q", pid, out.String(), want)
		}
	}
}

// TestEventsOpenedWhileCompiling opens a program's events as soon as its
// attach points are known (Options.Resolved), hands them to the run, and checks
// that the run attaches them; events opened for another program are not
// used, and nothing is left open either way.
func TestEventsOpenedWhileCompiling(t *testing.T) {
	before := bpfObjects(t)
	src := `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @ = count(); if (@ == 3) { exit(); } }`
	var opened *runtime.EventOpener
	opts := bpfscript.Options{
		Params:   []string{strconv.Itoa(os.Getpid())},
		Resolved: func(aps []*types.AttachPoint) { opened = runtime.OpenEvents(aps) },
	}
	prog, err := bpfscript.Compile(src, opts)
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	other, err := bpfscript.Compile(src, bpfscript.Options{Params: opts.Params})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		prog *bpfscript.Program
	}{{"its own events", prog}, {"another program's events", other}} {
		t.Run(tt.name, func(t *testing.T) {
			if opened == nil {
				opened = runtime.OpenEvents(bpfscript.AttachPoints(prog.Info))
			}
			var out strings.Builder
			done := make(chan struct{})
			go func() {
				defer close(done)
				for {
					select {
					case <-done:
						return
					default:
						syscall.Getppid()
						time.Sleep(time.Millisecond)
					}
				}
			}()
			code, err := tt.prog.Run(context.Background(), runtime.Options{Out: &out, Quiet: true, Events: opened})
			done <- struct{}{}
			opened = nil
			// exit() stops at 3; another call may count before the
			// probes are detached.
			if err != nil || code != 0 || !regexp.MustCompile(`^\n\n@: [3-9]\n$`).MatchString(out.String()) {
				t.Errorf("Run = %d, %v, output %q", code, err, out.String())
			}
		})
	}
	if after := bpfObjects(t); !slices.Equal(after, before) {
		t.Errorf("kernel objects left:\nbefore %v\nafter  %v", before, after)
	}
}
