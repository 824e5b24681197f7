package tracefs

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// Where tracefs lives: the standard mount point first, then the legacy
// location inside debugfs that kernels before 4.1 (and some distributions)
// still use.
const (
	tracingDir      = "/sys/kernel/tracing"
	debugTracingDir = "/sys/kernel/debug/tracing"
)

// mountOnce caches the outcome of locating or mounting tracefs: the kernel
// state it depends on does not change under a running script, and mounting
// twice would stack mounts.
var mountOnce = sync.OnceValues(func() (string, error) {
	return findOrMount([]string{tracingDir, debugTracingDir}, tracingDir, mountTracefs)
})

// Mount returns the root directory of tracefs, mounting tracefs at
// /sys/kernel/tracing when no usable tree is found. The result, including a
// failure, is computed once per process.
func Mount() (string, error) {
	return mountOnce()
}

// mountTracefs mounts a fresh tracefs instance at target.
func mountTracefs(target string) error {
	return unix.Mount("nodev", target, "tracefs", 0, "")
}

// findOrMount returns the first candidate that holds an events directory, or
// else mounts tracefs at target with mountFn and checks that it worked.
func findOrMount(candidates []string, target string, mountFn func(string) error) (string, error) {
	for _, dir := range candidates {
		if hasEvents(dir) {
			return dir, nil
		}
	}
	if err := mountFn(target); err != nil {
		return "", fmt.Errorf("mounting tracefs at %s: %w", target, err)
	}
	if !hasEvents(target) {
		return "", fmt.Errorf("mounting tracefs at %s: the mounted filesystem has no events directory", target)
	}
	return target, nil
}

// hasEvents reports whether dir looks like a tracefs root: one whose events
// directory lists the kernel's trace events.
func hasEvents(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "events"))
	return err == nil && info.IsDir()
}
