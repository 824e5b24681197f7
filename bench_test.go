package bpfscript

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/tracefs"
)

// mapAssignments is the compile-time benchmark's script: one begin probe
// with n assignments to one map, each with its own string key, as
// bench/RESULTS.md's "compile time" rows:
//
//	begin { @map["key_1"] = 1; ... @map["key_n"] = n; }
func mapAssignments(n int) string {
	var b strings.Builder
	b.WriteString("begin {\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  @map[\"key_%d\"] = %d;\n", i, i)
	}
	b.WriteString("}\n")
	return b.String()
}

// benchmarkCompile measures Compile alone: parse, check, compile and
// generate code, nothing loaded into the kernel. NumCPUs is fixed so that
// the figure does not include asking the kernel.
func benchmarkCompile(b *testing.B, n int) {
	src := mapAssignments(n)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(src, Options{NumCPUs: 2}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/stmt")
}

func BenchmarkCompile100(b *testing.B)  { benchmarkCompile(b, 100) }
func BenchmarkCompile1000(b *testing.B) { benchmarkCompile(b, 1000) }
func BenchmarkCompile3000(b *testing.B) { benchmarkCompile(b, 3000) }

// TestMapAssignmentsCompile checks that the benchmark's script is a valid
// program with one instruction stream that grows with n, so that the
// benchmarks measure what they claim to.
func TestMapAssignmentsCompile(t *testing.T) {
	var prev int
	for _, n := range []int{1, 10, 100} {
		p, err := Compile(mapAssignments(n), Options{NumCPUs: 2})
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(p.Compiled.Probes) != 1 {
			t.Fatalf("n=%d: %d programs, want 1", n, len(p.Compiled.Probes))
		}
		insns := len(p.Compiled.Probes[0].Code.Insns)
		if insns <= prev {
			t.Errorf("n=%d: %d instructions, not more than %d for fewer statements", n, insns, prev)
		}
		prev = insns
	}
}

// twentySyscalls are the syscalls of the startup benchmark's script, one
// tracepoint probe each, as bench/RESULTS.md's "startup" rows.
var twentySyscalls = []string{
	"getppid", "getpid", "gettid", "getuid", "geteuid", "getgid", "getegid",
	"getresuid", "getresgid", "getsid", "getpgid", "getpriority", "sched_yield",
	"getcwd", "newuname", "getrlimit", "times", "sysinfo", "getrusage", "getcpu",
}

// twentyProbes is the startup benchmark's script:
//
//	tracepoint:syscalls:sys_enter_getppid { @[probe] = count(); }
//	... one line per syscall in twentySyscalls
func twentyProbes() string {
	var b strings.Builder
	for _, name := range twentySyscalls {
		fmt.Fprintf(&b, "tracepoint:syscalls:sys_enter_%s { @[probe] = count(); }\n", name)
	}
	return b.String()
}

// BenchmarkCompileTwenty measures Compile of the startup script against
// the running kernel's tracefs, so that it includes resolving the
// tracepoints, as a launch does.
func BenchmarkCompileTwenty(b *testing.B) {
	if _, err := tracefs.Mount(); err != nil {
		b.Skipf("no tracefs: %v", err)
	}
	src := twentyProbes()
	b.ReportAllocs()
	for b.Loop() {
		p, err := Compile(src, Options{NumCPUs: 2})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Compiled.Probes) != len(twentySyscalls) {
			b.Fatalf("%d programs, want %d", len(p.Compiled.Probes), len(twentySyscalls))
		}
	}
}
