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
