//go:build !amd64

package output

// syscallNames is empty where bpfscript has no table of the system calls:
// syscall_name() prints the number.
var syscallNames = [0]string{}
