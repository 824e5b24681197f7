package sysenv

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/bpfscript/bpfscript/lang/types"
)

// procPidInitIno is the inode number of the initial PID namespace
// (PROC_PID_INIT_INO).
const procPidInitIno = 0xEFFFFFFC

// PIDNamespace returns the PID namespace bpfscript runs in: from
// /proc/self/ns/pid on the running kernel, from dir/pidns ("dev ino") in a
// fixture tree, where its absence means the initial namespace.
func (e *Env) PIDNamespace() (types.PIDNamespace, error) {
	if e.fixture != "" {
		data, err := os.ReadFile(filepath.Join(e.fixture, "pidns"))
		if os.IsNotExist(err) {
			return types.PIDNamespace{Ino: procPidInitIno, Init: true}, nil
		}
		if err != nil {
			return types.PIDNamespace{}, err
		}
		f := strings.Fields(string(data))
		if len(f) != 2 {
			return types.PIDNamespace{}, &os.PathError{Op: "parse", Path: filepath.Join(e.fixture, "pidns"), Err: syscall.EINVAL}
		}
		dev, err1 := strconv.ParseUint(f[0], 10, 64)
		ino, err2 := strconv.ParseUint(f[1], 10, 64)
		if err1 != nil || err2 != nil {
			return types.PIDNamespace{}, &os.PathError{Op: "parse", Path: filepath.Join(e.fixture, "pidns"), Err: syscall.EINVAL}
		}
		return types.PIDNamespace{Dev: dev, Ino: ino, Init: ino == procPidInitIno}, nil
	}
	var st syscall.Stat_t
	if err := syscall.Stat("/proc/self/ns/pid", &st); err != nil {
		return types.PIDNamespace{}, err
	}
	return types.PIDNamespace{Dev: st.Dev, Ino: st.Ino, Init: st.Ino == procPidInitIno}, nil
}
