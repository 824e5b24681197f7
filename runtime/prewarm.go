package runtime

import "github.com/cilium/ebpf"

// Prewarm does, on a goroutine of its own, the one-time work of the first
// map a process creates: cilium/ebpf then looks for a BPF token (reading
// /proc/self/mountinfo) and probes the kernel's features: a few hundred
// microseconds of system calls whose results it keeps. A
// command about to load a program calls it first thing, so that the work
// overlaps with compiling instead of delaying the load. It needs the
// privileges loading needs; without them it does nothing.
func Prewarm() {
	go func() {
		m, err := ebpf.NewMap(&ebpf.MapSpec{Name: "prewarm", Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 1})
		if err == nil {
			m.Close()
		}
	}()
}
