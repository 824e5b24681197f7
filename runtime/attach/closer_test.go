package attach

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
)

// handOffHelperEnv makes the test binary attach two probes, hand them off,
// print its closer's pid and wait to be killed.
const handOffHelperEnv = "ATTACH_TEST_HAND_OFF_AND_WAIT"

func TestMain(m *testing.M) {
	// HandOff starts this test binary again as the closer process.
	RunCloserIfAsked()
	if os.Getenv(handOffHelperEnv) == "1" {
		handOffAndWait()
	}
	os.Exit(m.Run())
}

func syscallPoint(event string) *types.AttachPoint {
	return &types.AttachPoint{Kind: types.TracepointProbe, Name: "tracepoint:syscalls:" + event, Group: "syscalls", Event: event}
}

var handOffEvents = []string{"sys_enter_getppid", "sys_enter_getpid", "sys_enter_gettid"}

func TestServeCloserClosesOnceTheSocketCloses(t *testing.T) {
	// More than one message's worth of descriptors, and one.
	for _, n := range []int{1, maxFDsPerMessage + 47} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
			if err != nil {
				t.Fatal(err)
			}
			status := make(chan int, 1)
			go func() { status <- serveCloser(pair[1]) }()
			// Hand over the write ends of n pipes, keeping the read ends:
			// each reads EOF only once the closer has closed its copy.
			readers := make([]*os.File, n)
			writers := make([]int, n)
			for i := range n {
				var p [2]int
				if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
					t.Fatal(err)
				}
				readers[i] = os.NewFile(uintptr(p[0]), "pipe")
				writers[i] = p[1]
				defer readers[i].Close()
			}
			if err := sendFDs(pair[0], writers); err != nil {
				t.Fatal(err)
			}
			for _, fd := range writers {
				unix.Close(fd)
			}
			buf := make([]byte, 1)
			readers[0].SetReadDeadline(time.Now().Add(100 * time.Millisecond))
			if _, err := readers[0].Read(buf); !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("the closer let go before its socket closed: read returned %v", err)
			}
			unix.Close(pair[0])
			select {
			case s := <-status:
				if s != 0 {
					t.Errorf("serveCloser returned %d, want 0", s)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("serveCloser did not return after its socket closed")
			}
			for i, r := range readers {
				r.SetReadDeadline(time.Now().Add(5 * time.Second))
				if _, err := r.Read(buf); err != io.EOF {
					t.Fatalf("pipe %d: read returned %v, want EOF: the closer kept its copy", i, err)
				}
			}
		})
	}
}

func TestHandOff(t *testing.T) {
	prog, counter := countingProgram(t, ebpf.TracePoint, os.Getpid())
	var links []Link
	for _, event := range handOffEvents {
		l, err := Attach(prog, syscallPoint(event))
		if err != nil {
			CloseAll(links)
			t.Fatal(err)
		}
		links = append(links, l)
	}
	c := &Closer{}
	defer c.Release()
	c.Track(links)
	if err := c.HandOff(); err != nil {
		CloseAll(links)
		t.Fatal(err)
	}
	if n := linksOf(t, prog); n != 0 {
		t.Errorf("program has %d links after HandOff, want 0", n)
	}
	before := readCount(t, counter)
	unix.Getppid()
	if after := readCount(t, counter); after != before {
		t.Errorf("the program ran after HandOff: count went from %d to %d", before, after)
	}
	pid := c.pid()
	if pid == 0 {
		t.Fatal("no closer process after HandOff")
	}
	waitFor(t, func() bool { return perfEvents(t, pid) == len(links) }, "the closer to hold %d perf events", len(links))
	checkDetached(t, pid)

	// Closing here leaves the closer's copies open: ours were not the
	// last, so closing did not wait for the kernel.
	if err := CloseAll(links); err != nil {
		t.Fatal(err)
	}
	if n := perfEvents(t, pid); n != len(links) {
		t.Errorf("the closer holds %d perf events after the links closed, want %d", n, len(links))
	}
	if err := c.HandOff(); err != nil || c.pid() != pid {
		t.Errorf("a second HandOff returned %v and closer %d, want nil and the same closer %d", err, c.pid(), pid)
	}
	c.Release()
	waitFor(t, func() bool { return processGone(pid) }, "closer %d to exit after Release", pid)
}

// TestCloserOutlivesItsKilledOwner kills a process that has handed off its
// probes: its output must end at once (the closer does not hold it) and
// the closer must close everything and exit by itself.
func TestCloserOutlivesItsKilledOwner(t *testing.T) {
	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), handOffHelperEnv+"=1")
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	helper.Stderr = os.Stderr
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer helper.Process.Kill()
	rd := bufio.NewReader(out)
	line, err := rd.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the closer's pid from the helper: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("the helper printed %q, want a pid", line)
	}
	checkDetached(t, pid)
	helper.Process.Kill()
	rest := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, rd)
		rest <- err
	}()
	select {
	case err := <-rest:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the killed helper's output did not end: its closer holds it")
	}
	helper.Wait()
	waitFor(t, func() bool { return processGone(pid) }, "closer %d to exit after its owner was killed", pid)
}

func TestNilCloser(t *testing.T) {
	var c *Closer
	c.Track([]Link{&perfEventLink{fd: -1}})
	if err := c.HandOff(); err != nil {
		t.Errorf("HandOff on a nil Closer: %v", err)
	}
	c.Release()
}

// handOffAndWait is the helper of TestCloserOutlivesItsKilledOwner.
func handOffAndWait() {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "hand-off helper:", err)
		os.Exit(2)
	}
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Type:         ebpf.TracePoint,
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()},
		License:      "GPL",
	})
	if err != nil {
		fail(err)
	}
	c := &Closer{}
	for _, event := range handOffEvents[:2] {
		l, err := Attach(prog, syscallPoint(event))
		if err != nil {
			fail(err)
		}
		c.Track([]Link{l})
	}
	if err := c.HandOff(); err != nil {
		fail(err)
	}
	fmt.Println(c.pid())
	select {}
}

// checkDetached checks that closer process pid is in a session of its own
// with /dev/null as standard input, output and error.
func checkDetached(t *testing.T, pid int) {
	t.Helper()
	for fd := range 3 {
		target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%d", pid, fd))
		if err != nil || target != "/dev/null" {
			t.Errorf("the closer's descriptor %d is %q (%v), want /dev/null", fd, target, err)
		}
	}
	if sid, err := unix.Getsid(pid); err != nil || sid != pid {
		t.Errorf("the closer is in session %d (%v), want a session of its own, %d", sid, err, pid)
	}
}

// perfEvents counts the perf events process pid holds.
func perfEvents(t *testing.T, pid int) int {
	t.Helper()
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if target, _ := os.Readlink(filepath.Join(dir, e.Name())); target == "anon_inode:[perf_event]" {
			n++
		}
	}
	return n
}

// processGone says whether process pid has exited: it no longer exists or
// is a zombie (the closer's new parent may be slow to reap it).
func processGone(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	i := strings.LastIndexByte(string(stat), ')')
	return i > 0 && len(stat) > i+2 && stat[i+2] == 'Z'
}

func waitFor(t *testing.T, done func() bool, format string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for "+format, args...)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
