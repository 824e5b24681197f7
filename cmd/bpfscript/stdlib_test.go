package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// These tests keep the tools in stdlib/ and the examples in examples/
// working: every script and every documented one-liner must compile and
// pass the kernel verifier, and a few tools are run against something the
// test does and must report it.

// repoRoot is the repository's top directory, seen from this package.
const repoRoot = "../.."

// scriptFiles returns the .bt files in dir (relative to the repository),
// failing the test if there are none.
func scriptFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, dir, "*.bt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no scripts in %s", dir)
	}
	return files
}

func TestStdlibDryRun(t *testing.T) {
	files := append(scriptFiles(t, "stdlib"), scriptFiles(t, "examples")...)
	for _, file := range files {
		t.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
			r := run(t, "", "--dry-run", file)
			if r.code != 0 || r.stdout != "" || r.stderr != "" {
				t.Errorf("--dry-run %s: exit code %d\nstdout:\n%s\nstderr:\n%s", file, r.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestStdlibHeaders checks the conventions of stdlib/: every tool is
// executable through its #! line, documents its usage and output, and is
// listed in the README.
func TestStdlibHeaders(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "stdlib", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range scriptFiles(t, "stdlib") {
		name := filepath.Base(file)
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(src, []byte("#!/usr/bin/env bpfscript\n")) {
			t.Errorf("%s does not start with #!/usr/bin/env bpfscript", name)
		}
		for _, want := range []string{" * " + name + "  ", "USAGE: bpfscript " + name, "Example output"} {
			if !bytes.Contains(src, []byte(want)) {
				t.Errorf("%s: header has no %q", name, want)
			}
		}
		if fi, err := os.Stat(file); err != nil || fi.Mode()&0o111 == 0 {
			t.Errorf("%s is not executable", name)
		}
		if !bytes.Contains(readme, []byte("["+name+"]("+name+")")) {
			t.Errorf("stdlib/README.md does not list %s", name)
		}
	}
}

// oneLiner is a command from examples/one-liners.md: the program and the
// arguments after it.
type oneLiner struct {
	program string
	params  []string
}

// parseOneLiners finds the commands in the markdown's ```sh blocks, each a
// line of the form: bpfscript -e 'program' [args...].
func parseOneLiners(md string) ([]oneLiner, error) {
	var found []oneLiner
	inBlock := false
	for n, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			inBlock = !inBlock && line == "```sh"
			continue
		case !inBlock:
			continue
		}
		rest, ok := strings.CutPrefix(line, "bpfscript -e '")
		if !ok {
			return nil, fmt.Errorf("line %d: want bpfscript -e '...' in a sh block: %s", n+1, line)
		}
		program, params, ok := strings.Cut(rest, "'")
		if !ok {
			return nil, fmt.Errorf("line %d: no closing quote: %s", n+1, line)
		}
		found = append(found, oneLiner{program, strings.Fields(params)})
	}
	return found, nil
}

func TestStdlibOneLiners(t *testing.T) {
	md, err := os.ReadFile(filepath.Join(repoRoot, "examples", "one-liners.md"))
	if err != nil {
		t.Fatal(err)
	}
	oneLiners, err := parseOneLiners(string(md))
	if err != nil {
		t.Fatal(err)
	}
	if len(oneLiners) < 12 {
		t.Fatalf("found %d one-liners in examples/one-liners.md, want at least 12", len(oneLiners))
	}
	for i, ol := range oneLiners {
		t.Run(strconv.Itoa(i+1), func(t *testing.T) {
			r := run(t, "", append([]string{"--dry-run", "-e", ol.program}, ol.params...)...)
			if r.code != 0 || r.stderr != "" {
				t.Errorf("%s: exit code %d, stderr:\n%s", ol.program, r.code, r.stderr)
			}
		})
	}
}

func TestStdlibParseOneLiners(t *testing.T) {
	md := "text\n```sh\nbpfscript -e 'BEGIN { exit(); }' 1 two\n```\n```\n@x: 1\n```\n" +
		"```sh\nbpfscript -e 'i:s:1 { exit(); }'\n```\n"
	got, err := parseOneLiners(md)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([]oneLiner{{"BEGIN { exit(); }", []string{"1", "two"}}, {"i:s:1 { exit(); }", nil}})
	if fmt.Sprint(got) != want {
		t.Errorf("got %v, want %v", got, want)
	}
	for _, bad := range []string{"```sh\nsudo bpfscript -e 'x'\n```\n", "```sh\nbpfscript -e 'x\n```\n"} {
		if _, err := parseOneLiners(bad); err == nil {
			t.Errorf("parseOneLiners(%q) gave no error", bad)
		}
	}
}

// toolSource is the text of a stdlib tool.
func toolSource(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "stdlib", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// runAround runs bpfscript with args, calls action once it has attached,
// then stops it with SIGINT and returns what it printed.
func runAround(t *testing.T, action func(), args ...string) result {
	t.Helper()
	s := startRun(t, args...)
	action()
	return s.stop(syscall.SIGINT)
}

// testComm is the name the kernel gives this test process (and the load
// generator, which is the same binary).
func testComm() string {
	comm := filepath.Base(os.Args[0])
	if len(comm) > 15 {
		comm = comm[:15]
	}
	return comm
}

// matchLines returns the lines of out that match re.
func matchLines(out, re string) []string {
	var lines []string
	rx := regexp.MustCompile(re)
	for _, line := range strings.Split(out, "\n") {
		if rx.MatchString(line) {
			lines = append(lines, line)
		}
	}
	return lines
}

func TestStdlibOpensnoop(t *testing.T) {
	dir := t.TempDir()
	exists := filepath.Join(dir, "opensnoop-present")
	if err := os.WriteFile(exists, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "opensnoop-missing")
	r := runAround(t, func() {
		for i := 0; i < 3; i++ {
			f, err := os.Open(exists)
			if err != nil {
				t.Error(err)
				continue
			}
			f.Close()
		}
		if _, err := os.Open(missing); err == nil {
			t.Error("opened a missing file")
		}
	}, "-e", toolSource(t, "opensnoop.bt"))
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr:\n%s", r.code, r.stderr)
	}
	me := "^" + regexp.QuoteMeta(fmt.Sprintf("%-6d %-16s ", os.Getpid(), testComm()))
	if got := matchLines(r.stdout, me+`\s*\d+   0 `+regexp.QuoteMeta(exists)+`$`); len(got) != 3 {
		t.Errorf("want 3 successful opens of %s, got %q in:\n%s", exists, got, r.stdout)
	}
	if got := matchLines(r.stdout, me+` -1   2 `+regexp.QuoteMeta(missing)+`$`); len(got) != 1 {
		t.Errorf("want 1 ENOENT open of %s, got %q in:\n%s", missing, got, r.stdout)
	}
	// Not necessarily first: other processes' opens may come before BEGIN.
	if !strings.Contains(r.stdout, "Tracing open syscalls... Hit Ctrl-C to end.\nPID    COMM              FD ERR PATH\n") {
		t.Errorf("no header in:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "@filename") {
		t.Errorf("the END probe did not clear @filename:\n%s", r.stdout)
	}
}

func TestStdlibExecsnoop(t *testing.T) {
	var child int
	r := runAround(t, func() {
		cmd := exec.Command("/bin/echo", "execsnoop-marker", "two")
		if err := cmd.Run(); err != nil {
			t.Error(err)
		}
		child = cmd.Process.Pid
	}, "-e", toolSource(t, "execsnoop.bt"))
	want := fmt.Sprintf(`^\d+ +%d +/bin/echo execsnoop-marker two$`, child)
	if r.code != 0 || len(matchLines(r.stdout, want)) != 1 {
		t.Errorf("exit code %d; want one line matching %q in:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
	}
}

func TestStdlibExitsnoop(t *testing.T) {
	var child int
	r := runAround(t, func() {
		cmd := exec.Command("/bin/sh", "-c", "exit 7")
		cmd.Run()
		child = cmd.Process.Pid
	}, "-e", toolSource(t, "exitsnoop.bt"))
	want := fmt.Sprintf(`^\d\d:\d\d:\d\d %-7d sh +\d+ +7$`, child)
	if r.code != 0 || len(matchLines(r.stdout, want)) != 1 {
		t.Errorf("exit code %d; want one line matching %q in:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
	}
}

// unusedPid returns a pid no process has.
func unusedPid(t *testing.T) int {
	for pid := 4194000; pid > 1000; pid -= 7 {
		if syscall.Kill(pid, 0) == syscall.ESRCH {
			return pid
		}
	}
	t.Fatal("no unused pid")
	return 0
}

func TestStdlibKillsnoop(t *testing.T) {
	nobody := unusedPid(t)
	me := os.Getpid()
	r := runAround(t, func() {
		syscall.Kill(me, 0)
		syscall.Kill(nobody, 0)
	}, "-e", toolSource(t, "killsnoop.bt"))
	// TIME PID COMM SIG TPID RESULT: the results are 0 and -ESRCH.
	for _, want := range []string{
		`^\d\d:\d\d:\d\d ` + regexp.QuoteMeta(fmt.Sprintf("%-7d %-16s %-4d %-7d %d", me, testComm(), 0, me, 0)) + `$`,
		`^\d\d:\d\d:\d\d ` + regexp.QuoteMeta(fmt.Sprintf("%-7d %-16s %-4d %-7d %d", me, testComm(), 0, nobody, -3)) + `$`,
	} {
		if got := matchLines(r.stdout, want); r.code != 0 || len(got) != 1 {
			t.Errorf("exit code %d; want one line matching %q in:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
		}
	}
}

func TestStdlibTcpstates(t *testing.T) {
	var port, port6 int
	connect := func(network, addr string) int {
		ln, err := net.Listen(network, addr)
		if err != nil {
			t.Error(err)
			return 0
		}
		conn, err := net.Dial(network, ln.Addr().String())
		if err != nil {
			t.Error(err)
		} else {
			conn.Close()
		}
		ln.Close()
		return ln.Addr().(*net.TCPAddr).Port
	}
	r := runAround(t, func() {
		port = connect("tcp4", "127.0.0.1:0")
		port6 = connect("tcp6", "[::1]:0")
	}, "-e", toolSource(t, "tcpstates.bt"))
	for _, want := range []string{
		fmt.Sprintf(`CLOSE +-> LISTEN +127\.0\.0\.1:%d -> 0\.0\.0\.0:0$`, port),
		fmt.Sprintf(`SYN_SENT +-> ESTABLISHED +127\.0\.0\.1:\d+ -> 127\.0\.0\.1:%d$`, port),
		fmt.Sprintf(`LISTEN +-> CLOSE +127\.0\.0\.1:%d -> 0\.0\.0\.0:0$`, port),
		fmt.Sprintf(`CLOSE +-> LISTEN +\[::1\]:%d -> \[::\]:0$`, port6),
		fmt.Sprintf(`SYN_SENT +-> ESTABLISHED +\[::1\]:\d+ -> \[::1\]:%d$`, port6),
	} {
		if got := matchLines(r.stdout, `^\d\d:\d\d:\d\d 0x[0-9a-f]{16} .*`+want); r.code != 0 || len(got) != 1 {
			t.Errorf("exit code %d; want one line matching %q in:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
		}
	}
}

// section returns the lines of out from the line header up to the next
// blank line.
func section(out, header string) string {
	_, after, ok := strings.Cut("\n"+out, "\n"+header+"\n")
	if !ok {
		return ""
	}
	body, _, _ := strings.Cut(after, "\n\n")
	return body
}

func TestStdlibReadsize(t *testing.T) {
	// Three reads of 300000 bytes fall in [256K, 512K), a bucket nothing
	// else this test does reads with.
	path := tempFile(t, 1<<20)
	r := runWithLoad(t, toolSource(t, "readsize.bt"), "read "+path+" 300000,300000,300000")
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr:\n%s", r.code, r.stderr)
	}
	for _, m := range []string{"@req", "@bytes"} {
		hist := section(r.stdout, m+"["+testComm()+"]:")
		if !regexp.MustCompile(`(?m)^\[256K, 512K\) +3 \|@+ *\|$`).MatchString(hist) {
			t.Errorf("%s[%s] has no [256K, 512K) bucket of 3 in:\n%s", m, testComm(), r.stdout)
		}
	}
}

// TestStdlibTimers runs the tools that report on a timer for a little
// more than one report, and checks the report's shape.
func TestStdlibTimers(t *testing.T) {
	tests := []struct {
		tool string
		want string // a regexp the whole stdout must match
	}{
		{"pidpersec.bt", `^Tracing new processes\.\.\. Hit Ctrl-C to end\.\n\d\d:\d\d:\d\d PIDs/sec: \d+\n$`},
		{"syscount.bt", `^Counting syscalls\.\.\. Hit Ctrl-C to end\.\n\d\d:\d\d:\d\d\n(@comm\[.*\]: \d+\n){1,10}\n\n(@syscall\[\d+\]: \d+\n)+$`},
		{"vfsstat.bt", `^Tracing file system syscalls\.\.\. Hit Ctrl-C to end\.\n\d\d:\d\d:\d\d\n(@\[(open|read|write|close|stat)\]: \d+\n)*$`},
		{"runqlat.bt", `^Tracing CPU scheduler\.\.\. Hit Ctrl-C to end\.\n\n\n@usecs:\n(\[[^\n]*[\)\]] +\d+ \|@* *\|\n)+\n$`},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			// The tools print every second; the added probe stops them
			// after the first report.
			r := run(t, "", "-e", toolSource(t, tt.tool)+"\ninterval:ms:1300 { exit(); }\n")
			if r.code != 0 || !regexp.MustCompile(tt.want).MatchString(r.stdout) {
				t.Errorf("exit code %d; stdout does not match %q:\n%s\nstderr:\n%s", r.code, tt.want, r.stdout, r.stderr)
			}
		})
	}
}
