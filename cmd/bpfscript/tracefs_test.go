package main

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// TestMountsTracefsWhenMissing runs bpfscript in a private mount namespace
// where tracefs is not mounted (so other tests running meanwhile keep
// theirs): a tracepoint one-liner must mount it and run.
func TestMountsTracefsWhenMissing(t *testing.T) {
	script := `
umount -l /sys/kernel/tracing 2>/dev/null
umount -l /sys/kernel/debug/tracing 2>/dev/null
if [ -e /sys/kernel/tracing/events ]; then echo "still mounted"; exit 3; fi
"$BIN" -q -e 'tracepoint:syscalls:sys_enter_getppid { @ = count(); } interval:ms:50 { exit(); }' || exit 4
grep -c ' /sys/kernel/tracing tracefs ' /proc/self/mounts
`
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = append(cmd.Environ(), "BIN="+bin)
	// Go makes the new namespace's mounts private, so nothing leaks out.
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if lines[len(lines)-1] != "1" {
		t.Errorf("tracefs was not mounted by bpfscript; output:\n%s", out)
	}
}
