package attach

import "testing"

func TestPrivilegeError(t *testing.T) {
	const (
		sysAdmin = uint64(1) << capSysAdmin
		bpf      = uint64(1) << capBPF
		perfmon  = uint64(1) << capPerfmon
	)
	tests := []struct {
		name      string
		effective uint64
		want      string // "" for no error
	}{
		{"root", ^uint64(0), ""},
		{"sys_admin only", sysAdmin, ""},
		{"bpf and perfmon", bpf | perfmon, ""},
		{"nothing", 0, "bpfscript needs root or CAP_BPF and CAP_PERFMON to load BPF programs"},
		{"bpf only", bpf, "bpfscript needs root or CAP_PERFMON besides CAP_BPF to attach tracing programs"},
		{"perfmon only", perfmon, "bpfscript needs root or CAP_BPF besides CAP_PERFMON to load BPF programs"},
	}
	for _, tt := range tests {
		err := privilegeError(tt.effective)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: privilegeError = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestCheckPrivileges runs as root, which must be enough.
func TestCheckPrivileges(t *testing.T) {
	if err := CheckPrivileges(); err != nil {
		t.Fatalf("CheckPrivileges as root: %v", err)
	}
}
