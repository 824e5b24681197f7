package sysenv_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/sysenv"
	"github.com/cilium/ebpf/btf"
)

// TestFixtureAnswers asks the shared fixture tree each kind of question.
func TestFixtureAnswers(t *testing.T) {
	env := testenv.New()
	names, err := env.Tracepoints("sched", "sched_s*")
	if err != nil || !slices.Equal(names, []string{"sched:sched_switch"}) {
		t.Errorf("Tracepoints(sched, sched_s*) = %q, %v", names, err)
	}
	format, err := env.TracepointFormat("syscalls", "sys_enter_openat")
	if err != nil || format.ID != 782 {
		t.Errorf("TracepointFormat(syscalls, sys_enter_openat) = %+v, %v; want ID 782", format, err)
	}
	if id, err := env.KernelFuncID("bpf_map_sum_elem_count"); err != nil || id != 1022 {
		t.Errorf("KernelFuncID(bpf_map_sum_elem_count) = %d, %v; want 1022", id, err)
	}
	if _, err := env.KernelFuncID("no_such_function"); !errors.Is(err, btf.ErrNotFound) {
		t.Errorf("KernelFuncID(no_such_function) error = %v, want btf.ErrNotFound", err)
	}
}

func TestFuncsFileErrors(t *testing.T) {
	tests := []struct{ name, text, wantErr string }{
		{"one field", "bpf_map_sum_elem_count\n", `vmlinux.funcs:1: want "name id"`},
		{"three fields", "# ids\nf 1 2\n", `vmlinux.funcs:2: want "name id"`},
		{"id not a number", "f one\n", `vmlinux.funcs:1: bad BTF id "one"`},
		{"id zero", "f 0\n", `vmlinux.funcs:1: bad BTF id "0"`},
		{"id too big", "f 4294967296\n", `vmlinux.funcs:1: bad BTF id "4294967296"`},
		{"missing file", "", "reading kernel function ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.text != "" {
				if err := os.WriteFile(filepath.Join(dir, "vmlinux.funcs"), []byte(tt.text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			env := sysenv.At(dir)
			for range 2 { // the second answer comes from the first read
				_, err := env.KernelFuncID("f")
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
			}
		})
	}
}

// TestKernelFuncID looks a kfunc up in the running kernel's BTF and checks
// the id against cilium/ebpf's own lookup.
func TestKernelFuncID(t *testing.T) {
	spec, err := btf.LoadKernelSpec()
	if err != nil {
		t.Fatal(err)
	}
	var fn *btf.Func
	if err := spec.TypeByName("bpf_map_sum_elem_count", &fn); err != nil {
		t.Fatal(err)
	}
	want, err := spec.TypeID(fn)
	if err != nil {
		t.Fatal(err)
	}
	env := sysenv.Kernel()
	for range 2 {
		if id, err := env.KernelFuncID("bpf_map_sum_elem_count"); err != nil || id != int32(want) {
			t.Errorf("KernelFuncID(bpf_map_sum_elem_count) = %d, %v; want %d", id, err, want)
		}
	}
	if _, err := env.KernelFuncID("no_such_function_in_vmlinux"); !errors.Is(err, btf.ErrNotFound) {
		t.Errorf("KernelFuncID of a missing function: error = %v, want btf.ErrNotFound", err)
	}
}

// TestKernelWithBTF reads kernel function ids from a copy of the kernel's
// BTF, as from the kernel's own, and says which file it could not read.
func TestKernelWithBTF(t *testing.T) {
	const fn = "bpf_map_sum_elem_count"
	want, err := sysenv.Kernel().KernelFuncID(fn)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("/sys/kernel/btf/vmlinux")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "vmlinux.btf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if id, err := sysenv.KernelWithBTF(file).KernelFuncID(fn); err != nil || id != want {
		t.Errorf("KernelFuncID(%s) from %s = %d, %v; want %d", fn, file, id, err, want)
	}
	missing := filepath.Join(t.TempDir(), "none.btf")
	if _, err := sysenv.KernelWithBTF(missing).KernelFuncID(fn); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("a missing BTF file: error %v, want one naming %s", err, missing)
	}
}
