package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The system functions of the standard library, run on this kernel with
// exact output.

func TestSystemValues(t *testing.T) {
	script := `BEGIN {
  printf("%d %d %s %d|%s|\n", jiffies > 0, numaid, probetype, has_cpid, username);
  printf("%s|%s|%s|%s|%s\n", strerror(2), strerror(1), strerror(9999), signal_name(9), syscall_name(257));
  printf("%d %d %d %d %d %d\n", is_str("a"), is_str(1), is_integer(1), is_unsigned_integer(pid), is_ptr(1), is_literal(1));
  printf("%d %d %d\n", is_err(-1), is_err(-4095), is_err(-4096));
  printf("%d %d %d\n", pid(init) == pid, tid(curr_ns) == tid, pid() == pid);
  print(strerror(13));
  @[syscall_name(0)] = count();
  exit();
}
tracepoint:syscalls:sys_enter_getppid { printf("%s\n", probetype); }
END { printf("%s\n", probetype()); }`
	r := run(t, "", "-e", script)
	expect(t, r, `1 0 special 0|root|
No such file or directory|Operation not permitted|Unknown error 9999|SIGKILL|openat
1 0 1 1 0 1
1 1 0
1 1 1
Permission denied
special


@[read]: 1
`, 0)
}

func TestSystemClocks(t *testing.T) {
	// Each clock is read twice around the others: the readings must be
	// ordered, and TAI (either way) ahead of the boot clock by its
	// offset, the same within a millisecond.
	script := `BEGIN {
  $b1 = nsecs(boot); $m = nsecs(monotonic); $t = nsecs(tai); $s = nsecs(sw_tai); $b2 = nsecs;
  printf("%d %d %d\n", $b1 <= $b2, $m <= $b2, $s - $t < 1000000 && $t - $s < 1000000);
  exit();
}`
	expect(t, run(t, "", "-e", script), "1 1 1\n", 0)
}

func TestMessages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "motd")
	if err := os.WriteFile(path, []byte("line one\nline two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	line1 := `BEGIN { errorf("bad: %d, %s", 10, "arg2"); warnf("careful %d", 1);`
	line2 := `  debugf("x=%d", 2); cat("%s", "` + path + `"); cat("/nonexistent/%d", 7); printf("done\n"); exit(); }`
	r := run(t, "", "-e", line1+"\n"+line2)
	expect(t, r, "line one\nline two\ndone\n", 0)
	// Each message quotes its call, as upstream's do.
	want := `Attached 1 probe
stdin:1:9-42: ERROR: bad: 10, arg2
` + line1 + `
        ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
stdin:1:44-66: WARNING: careful 1
` + line1 + `
                                           ~~~~~~~~~~~~~~~~~~~~~~
stdin:2:3-20: DEBUG: x=2
` + line2 + `
  ~~~~~~~~~~~~~~~~~
ERROR: failed to open file '/nonexistent/7': No such file or directory
`
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
	r = run(t, "", "-f", "json", "-e", `BEGIN { cat("`+path+`"); exit(); }`)
	expect(t, r, `{"type": "attached_probes", "data": {"probes": 1}}
{"type": "cat", "data": "line one\nline two\n"}
`, 0)
}

func TestAssert(t *testing.T) {
	line1 := `BEGIN { assert(1 == 1, "holds"); printf("one\n"); assert(pid == 0, "pid is 0"); printf("two\n"); }`
	r := run(t, "", "-e", line1+"\nEND { printf(\"end\\n\"); }")
	expect(t, r, "one\nend\n", 1)
	want := "Attached 2 probes\nstdin:1:51-79: ERROR: Assertion failed: pid is 0\n" + line1 + "\n" +
		strings.Repeat(" ", 50) + strings.Repeat("~", 28) + "\n"
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
}

func TestFailAndStaticAssert(t *testing.T) {
	script := `BEGIN { static_assert($# == 1, "one parameter"); if ($1 < 2) { fail("want more than 1, got %d", $1); } printf("ok %d\n", $1); exit(); }`
	expect(t, run(t, "", "-e", script, "5"), "ok 5\n", 0)
	r := run(t, "", "-e", script, "1")
	if r.code == 0 || !strings.Contains(r.stderr, "stdin:1:64: error: want more than 1, got 1\n") {
		t.Errorf("exit code %d, stderr:\n%s", r.code, r.stderr)
	}
	r = run(t, "", "-e", script)
	if r.code == 0 || !strings.Contains(r.stderr, "error: static assertion failed: one parameter\n") {
		t.Errorf("exit code %d, stderr:\n%s", r.code, r.stderr)
	}
}

func TestCPID(t *testing.T) {
	// Without -c, cpid is 0 and warns each time it is read.
	script := `BEGIN { printf("%d %d\n", has_cpid, cpid); exit(); }`
	r := run(t, "", "-e", script)
	expect(t, r, "0 0\n", 0)
	want := "Attached 1 probe\nstdin:1:37-41: WARNING: cpid is not set: there is no -c command\n" + script + "\n" +
		strings.Repeat(" ", 36) + "~~~~\n"
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
	r = run(t, "", "-c", "/bin/true", "-e", `BEGIN { printf("%d %d\n", has_cpid(), cpid() > 1); exit(); }`)
	expect(t, r, "1 1\n", 0)
}

// cgroup2Mount returns where cgroup v2 is mounted and this process's
// cgroup there.
func cgroup2Mount(t *testing.T) (mount, path string) {
	t.Helper()
	mounts, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(mounts), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[2] == "cgroup2" {
			mount = f[1]
			break
		}
	}
	cg, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(cg), "\n") {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			path = p
		}
	}
	if mount == "" || path == "" {
		t.Fatal("no cgroup v2 hierarchy")
	}
	return mount, path
}

