package codegen

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
)

// TestCountProgramCounts attaches the benchmark program to
// raw_syscalls:sys_enter and checks that it counts this process's
// syscalls under its comm.
func TestCountProgramCounts(t *testing.T) {
	insns, err := Generate(countProgram())
	if err != nil {
		t.Fatal(err)
	}
	m, err := ebpf.NewMap(&ebpf.MapSpec{Name: "count", Type: ebpf.Hash, KeySize: 16, ValueSize: 8, MaxEntries: 1024})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := insns.AssociateMap("@", m); err != nil {
		t.Fatal(err)
	}
	prog := loadProgram(t, ebpf.TracePoint, insns)
	l, err := link.Tracepoint("raw_syscalls", "sys_enter", prog, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	comm, err := os.ReadFile("/proc/thread-self/comm")
	if err != nil {
		t.Fatal(err)
	}
	var key [16]byte
	copy(key[:15], bytes.TrimSpace(comm))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for range 100 {
			os.Getpid()
		}
		var n uint64
		if err := m.Lookup(key, &n); err == nil && n >= 100 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	var n uint64
	err = m.Lookup(key, &n)
	t.Errorf("count for %q = %d (%v), want at least 100", key, n, err)
}
