package sysenv_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/sysenv"
)

func TestHasBTF(t *testing.T) {
	if !sysenv.Kernel().HasBTF() {
		t.Error("this kernel has BTF (/sys/kernel/btf/vmlinux), HasBTF says no")
	}
	if !testenv.New().HasBTF() {
		t.Error("the fixture tree has vmlinux.funcs, HasBTF says no")
	}
	if sysenv.At(t.TempDir()).HasBTF() {
		t.Error("an empty tree has BTF")
	}
}