func TestCgroups(t *testing.T) {
	mount, path := cgroup2Mount(t)
	dir := filepath.Join(mount, path)
	var st syscall.Stat_t
	if err := syscall.Stat(dir, &st); err != nil {
		t.Fatal(err)
	}
	script := fmt.Sprintf(`BEGIN { printf("%%d %%d\n", cgroupid("%s"), cgroupid("%s") == cgroup);
  print(cgroup_path(cgroup, "unified")); print(cgroup_path(cgroupid("%s"), "uni*")); print(cgroup_path(12345678901, "unified")); exit(); }`, dir, dir, mount)
	want := fmt.Sprintf("%d 1\nunified:%s\nunified:/\n\n", st.Ino, path)
	expect(t, run(t, "", "-e", script), want, 0)
}

func TestUnsupportedBuiltins(t *testing.T) {
	r := run(t, "", "-e", `BEGIN { @[kstack] = count(); }`)
	want := "stdin:1:11: error: kstack is not supported yet: kernel stacks come with stack support\n"
	if r.code == 0 || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("exit code %d, stderr:\n%s\nwant it to start with:\n%s", r.code, r.stderr, want)
	}
}

func TestUsermode(t *testing.T) {
	// A busy loop in user space is sampled in user mode.
	r := runWithLoad(t, `profile:hz:999 /pid == $1/ { @[usermode] = count(); }`, "spin 200ms")
	if !strings.Contains(r.stdout, "@[1]: ") || r.code != 0 {
		t.Errorf("exit code %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestTaskBuiltins(t *testing.T) {
	// The load generator is this test's child, run from its binary, and
	// calls getppid on two threads of its own. ppid is the real parent's
	// pid member, as upstream: the id of the thread of this process that
	// started the generator.
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ {
  @[pcomm, leader_tid == pid, leader_comm] = count(); @ppid = ppid; }`, "getppid 2 5")
	comm := testComm()
	var ppid int
	if _, err := fmt.Sscanf(r.stdout, fmt.Sprintf("\n\n@[%s, 1, %s]: 10\n@ppid: %%d\n", comm, comm), &ppid); err != nil {
		t.Fatalf("%v; exit code %d, stdout:\n%s\nstderr:\n%s", err, r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(fmt.Sprintf("/proc/%d/task/%d", os.Getpid(), ppid)); err != nil {
		t.Errorf("ppid %d is no thread of this process: %v", ppid, err)
	}
}

func TestBuiltinPrefix(t *testing.T) {
	// Upstream's standard library names builtins with a __builtin_
	// prefix; scripts may too.
	r := run(t, "", "-e", `BEGIN { printf("%d %d %s\n", __builtin_pid == pid, __builtin_nsecs(boot) > 0, __builtin_probetype); exit(); }`)
	expect(t, r, "1 1 special\n", 0)
}

func TestPIDNamespaces(t *testing.T) {
	// Run in a PID namespace of its own, bpfscript is pid 1 there: pid
	// and tid count in it by default (curr_ns), pid(init) and tid(init)
	// in the initial one, where this machine's ids are far larger than a
	// new namespace's first few.
	cmd := exec.Command(bin, "-e", `BEGIN { printf("%d %d %d %d\n", pid, pid(curr_ns), pid(init) > 1, tid(init) > tid); exit(); }`)
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWPID}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	expect(t, wait(t, cmd, &out, &errb), "1 1 1 1\n", 0)
}

func TestCommOfPid(t *testing.T) {
	// The generator's name, its parent's (a thread of this test) and
	// none for a pid that does not exist.
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @[comm($1), comm(ppid), comm(2000000000)] = count(); }`, "getppid 1 3")
	comm := testComm()
	expect(t, r, fmt.Sprintf("\n\n@[%s, %s, ]: 3\n", comm, comm), 0)
}

func TestResolvedValuesInJSON(t *testing.T) {
	r := run(t, "", "-f", "json", "-e", `BEGIN { print(strerror(2)); @[signal_name(2), syscall_name(1)] = count(); exit(); }`)
	expect(t, r, `{"type": "attached_probes", "data": {"probes": 1}}
{"type": "value", "data": "No such file or directory"}
{"type": "map", "data": {"@": {"SIGINT,write": 1}}}
`, 0)
}
