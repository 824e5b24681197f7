package output

import (
	"runtime"
	"testing"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		resolver string
		n        uint64
		want     string
	}{
		{"strerror", 1, "Operation not permitted"},
		{"strerror", 2, "No such file or directory"},
		{"strerror", 110, "Connection timed out"},
		{"strerror", 0, "Unknown error 0"},
		{"strerror", 9999, "Unknown error 9999"},
		{"strerror", uint64(1<<64 - 5), "Unknown error -5"},
		{"signal_name", 2, "SIGINT"},
		{"signal_name", 9, "SIGKILL"},
		{"signal_name", 200, "200"},
		{"username", 0, "root"},
		{"username", 4000000000, "4000000000"},
		{"no_such_resolver", 7, "7"},
	}
	if runtime.GOARCH == "amd64" {
		tests = append(tests, []struct {
			resolver string
			n        uint64
			want     string
		}{{"syscall_name", 0, "read"}, {"syscall_name", 257, "openat"}, {"syscall_name", 462, "mseal"}, {"syscall_name", 1000, "1000"}}...)
	}
	for _, tt := range tests {
		if got := Resolve(tt.resolver, tt.n); got != tt.want {
			t.Errorf("Resolve(%q, %d) = %q, want %q", tt.resolver, tt.n, got, tt.want)
		}
	}
}

func TestCgroupMountNames(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`/sys/fs/cgroup`, "/sys/fs/cgroup"},
		{`/mnt/a\040b`, "/mnt/a b"},
		{`/x\\`, `/x\\`},
	} {
		if got := unescapeMount(tt.in); got != tt.want {
			t.Errorf("unescapeMount(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, o := range []string{"rw", "relatime", "nsdelegate", "release_agent=/x"} {
		if !isMountOption(o) {
			t.Errorf("%s is not taken for a mount option", o)
		}
	}
	for _, o := range []string{"cpu", "memory", "pids"} {
		if isMountOption(o) {
			t.Errorf("%s is taken for a mount option", o)
		}
	}
}
