package bpfscript_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript"
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
