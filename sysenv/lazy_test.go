package sysenv

import "testing"

// TestKernelLoadsBTFOnlyWhenAsked checks that making a kernel Env and asking
// it tracepoint questions leave kernel BTF unloaded: start-up of a script
// that calls no kernel function must not pay for parsing it.
func TestKernelLoadsBTFOnlyWhenAsked(t *testing.T) {
	env := Kernel()
	k := env.funcs.(*kernelBTF)
	if _, err := env.TracepointFormat("sched", "sched_switch"); err != nil {
		t.Fatal(err)
	}
	if k.cache != nil {
		t.Fatal("kernel BTF loaded by a tracepoint question")
	}
	if _, err := env.KernelFuncID("bpf_map_sum_elem_count"); err != nil {
		t.Fatal(err)
	}
	if k.cache == nil {
		t.Fatal("kernel BTF not loaded by a kernel function question")
	}
}
