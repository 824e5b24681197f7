package runtime

import (
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// Prewarm does, on a goroutine of its own, the one-time work of the first
// map and the first program a process creates: cilium/ebpf then looks for
// a BPF token (reading /proc/self/mountinfo) and probes the kernel's
// features, loading small test programs (does the kernel take func infos?
// does it have bpf_probe_read_kernel, or must helper calls be rewritten?):
// a few hundred microseconds of system calls whose results it keeps. A
// command about to load a program calls it first thing, so that the work
// overlaps with compiling instead of delaying the load. It needs the
// privileges loading needs; without them it does nothing.
func Prewarm() {
	go func() {
		m, err := ebpf.NewMap(&ebpf.MapSpec{Name: "prewarm", Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 1})
		if err != nil {
			return
		}
		m.Close()
		p, err := ebpf.NewProgram(&ebpf.ProgramSpec{
			Name: "prewarm",
			Type: ebpf.TracePoint,
			Instructions: asm.Instructions{
				asm.FnKtimeGetNs.Call(), // any helper call runs the probe_read_kernel test
				asm.Mov.Imm(asm.R0, 0),
				asm.Return(),
			},
			License: "GPL",
		})
		if err == nil {
			p.Close()
		}
	}()
}
