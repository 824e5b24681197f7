package shell

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/internal/testbin"
	"github.com/bpfscript/bpfscript/runtime/attach"
)

// bin is the bpfscript binary the terminal tests run, built by TestMain:
// liner works on the process's own terminal, so the shell is driven as a
// process on a pseudo-terminal, as a user meets it.
var bin string

func TestMain(m *testing.M) {
	// The shell's goroutines (the session's reader printing while the
	// prompt waits, Ctrl-C, exit()) run in the binary.
	testbin.Main(m, nil, testbin.Bin{Name: "bpfscript", Package: "../..", Race: true, Path: &bin})
}

// term is a shell running on a pseudo-terminal.
type term struct {
	t       testing.TB
	cmd     *exec.Cmd
	pty     *os.File
	started time.Time

	gate   sync.Mutex // held to stop reading the terminal: the shell's writes then block
	mu     sync.Mutex
	out    bytes.Buffer // everything the shell wrote, escapes included
	seen   int          // how much of out the last expect consumed
	closed chan struct{}
}

// startShell starts `bpfscript -i` with HOME at home on a 200-column
// terminal.
func startShell(t testing.TB, home string, args ...string) *term {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-i"}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+home, "TERM=xterm")
	tm := &term{t: t, cmd: cmd, started: time.Now(), closed: make(chan struct{})}
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 200})
	if err != nil {
		t.Fatal(err)
	}
	tm.pty = f
	go func() {
		defer close(tm.closed)
		buf := make([]byte, 64<<10)
		for {
			tm.gate.Lock()
			tm.gate.Unlock()
			n, err := f.Read(buf)
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		if t.Failed() && os.Getenv("SHELL_TEST_QUIT") != "" {
			cmd.Process.Signal(syscall.SIGQUIT)
			time.Sleep(time.Second)
		}
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
		if t.Failed() {
			t.Logf("the terminal showed:\n%s", tm.text(0))
			if os.Getenv("SHELL_TEST_RAW") != "" {
				t.Logf("raw: %q", tm.out.String())
			}
		}
	})
	return tm
}

// send types s.
func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := tm.pty.Write([]byte(s)); err != nil {
		tm.t.Fatal(err)
	}
}

