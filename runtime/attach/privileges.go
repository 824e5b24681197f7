package attach

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// Capability numbers (linux/capability.h). CAP_PERFMON and CAP_BPF split
// out of CAP_SYS_ADMIN in Linux 5.8; CAP_SYS_ADMIN still grants both.
const (
	capSysAdmin = 21
	capPerfmon  = 38
	capBPF      = 39
)

// CheckPrivileges returns a one-sentence error naming what is missing when
// the process can neither load BPF programs nor attach tracing ones: it
// needs CAP_SYS_ADMIN (as root has) or both CAP_BPF and CAP_PERFMON.
func CheckPrivileges() error {
	header := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&header, &data[0]); err != nil {
		return fmt.Errorf("reading the process capabilities: %w", err)
	}
	effective := uint64(data[0].Effective) | uint64(data[1].Effective)<<32
	return privilegeError(effective)
}

// privilegeError explains what an effective capability set lacks, or
// returns nil when it suffices.
func privilegeError(effective uint64) error {
	has := func(capability uint) bool { return effective&(1<<capability) != 0 }
	switch {
	case has(capSysAdmin), has(capBPF) && has(capPerfmon):
		return nil
	case has(capBPF):
		return &PrivilegeError{Missing: []string{"CAP_PERFMON"}, msg: "bpfscript needs root or CAP_PERFMON besides CAP_BPF to attach tracing programs"}
	case has(capPerfmon):
		return &PrivilegeError{Missing: []string{"CAP_BPF"}, msg: "bpfscript needs root or CAP_BPF besides CAP_PERFMON to load BPF programs"}
	default:
		return &PrivilegeError{Missing: []string{"CAP_BPF", "CAP_PERFMON"}, msg: "bpfscript needs root or CAP_BPF and CAP_PERFMON to load BPF programs"}
	}
}

// PrivilegeError says the process lacks the capabilities to load or
// attach BPF programs. Its text is one sentence that starts with
// "bpfscript needs".
type PrivilegeError struct {
	// Missing names the capabilities to add (besides root, which has
	// them all): CAP_BPF, CAP_PERFMON or both.
	Missing []string
	msg     string
}

func (e *PrivilegeError) Error() string { return e.msg }
