package attach

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
)

// countingProgram loads a program of type typ that adds one to slot 0 of
// the returned array map each time it runs. When tgid is not 0 it counts
// only runs in that process: bpf_get_current_pid_tgid() >> 32 == tgid.
func countingProgram(t testing.TB, typ ebpf.ProgramType, tgid int) (*ebpf.Program, *ebpf.Map) {
	t.Helper()
	counter, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 1})
	if err != nil {
		t.Fatalf("creating the counter map: %v", err)
	}
	t.Cleanup(func() { counter.Close() })

	var insns asm.Instructions
	if tgid != 0 {
		insns = append(insns,
			asm.FnGetCurrentPidTgid.Call(),
			asm.RSh.Imm(asm.R0, 32),
			asm.JNE.Imm(asm.R0, int32(tgid), "exit"),
		)
	}
	insns = append(insns,
		asm.StoreImm(asm.RFP, -4, 0, asm.Word),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, -4),
		asm.LoadMapPtr(asm.R1, counter.FD()),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, "exit"),
		asm.Mov.Imm(asm.R1, 1),
		asm.StoreXAdd(asm.R0, asm.R1, asm.DWord),
		asm.Mov.Imm(asm.R0, 0).WithSymbol("exit"),
		asm.Return(),
	)
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: typ, Instructions: insns, License: "GPL"})
	if err != nil {
		t.Fatalf("loading a %s program: %v", typ, err)
	}
	t.Cleanup(func() { prog.Close() })
	return prog, counter
}

func readCount(t testing.TB, counter *ebpf.Map) uint64 {
	t.Helper()
	var value []byte
	if err := counter.Lookup(uint32(0), &value); err != nil {
		t.Fatalf("reading the counter: %v", err)
	}
	return binary.NativeEndian.Uint64(value)
}

// linksOf counts the BPF links in the kernel that hold prog.
func linksOf(t testing.TB, prog *ebpf.Program) int {
	t.Helper()
	info, err := prog.Info()
	if err != nil {
		t.Fatal(err)
	}
	id, ok := info.ID()
	if !ok {
		t.Fatal("the kernel did not report the program's ID")
	}
	n := 0
	it := new(link.Iterator)
	defer it.Close()
	for it.Next() {
		linkInfo, err := it.Link.Info()
		if err != nil {
			continue // a link type the library cannot describe
		}
		if linkInfo.Program == id {
			n++
		}
	}
	if err := it.Err(); err != nil && !errors.Is(err, ebpf.ErrNotSupported) {
		t.Fatalf("listing links: %v", err)
	}
	return n
}
