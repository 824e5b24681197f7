package sysenv

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// cgroupIDs finds the ids of cgroups by path.
type cgroupIDs interface {
	cgroupID(path string) (uint64, error)
}

// kernelCgroups answers from the mounted cgroup file systems: a cgroup v2
// directory's id is its inode number, which is what
// bpf_get_current_cgroup_id returns for the tasks in it.
type kernelCgroups struct{}

func (kernelCgroups) cgroupID(path string) (uint64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	if !fi.IsDir() {
		return 0, fmt.Errorf("%s is not a directory", path)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, errors.New("no inode number")
	}
	return st.Ino, nil
}

// cgroupsFile answers from dir/cgroup.ids, "path id" a line, read on each
// question (the checker asks each path once).
type cgroupsFile struct{ dir string }

func (f cgroupsFile) cgroupID(path string) (uint64, error) {
	file, err := os.Open(filepath.Join(f.dir, "cgroup.ids"))
	if err != nil {
		return 0, err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, id, ok := strings.Cut(line, " ")
		if !ok || p != path {
			continue
		}
		return strconv.ParseUint(strings.TrimSpace(id), 10, 64)
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%w: %s", os.ErrNotExist, path)
}

// CgroupID returns the id of the cgroup v2 directory at path.
func (e *Env) CgroupID(path string) (uint64, error) {
	return e.cgroups.cgroupID(path)
}