var escapes = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]|\r`)

// text is what the terminal showed from offset from on, without escape
// sequences and carriage returns.
func (tm *term) text(from int) string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return escapes.ReplaceAllString(tm.out.String()[from:], "")
}

// expect waits until the output since the last expect shows want, and
// consumes it up to there.
func (tm *term) expect(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		tm.mu.Lock()
		raw := tm.out.String()[tm.seen:]
		tm.mu.Unlock()
		// Find want in the text without escapes, then map the end back.
		if end := indexPlain(raw, want); end >= 0 {
			tm.seen += end
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the terminal never showed %q; since the last match it showed:\n%s", want, escapes.ReplaceAllString(raw, ""))
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// indexPlain finds want in raw once escapes are ignored and returns the
// offset in raw just past it, or -1.
func indexPlain(raw, want string) int {
	var plain strings.Builder
	var ends []int // ends[i] is the offset in raw past plain byte i
	for i := 0; i < len(raw); {
		if loc := escapes.FindStringIndex(raw[i:]); loc != nil && loc[0] == 0 {
			i += loc[1]
			continue
		}
		plain.WriteByte(raw[i])
		i++
		ends = append(ends, i)
	}
	at := strings.Index(plain.String(), want)
	if at < 0 {
		return -1
	}
	return ends[at+len(want)-1]
}

// line types a line and waits for the shell to have taken it (the next
// prompt).
func (tm *term) line(s string, want ...string) {
	tm.t.Helper()
	tm.send(s + "\r")
	for _, w := range want {
		tm.expect(w)
	}
	tm.expect(prompt)
}

// waitUnread waits until the shell has written at least n bytes that the
// test has not read (with the gate held).
func (tm *term) waitUnread(n int) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := unix.IoctlGetInt(int(tm.pty.Fd()), unix.TIOCINQ)
		if err != nil {
			tm.t.Fatal(err)
		}
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the shell wrote %d bytes, not %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// exit waits for the shell to end and returns its exit code.
func (tm *term) exit() int {
	tm.t.Helper()
	done := make(chan error, 1)
	go func() { done <- tm.cmd.Wait() }()
	select {
	case err := <-done:
		<-tm.closed
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			tm.t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("the shell did not end; the terminal showed:\n%s", tm.text(tm.seen))
		return -1
	}
}

// trigger makes the system calls the tests' probes count: getsid, which
// little else calls (a tracepoint takes at most 64 programs, and other
// tests on the machine attach to the common ones).
func trigger(n int) {
	for range n {
		unix.Getsid(0)
	}
}

// probe is the tracepoint the tests trigger, for this process only.
var probe = fmt.Sprintf("tracepoint:syscalls:sys_enter_getsid /pid == %d/", os.Getpid())

func TestShellBlocksStatementsAndCommands(t *testing.T) {
	tm := startShell(t, t.TempDir())
	tm.expect(":help lists the commands, Ctrl-D leaves.")
	tm.expect(prompt)
	t.Logf("start-up to the prompt: %v", time.Since(tm.started))
	tm.line(":help", "Type a probe block", ":probes", ":detach ID...", ":quit")
	tm.line(":nope", "no command :nope (:help lists them)")

	// A block on one line attaches at once.
	sent := time.Now()
	tm.line(probe+" { @calls = count(); }", "[1] attached tracepoint:syscalls:sys_enter_getsid")
	t.Logf("a tracepoint block typed to attached: %v", time.Since(sent))
	trigger(3)

	// A statement runs at once, printing the map.
	tm.line("print(@calls)", "@calls: 3")

	// A block over several lines continues until its braces balance.
	tm.send(probe + "\r")
	tm.expect(continuePrompt)
	tm.send("{\r")
	tm.expect(continuePrompt)
	tm.send("  @last = pid; @bytes[comm] = sum(2);\r")
	tm.expect(continuePrompt)
	tm.line("}", "[2] attached tracepoint:syscalls:sys_enter_getsid")
	trigger(2)
	tm.line("print(@calls)", "@calls: 5")
	tm.line("@x = 7")

	// :probes lists both with their hits; :detach removes one.
	tm.send(":probes\r")
	tm.expect("PROBES")
	tm.expect("1")
	tm.expect("tracepoint:syscalls:sys_enter_getsid")
	tm.expect("2")
	tm.expect("tracepoint:syscalls:sys_enter_getsid")
	tm.expect(prompt)
	hits := regexp.MustCompile(`(?m)^\s*1\s+(\d+)\s+tracepoint`).FindStringSubmatch(tm.text(0))
	if hits == nil || hits[1] == "0" {
		t.Errorf(":probes shows no hits for block 1: %q", hits)
	}
	tm.line(":detach 1", "[1] detached")
	trigger(1)
	tm.send(":probes\r")
	tm.expect("PROBES")
	tm.expect(prompt)
	if got := tm.text(tm.seen - 200); regexp.MustCompile(`(?m)^1\s+\d+\s+tracepoint`).MatchString(got) {
		t.Errorf("block 1 still listed after :detach:\n%s", got)
	}
	tm.line(":detach 9", "no block 9 attached")

	// :maps shows kinds, types and sizes.
	tm.line(":maps", "MAP", "@bytes", "string", "sum_t", "@calls", "count_t", "@x", "int64")

	// An error shows its caret under the typed text; the shell goes on.
	tm.line(`printf("%d\n", 1 +)`, "stdin:1:19: error:", `printf("%d\n", 1 +)`, "                  ^")
	tm.line("prnt(@calls)", "unknown function 'prnt'", "prnt(@calls)\n^~~~")
	tm.line("print(@x)", "@x: 7")

	// :types and :list ask the kernel.
	tm.line(":types task_struct", "struct task_struct {", "pid_t pid;", "};")
	tm.line(":list tracepoint:syscalls:sys_enter_getpp*", "tracepoint:syscalls:sys_enter_getppid")

	// Ctrl-D ends the session as a script ends: the maps print.
	tm.send("\x04")
	tm.expect("@bytes[shell.test]: 6") // block 2 ran three times (2+1)
	tm.expect("@calls: 5")
	tm.expect("@last: ")
	tm.expect("@x: 7")
	if code := tm.exit(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

func TestShellCompletion(t *testing.T) {
	tm := startShell(t, t.TempDir())
	tm.expect(prompt)
	tm.line("@counter = 1")
	// A tracepoint name: one candidate completes in place.
	tm.send("tracepoint:syscalls:sys_enter_getsi\t")
	tm.expect("tracepoint:syscalls:sys_enter_getsid")
	tm.send(" { @n = count(); }\r")
	tm.expect("[1] attached tracepoint:syscalls:sys_enter_getsid")
	tm.expect(prompt)
	// A builtin.
	tm.send("strf\t")
	tm.expect("strftime")
	tm.send("\x15") // Ctrl-U: clear the line
	// A map of the session.
	tm.send("print(@cou\t")
	tm.expect("print(@counter")
	tm.send(")\r")
	tm.expect("@counter: 1")
	tm.expect(prompt)
	// A field of the block's tracepoint.
	tm.send("tracepoint:syscalls:sys_enter_openat { printf(\"%s\\n\", str(args.filen\t")
	tm.expect("str(args.filename")
	tm.send("\x15")
	// A command.
	tm.send(":pro\t")
	tm.expect(":probes")
	tm.send("\r")
	tm.expect("PROBES")
	tm.expect(prompt)
	tm.send(":quit\r")
	tm.exit()
}

// TestShellKprobe completes a kernel function's name and attaches a
// kprobe: where the kernel has none, the shell says so and goes on.
func TestShellKprobe(t *testing.T) {
	tm := startShell(t, t.TempDir())
	tm.expect(prompt)
	tm.send("kprobe:vfs_rea\t")
	tm.expect("kprobe:vfs_read")
	tm.send("\x15")
	tm.line(":list kr:do_nanosle*", "kretprobe:do_nanosleep")
	tm.send("k:do_nanosleep { @sleeps = count(); }\r")
	if attach.KprobeSupport() != nil {
		tm.expect("attaching kprobe:do_nanosleep: the running kernel does not support kprobes")
	} else {
		tm.expect("[1] attached kprobe:do_nanosleep")
	}
	tm.expect(prompt)
	tm.line("print(1 + 1)", "2")
	tm.send(":quit\r")
	tm.exit()
}

func TestShellSaveLoadAndJSON(t *testing.T) {
	home := t.TempDir()
	script := filepath.Join(home, "session.bt")
	tm := startShell(t, home)
	tm.expect(prompt)
	tm.line(probe+" { @a = count(); }", "[1] attached")
	tm.line("begin { @b = 10; }", "[2] attached begin")
	tm.line(probe+" { @b = @b + 1; }", "[3] attached")
	tm.line(":detach 1", "[1] detached")
	tm.line(":save "+script, "saved 2 blocks")
	tm.send("\x04")
	tm.exit()
	saved, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(saved), "@a") || !strings.Contains(string(saved), "@b = 10") {
		t.Errorf(":save wrote the wrong blocks:\n%s", saved)
	}

	// A new shell loads the script: it runs the same.
	tm = startShell(t, home)
	tm.expect(prompt)
	tm.line(":load "+script, "[1] attached begin, tracepoint:syscalls:sys_enter_getsid")
	trigger(2)
	tm.line(":json on", "output as JSON")
	tm.line("print(@b)", `{"type": "map", "data": {"@b": 12}}`)
	tm.line(":json off", "output as text")
	tm.line("print(@b)", "@b: 12")
	tm.line(":load "+filepath.Join(home, "missing.bt"), "no such file")
	os.WriteFile(filepath.Join(home, "bad.bt"), []byte("begin {\n  @c = nope;\n}\n"), 0o644)
	tm.line(":load "+filepath.Join(home, "bad.bt"), filepath.Join(home, "bad.bt")+":2:8: error:", "  @c = nope;", "       ^")
	tm.send(":quit\r")
	tm.expect("@b: 12")
	tm.exit()
}

func TestShellCtrlCStopsAFlood(t *testing.T) {
	tm := startShell(t, t.TempDir())
	tm.expect(prompt)
	tm.line(probe+` { printf("flood %d\n", pid); }`, "[1] attached")
	tm.line(probe+` { @n = count(); }`, "[2] attached")
	stop := make(chan struct{})
	flooding := make(chan struct{})
	go func() {
		defer close(flooding)
		for {
			select {
			case <-stop:
				return
			default:
				trigger(100)
				time.Sleep(time.Millisecond)
			}
		}
	}()
	tm.expect("flood ")
	tm.expect("flood ")
	tm.send("\x03")
	tm.expect("detached [1]")
	tm.expect(prompt)
	close(stop)
	<-flooding
	// The block that printed is gone; the one that counts stays.
	tm.line(":probes", "PROBES", "2")
	if got := tm.text(tm.seen); strings.Contains(got, "flood") {
		t.Errorf("output after Ctrl-C: %q", got)
	}
	tm.line(`printf("still here\n")`, "still here")
	tm.send("\x04")
	tm.expect("@n: ")
	tm.exit()
}

func TestShellHistoryAcrossRuns(t *testing.T) {
	home := t.TempDir()
	tm := startShell(t, home)
	tm.expect(prompt)
	tm.line("@h = 42")
	tm.line(":maps", "@h")
	tm.send("\x04")
	tm.exit()
	data, err := os.ReadFile(filepath.Join(home, historyFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "@h = 42\n:maps\n" {
		t.Errorf("history file holds %q", data)
	}

	tm = startShell(t, home)
	tm.expect(prompt)
	tm.send("\x1b[A\x1b[A") // up twice: the first line of the last run
	tm.expect("@h = 42")
	tm.send("\r")
	tm.expect(prompt)
	tm.line("print(@h)", "@h: 42")
	tm.send("\x04")
	tm.exit()
}

func TestShellCtrlCStopsALongPrint(t *testing.T) {
	tm := startShell(t, t.TempDir())
	tm.expect(prompt)
	long := strings.Repeat("x", 100)
	tm.line(probe+` { @big[nsecs, "`+long+`"] = 1; }`, "[1] attached")
	trigger(3000)
	tm.line(":detach 1", "[1] detached")
	// Hundreds of kilobytes to print: with the terminal not read, the
	// print blocks in the middle, and Ctrl-C comes while it runs.
	tm.gate.Lock()
	tm.send("print(@big)\r")
	// Ctrl-C once the print has started: the shell then waits for it,
	// and Ctrl-C is a signal, not a key at the prompt.
	tm.waitUnread(2048)
	tm.send("\x03")
	time.Sleep(100 * time.Millisecond)
	tm.gate.Unlock()
	// The terminal drops what it held at Ctrl-C, perhaps the shell's "^C"
	// and prompt too: an empty line brings a prompt back.
	tm.send("\r")
	tm.expect(prompt)
	tm.line(`@y = 1`)
	tm.line(`print(@y)`, "@y: 1") // the print has ended by now
	if n := strings.Count(tm.text(0), long); n >= 3000 {
		t.Errorf("Ctrl-C did not stop the print: %d of 3000 entries printed", n)
	}
	tm.send(":quit\r")
	tm.exit()
}

// The start-up budgets: the prompt within what `-e 'begin { exit(); }'`
// takes, and a tracepoint block typed to attached under 20 ms. Compare
// BenchmarkStartToPrompt with BenchmarkBeginExit.

func BenchmarkStartToPrompt(b *testing.B) {
	home := b.TempDir()
	for b.Loop() {
		tm := startShell(b, home)
		tm.expect(prompt)
		b.StopTimer()
		tm.cmd.Process.Kill()
		tm.cmd.Wait()
		tm.pty.Close()
		b.StartTimer()
	}
}

func BenchmarkBeginExit(b *testing.B) {
	for b.Loop() {
		if out, err := exec.Command(bin, "-e", "begin { exit(); }").CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
}

func BenchmarkBlockToAttached(b *testing.B) {
	tm := startShell(b, b.TempDir())
	tm.expect(prompt)
	var attaching time.Duration
	for i := 1; i <= b.N; i++ {
		start := time.Now()
		tm.send(probe + " { @n = count(); }\r")
		tm.expect("attached")
		attaching += time.Since(start)
		tm.expect(prompt)
		tm.line(":detach "+strconv.Itoa(i), "detached")
	}
	b.ReportMetric(float64(attaching.Nanoseconds())/float64(b.N), "ns/attach")
}

func TestShellExitFromAProbe(t *testing.T) {
	tm := startShell(t, t.TempDir())
	tm.expect(prompt)
	tm.line(probe+" { @n = count(); }", "[1] attached")
	tm.line("end { printf(\"the end\\n\"); }", "[2] attached end")
	tm.line(probe+" { exit(3); }", "[3] attached")
	trigger(1)
	tm.expect("the end")
	tm.expect("@n: 1")
	if code := tm.exit(); code != 3 {
		t.Errorf("exit code %d, want 3", code)
	}

	// exit() in a statement ends the shell too.
	tm = startShell(t, t.TempDir())
	tm.expect(prompt)
	tm.line("@m = 5")
	tm.send("exit()\r")
	tm.expect("@m: 5")
	if code := tm.exit(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}
