package output

import (
	"bufio"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Resolve turns the integer of a types.Resolved value into the text
// upstream prints for it. resolver is the type's Name: "strerror",
// "signal_name", "syscall_name", "username", or "cgroup_path" with an
// optional ":filter".
func Resolve(resolver string, n uint64) string {
	name, filter, _ := strings.Cut(resolver, ":")
	switch name {
	case "strerror":
		return strerror(int64(n))
	case "signal_name":
		if s := unix.SignalName(syscall.Signal(n)); s != "" && n <= 64 {
			return s
		}
	case "syscall_name":
		if n < uint64(len(syscallNames)) && syscallNames[n] != "" {
			return syscallNames[n]
		}
	case "username":
		if s, ok := users.name(uint32(n)); ok {
			return s
		}
	case "cgroup_path":
		return cgroups.path(n, filter)
	}
	return strconv.FormatInt(int64(n), 10)
}

// strerror is C's strerror: Go's table of messages is the C library's
// with a lower-case first letter.
func strerror(n int64) string {
	if n <= 0 || n > 4095 {
		return "Unknown error " + strconv.FormatInt(n, 10)
	}
	msg := syscall.Errno(n).Error()
	if strings.HasPrefix(msg, "errno ") {
		return "Unknown error " + strconv.FormatInt(n, 10)
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// userNames maps uids to names from /etc/passwd, read on first use.
type userNames struct {
	once  sync.Once
	names map[uint32]string
}

var users userNames

func (u *userNames) name(uid uint32) (string, bool) {
	u.once.Do(func() {
		u.names = map[uint32]string{}
		f, err := os.Open("/etc/passwd")
		if err != nil {
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Split(sc.Text(), ":")
			if len(fields) < 3 {
				continue
			}
			id, err := strconv.ParseUint(fields[2], 10, 32)
			if err != nil {
				continue
			}
			if _, seen := u.names[uint32(id)]; !seen {
				u.names[uint32(id)] = fields[0]
			}
		}
	})
	name, ok := u.names[uid]
	return name, ok
}

// cgroupPaths finds cgroups by id in the mounted cgroup hierarchies,
// remembering what it found: a cgroup's id is the inode number of its
// directory, and a lookup walks the hierarchies.
type cgroupPaths struct {
	mu    sync.Mutex
	found map[uint64][]hierarchyPath
}

// hierarchyPath is a cgroup found in one hierarchy: "unified" for cgroup
// v2, the controllers (or name=) of a v1 hierarchy.
type hierarchyPath struct {
	hierarchy, path string
}

var cgroups cgroupPaths

// path is cgroup_path(id, filter)'s text: "hierarchy:path" for every
// hierarchy whose name matches the filter (all without one) and holds the
// cgroup, comma-separated, cgroup v2's first, as upstream.
func (c *cgroupPaths) path(id uint64, filter string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	found, ok := c.found[id]
	if !ok {
		found = findCgroup(id)
		if c.found == nil {
			c.found = map[uint64][]hierarchyPath{}
		}
		if len(found) > 0 {
			c.found[id] = found
		}
	}
	var parts []string
	for _, f := range found {
		if filter != "" {
			if ok, _ := path.Match(filter, f.hierarchy); !ok {
				continue
			}
		}
		parts = append(parts, f.hierarchy+":"+f.path)
	}
	return strings.Join(parts, ",")
}

// findCgroup walks every cgroup hierarchy for the directory of inode id.
func findCgroup(id uint64) []hierarchyPath {
	var found []hierarchyPath
	for _, m := range cgroupMounts() {
		filepath.WalkDir(m.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil
			}
			if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Ino == id {
				rel, _ := filepath.Rel(m.dir, p)
				found = append(found, hierarchyPath{m.hierarchy, path.Clean("/" + filepath.ToSlash(rel))})
				return filepath.SkipAll
			}
			return nil
		})
	}
	return found
}

type cgroupMount struct{ hierarchy, dir string }

// cgroupMounts lists the mounted cgroup hierarchies from /proc/self/mounts:
// cgroup v2 first, then v1's by name.
func cgroupMounts() []cgroupMount {
	data, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		return nil
	}
	var v2 []cgroupMount
	var v1 []cgroupMount
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		dir := unescapeMount(f[1])
		switch f[2] {
		case "cgroup2":
			if !seen["unified"] {
				seen["unified"] = true
				v2 = append(v2, cgroupMount{"unified", dir})
			}
		case "cgroup":
			var names []string
			for _, o := range strings.Split(f[3], ",") {
				switch {
				case strings.HasPrefix(o, "name="):
					names = append(names, strings.TrimPrefix(o, "name="))
				case isMountOption(o):
				default:
					names = append(names, o)
				}
			}
			name := strings.Join(names, ",")
			if name != "" && !seen[name] {
				seen[name] = true
				v1 = append(v1, cgroupMount{name, dir})
			}
		}
	}
	slices.SortFunc(v1, func(a, b cgroupMount) int { return strings.Compare(a.hierarchy, b.hierarchy) })
	return append(v2, v1...)
}

// isMountOption reports whether o is a generic mount option rather than
// a cgroup controller.
func isMountOption(o string) bool {
	switch o {
	case "rw", "ro", "relatime", "noatime", "nodiratime", "nosuid", "nodev", "noexec", "strictatime",
		"xattr", "clone_children", "noprefix", "cpuset_v2_mode", "nsdelegate", "memory_recursiveprot",
		"memory_localevents", "memory_hugetlb_accounting", "favordynmods":
		return true
	}
	return strings.Contains(o, "=")
}

// unescapeMount undoes the octal escapes of /proc/mounts (\040 a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				sb.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}
