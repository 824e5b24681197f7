package tracefs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

const filterFunctions = `vfs_write
vfs_read
vfs_readv
do_nanosleep
vfs_read
udp_send_skb.isra.0
kvm_vcpu_halt [kvm]
vfs_read [overlay]
`

func funcsFS(t *testing.T) *FS {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "available_filter_functions"), []byte(filterFunctions), 0o644); err != nil {
		t.Fatal(err)
	}
	return At(dir)
}

func TestKernelFuncs(t *testing.T) {
	fs := funcsFS(t)
	tests := []struct {
		module, pattern string
		want            []string
	}{
		{"", "vfs_read", []string{"vfs_read"}},
		{"", "vfs_rea*", []string{"vfs_read", "vfs_readv"}},
		{"", "*read*", []string{"vfs_read", "vfs_readv"}},
		{"", "vfs_?rite", []string{"vfs_write"}},
		{"", "nothing", nil},
		{"", "udp_send_skb*", []string{"udp_send_skb.isra.0"}},
		{"kvm", "*", []string{"kvm_vcpu_halt"}},
		{"kvm", "vfs_read", nil},
		{"overlay", "vfs_read", []string{"vfs_read"}},
		{"vmlinux", "vfs_re*", []string{"vfs_read", "vfs_readv"}},
		{"vmlinux", "kvm_vcpu_halt", nil},
	}
	for _, tt := range tests {
		got, err := fs.KernelFuncs(tt.module, tt.pattern)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("KernelFuncs(%q, %q) = %q, %v; want %q", tt.module, tt.pattern, got, err, tt.want)
		}
	}
	if _, err := fs.KernelFuncs("", "[a"); err == nil {
		t.Error("no error for a bad pattern")
	}
	names, err := fs.KernelFuncNames()
	want := []string{"do_nanosleep", "kvm_vcpu_halt", "udp_send_skb.isra.0", "vfs_read", "vfs_readv", "vfs_write"}
	if err != nil || !slices.Equal(names, want) {
		t.Errorf("KernelFuncNames() = %q, %v; want %q", names, err, want)
	}
}

func TestKernelFuncsMissingList(t *testing.T) {
	fs := At(t.TempDir())
	if _, err := fs.KernelFuncs("", "vfs_read"); err == nil {
		t.Error("no error for a tree without available_filter_functions")
	}
}

func TestKallsymsFuncs(t *testing.T) {
	const kallsyms = `ffffffff81000000 T _stext
ffffffff81001000 t __pfx_vfs_read
ffffffff81001010 T vfs_read
ffffffff81002000 D some_data
ffffffff81003000 t helper.cold
ffffffffc0000000 t kvm_vcpu_halt	[kvm]
`
	list := &kernelFuncs{text: kallsyms, parse: parseKallsymsLine}
	list.sort()
	want := []KernelFunc{{Name: "_stext"}, {Name: "helper.cold"}, {Name: "kvm_vcpu_halt", Module: "kvm"}, {Name: "vfs_read"}}
	if !slices.Equal(list.sorted, want) {
		t.Errorf("got %+v, want %+v", list.sorted, want)
	}
	for _, tt := range []struct {
		name, module string
		want         bool
	}{
		{"vfs_read", "", true}, {"vfs_read", "vmlinux", true}, {"vfs_read", "kvm", false},
		{"kvm_vcpu_halt", "kvm", true}, {"kvm_vcpu_halt", "vmlinux", false},
		{"vfs_rea", "", false}, {"some_data", "", false}, {"__pfx_vfs_read", "", false}, {"helper.cold", "", true},
	} {
		if got := list.has(tt.name, tt.module); got != tt.want {
			t.Errorf("has(%q, %q) = %t, want %t", tt.name, tt.module, got, tt.want)
		}
	}
}
