package parser

import (
	"fmt"
	"strings"
	"testing"
)

// twentyProbes is the start-up benchmark's script: 20 tracepoints, each
// counting into a map keyed by probe.
var twentyProbes = func() string {
	syscalls := []string{
		"getpid", "getppid", "getuid", "geteuid", "getgid",
		"getegid", "gettid", "read", "write", "openat",
		"close", "mmap", "munmap", "brk", "ioctl",
		"pread64", "pwrite64", "readv", "writev", "access",
	}
	var b strings.Builder
	for _, name := range syscalls {
		fmt.Fprintf(&b, "tracepoint:syscalls:sys_enter_%s { @[probe] = count(); }\n", name)
	}
	return b.String()
}()

// BenchmarkParseTwenty measures parsing the script whose launch time the
// start-up work targets.
func BenchmarkParseTwenty(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.bt", twentyProbes); err != nil {
			b.Fatal(err)
		}
	}
}

// probesScript returns a script of n probes that exercise every part of
// the grammar: probe lists, predicates, if/else-if/else, let, assignments
// and expressions of several precedence levels, so that parse time per
// probe can be compared across sizes.
func probesScript(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "tracepoint:syscalls:sys_enter_read, tracepoint:syscalls:sys_enter_write /pid == %d && uid != 0/ {\n", i)
		b.WriteString("\tlet $n = args->count;\n")
		b.WriteString("\tif ($n > 4096) { @big[comm] = count(); } else if ($n > 512) { @mid = hist($n); } else { @small++; }\n")
		b.WriteString("\t@bytes[tid, \"rw\"] += $n * 2 + (1 << 3) % 7;\n")
		b.WriteString("\tprintf(\"%s %d\\n\", comm, $n > 0 ? $n : -$n);\n")
		b.WriteString("}\n")
	}
	return b.String()
}

// BenchmarkParseProbes measures parsing at several script sizes; ns/probe
// should stay flat as the size grows (parse time linear in the script).
func BenchmarkParseProbes(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		src := probesScript(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Parse("bench.bt", src); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/probe")
		})
	}
}
