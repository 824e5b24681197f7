package early

import (
	"os"
	"runtime"

	"github.com/bpfscript/bpfscript/lang/parser"
)

// minProcs is the fewest Ps the command runs with. Its start-up has
// goroutines that spend their time in long system calls (opening perf
// events, loading programs: 50 to 300 µs each) beside a compiling one. A
// goroutine in a system call keeps its P until the runtime's monitor
// takes it back, which at start-up can take a millisecond: with as many
// Ps as CPUs (two here), a goroutine started meanwhile (the one that
// opens the perf events) waits that long to run. Spare Ps let it run at
// once; the kernel shares the CPUs between the threads.
const minProcs = 4

func init() {
	// Ps first: changing their number stops the world, which is quick
	// while only this goroutine runs, and waits for the grammar's
	// goroutine to be preempted once it runs.
	if os.Getenv("GOMAXPROCS") == "" && runtime.GOMAXPROCS(0) < minProcs {
		runtime.GOMAXPROCS(minProcs)
	}
	parser.Prepare()
}
