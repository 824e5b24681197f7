package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// These tests run the built binary against this kernel with a known load
// and check exact output.

func TestCountOpens(t *testing.T) {
	path := tempFile(t, 10)
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_openat /pid == $1/ { @opens = count(); }`, "open 37 "+path)
	expect(t, r, "\n\n@opens: 37\n", 0)
	if r.stderr != "Attached 1 probe\n" {
		t.Errorf("stderr = %q", r.stderr)
	}
}

func TestStringPredicateAndParams(t *testing.T) {
	path := tempFile(t, 10)
	other := tempFile(t, 10)
	script := `tracepoint:syscalls:sys_enter_openat /pid == $1 && str(args.filename) == str($2)/ { @[str(args.filename)] = count(); }`
	r := runWithLoad(t, script, "open 5 "+path, path)
	expect(t, r, fmt.Sprintf("\n\n@[%s]: 5\n", path), 0)
	r = runWithLoad(t, script, "open 5 "+path, other)
	expect(t, r, "", 0)
}

func TestKeyedByCommAndProbe(t *testing.T) {
	path := tempFile(t, 10)
	comm := testComm()
	r := runWithLoad(t, `t:syscalls:sys_enter_open* /pid == $1/ { @[comm, probe] = count(); @c[comm] = count(); }`, "open 12 "+path)
	want := fmt.Sprintf("\n\n@[%s, tracepoint:syscalls:sys_enter_openat]: 12\n@c[%s]: 12\n", comm, comm)
	expect(t, r, want, 0)
}

func TestPrintfInOrder(t *testing.T) {
	path := tempFile(t, 10)
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_openat /pid == $1/ { @n++; printf("%d %s flags=%d %x\n", @n, str(args.filename), args.flags, 255); }`, "open 4 "+path)
	var want strings.Builder
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&want, "%d %s flags=0 ff\n", i, path)
	}
	want.WriteString("\n\n@n: 4\n")
	expect(t, r, want.String(), 0)
}

// readSizes are the sizes the read tests request; read(2) returns each in
// full from a large enough file.
const readSizes = "0,1,2,3,5,100,1000,5000"

func TestHist(t *testing.T) {
	path := tempFile(t, 1<<16)
	r := runWithLoad(t, `tracepoint:syscalls:sys_exit_read /pid == $1/ { @bytes = hist(args.ret); }`, "read "+path+" "+readSizes)
	// Counts: [0] 1, [1] 1, [2,4) 2 (2 and 3), [4,8) 1, [64,128) 1, [512,1K) 1, [4K,8K) 1.
	want := "\n\n@bytes:\n" +
		"[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n" +
		"[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n" +
		"[2, 4)                 2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n" +
		"[4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n" +
		"[8, 16)                0 |                                                    |\n" +
		"[16, 32)               0 |                                                    |\n" +
		"[32, 64)               0 |                                                    |\n" +
		"[64, 128)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n" +
		"[128, 256)             0 |                                                    |\n" +
		"[256, 512)             0 |                                                    |\n" +
		"[512, 1K)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n" +
		"[1K, 2K)               0 |                                                    |\n" +
		"[2K, 4K)               0 |                                                    |\n" +
		"[4K, 8K)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n" +
		"\n"
	expect(t, r, want, 0)
}

func TestLHist(t *testing.T) {
	path := tempFile(t, 1<<16)
	r := runWithLoad(t, `tracepoint:syscalls:sys_exit_read /pid == $1/ { @l = lhist(args.ret, 1, 101, 25); }`, "read "+path+" "+readSizes)
	// 0 is below 1; 1,2,3,5 fall in [1, 26); 100 in [76, 101); 1000 and 5000 at or above 101.
	want := "\n\n@l:\n" +
		"(..., 1)               1 |@@@@@@@@@@@@@                                       |\n" +
		"[1, 26)                4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n" +
		"[26, 51)               0 |                                                    |\n" +
		"[51, 76)               0 |                                                    |\n" +
		"[76, 101)              1 |@@@@@@@@@@@@@                                       |\n" +
		"[101, ...)             2 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n" +
		"\n"
	expect(t, r, want, 0)
}

func TestAggregations(t *testing.T) {
	path := tempFile(t, 1<<16)
	script := `tracepoint:syscalls:sys_exit_read /pid == $1/ {
		@sum = sum(args.ret); @min = min(args.ret); @max = max(args.ret);
		@avg = avg(args.ret); @stats = stats(args.ret); @count = count();
	}`
	r := runWithLoad(t, script, "read "+path+" "+readSizes)
	// 0+1+2+3+5+100+1000+5000 = 6111 over 8 reads.
	want := "\n\n@avg: 763\n@count: 8\n@max: 5000\n@min: 0\n" +
		"@stats: { .count = 8, .average = 763, .total = 6111 }\n" +
		"@sum: 6111\n"
	expect(t, r, want, 0)
}

// TestConcurrentCount checks that per-CPU aggregation loses no update when
// several threads on both CPUs create and bump the same keys at once.
func TestConcurrentCount(t *testing.T) {
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @ = count(); @k[1] = count(); @s = sum(2); }`, "getppid 4 25000")
	expect(t, r, "\n\n@: 100000\n@k[1]: 100000\n@s: 200000\n", 0)
}

func TestBeginEndExit(t *testing.T) {
	tests := []struct {
		name, prog, stdout string
		code               int
	}{
		{"printf and maps", `BEGIN { printf("hello %s %d\n", "world", 1 + 2 * 3); @x = 5; @y["a"] = 1; @y["b"] = 2; } END { printf("bye\n"); }`,
			"hello world 7\nbye\n\n\n@x: 5\n@y[a]: 1\n@y[b]: 2\n", 0},
		{"exit code", `begin { exit(3); }`, "", 3},
		{"exit stops the probe", `BEGIN { printf("a\n"); exit(); printf("b\n"); }`, "a\n", 0},
		{"variables and control flow", `BEGIN { $a = 10; let $b = 3; if ($a > 5) { $b += $a; } else { $b = 0; } $c = $a % 3 == 1 ? "one" : "other"; printf("%d %s %d\n", $b, $c, -$a >> 1); }`,
			"13 one -5\n", 0},
		{"tuples and strings", `BEGIN { $t = (1, "two", 3); printf("%d %s %d %s\n", $t.0, $t.1, $t.2, $t); @[$t.1, $t.0] = $t.2; }`,
			"1 two 3 (1, two, 3)\n\n\n@[two, 1]: 3\n", 0},
		{"print and clear", `BEGIN { @a[1] = 1; @a[2] = 2; print(@a); clear(@a); @b = 7; print(@b); print(comm == "bpfscript"); }`,
			"@a[1]: 1\n@a[2]: 2\n@b: 7\n1\n\n\n@b: 7\n", 0},
		{"print top and div", `BEGIN { @a[1] = 10; @a[2] = 20; @a[3] = 30; print(@a, 2, 10); clear(@a); }`,
			"@a[2]: 2\n@a[3]: 3\n", 0},
		{"map reads and updates", `BEGIN { @c = count(); @c = count(); @m[5] = 1; @m[5] += 4; @m[6]--; printf("%d %d %d %d\n", @c, @m[5], @m[6], @m[7]); }`,
			"2 5 -1 0\n\n\n@c: 2\n@m[6]: -1\n@m[5]: 5\n", 0},
		{"len", `BEGIN { @m[1] = 1; @m[2] = 2; @m[3] = 3; delete(@m, 2); @c["x"] = count(); printf("%d %d\n", len(@m), len(@c)); clear(@m); clear(@c); }`, "2 1\n", 0},
		{"has_key", `BEGIN { @m[1] = 2; printf("%d %d\n", has_key(@m, 1), has_key(@m, 3)); clear(@m); }`, "1 0\n", 0},
		{"integer literals", `BEGIN { printf("%d %d %d %d %u\n", 0x10, 010, 1_000, 0b11, -1); }`, "16 8 1000 3 18446744073709551615\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", "-e", tt.prog)
			expect(t, r, tt.stdout, tt.code)
		})
	}
}

func TestIntervalAndProfile(t *testing.T) {
	// The ticks are checked against the time between the first and the
	// last, not against the run's length: attaching the probes one after
	// the other takes a while on a loaded machine or under -race.
	r := run(t, "", "-e", `interval:ms:20 { if (@first == 0) { @first = nsecs; } @last = nsecs; @ticks = count(); } profile:hz:99 { @p = count(); } interval:ms:400 { exit(); }`)
	if r.code != 0 {
		t.Fatalf("exit code %d: %s", r.code, r.stderr)
	}
	var first, last, ticks float64
	for name, v := range map[string]*float64{"first": &first, "last": &last, "ticks": &ticks} {
		m := regexp.MustCompile(`@` + name + `: (\d+)`).FindStringSubmatch(r.stdout)
		if m == nil {
			t.Fatalf("no @%s: %q", name, r.stdout)
		}
		fmt.Sscan(m[1], v)
	}
	want := (last-first)/20e6 + 1
	if ticks < 5 || ticks < 0.7*want || ticks > 1.3*want {
		t.Errorf("interval:ms:20 fired %.0f times in %.0f ms, want about %.0f", ticks, (last-first)/1e6, want)
	}
	if !regexp.MustCompile(`@p: [1-9]\d*`).MatchString(r.stdout) {
		t.Errorf("profile did not fire: %q", r.stdout)
	}
	if r.stderr != "Attached 3 probes\n" {
		t.Errorf("stderr = %q", r.stderr)
	}
}

func TestJoinExecArgs(t *testing.T) {
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_execve /pid == $1/ { join(args.argv); join(args.argv, ","); }`, "exec /bin/true one two three")
	expect(t, r, "/bin/true one two three\n/bin/true,one,two,three\n", 0)
}

func TestTimeFormats(t *testing.T) {
	r := run(t, "", "-e", `BEGIN { time("%Y\n"); printf("%s\n", strftime("%Y-%m-%d", nsecs)); exit(); }`)
	if !regexp.MustCompile(`^\d{4}\n\d{4}-\d\d-\d\d\n$`).MatchString(r.stdout) || r.code != 0 {
		t.Errorf("got %q (code %d, stderr %s)", r.stdout, r.code, r.stderr)
	}
}

func TestProgramSources(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "hello.bt")
	src := "#!/usr/bin/env bpfscript\n// says hello\nBEGIN { printf(\"hello %s\\n\", str($1)); }\n"
	if err := os.WriteFile(script, []byte(src), 0o755); err != nil {
		t.Fatal(err)
	}
	expect(t, run(t, "", script, "file"), "hello file\n", 0)
	expect(t, run(t, src, "-", "stdin"), "hello stdin\n", 0)
	out := filepath.Join(dir, "out.txt")
	r := run(t, "", "-o", out, "-q", script, "x")
	expect(t, r, "", 0)
	if got, _ := os.ReadFile(out); string(got) != "hello x\n" || r.stderr != "" {
		t.Errorf("-o wrote %q, stderr %q", got, r.stderr)
	}
}

func TestDryRunAndDumps(t *testing.T) {
	prog := `tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }`
	r := run(t, "", "--dry-run", "-e", prog)
	expect(t, r, "", 0)
	for _, stage := range []string{"ast", "types", "ir", "asm", "verifier"} {
		r := run(t, "", "-d", stage, "-e", prog)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("-d %s: code %d, stdout %q, stderr %q", stage, r.code, r.stdout, r.stderr)
		}
	}
}

func TestCLIErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string // a substring
	}{
		{"no program", nil, "no program given"},
		{"missing file", []string{"/nonexistent.bt"}, "reading the program"},
		{"bad flag", []string{"-Z"}, "unknown option '-Z'"},
		{"bad stage", []string{"-d", "bogus", "-e", "BEGIN {}"}, "unknown stage"},
		{"syntax error", []string{"-e", "BEGIN { @x = ; }"}, "stdin:1:14: error:"},
		{"unknown function", []string{"-e", "BEGIN { @x = cont(); }"}, "stdin:1:14: error:"},
		{"unknown tracepoint", []string{"-e", "tracepoint:nosuch:thing { }"}, "stdin:1:1: error:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", tt.args...)
			if r.code != 1 || !strings.Contains(r.stderr, tt.stderr) || r.stdout != "" {
				t.Errorf("code %d, stdout %q, stderr %q; want code 1 and stderr containing %q", r.code, r.stdout, r.stderr, tt.stderr)
			}
		})
	}
	r := run(t, "", "-V")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "bpfscript ") {
		t.Errorf("-V: %+v", r)
	}
}

// TestStrLength checks str()'s length argument counts characters, as in
// bpftrace, for parameters and for strings read from memory.
func TestStrLength(t *testing.T) {
	r := run(t, "", "-e", `BEGIN { printf("%s|%s|%s|%s\n", str($1, 3), str($1), str($1, 100), str(comm, 3)); }`, "abcdef")
	expect(t, r, "abc|abcdef|abcdef|bpf\n", 0)
	path := tempFile(t, 10)
	r = runWithLoad(t, `tracepoint:syscalls:sys_enter_openat /pid == $1/ { printf("%s\n", str(args.filename, 4)); }`, "open 1 "+path)
	expect(t, r, path[:4]+"\n", 0)
}

// TestIntegerParams: a positional parameter is read as the checker reads
// it (decimal, or hex with 0x), so its type and value agree.
func TestIntegerParams(t *testing.T) {
	r := run(t, "", "-e", `BEGIN { printf("%d %d %d\n", $1, $2, $3); }`, "010", "0x10", "-7")
	expect(t, r, "10 16 -7\n", 0)
}

// TestProbesSharePrograms runs blocks that differ only in where they
// attach, a wildcard among them. They share one program, which reads the
// probe from its link's cookie: the kernel holds one program for the five
// attach points (and one for begin), and the output still names each
// probe. The load generator opens and closes the file six times.
func TestProbesSharePrograms(t *testing.T) {
	path := tempFile(t, 10)
	script := `tracepoint:syscalls:sys_enter_openat /pid == $1/ { @[probe] = count(); }
tracepoint:syscalls:sys_enter_close /pid == $1/ { @[probe] = count(); }
tracepoint:syscalls:sys_enter_getppi?, tracepoint:syscalls:sys_enter_fchmod /pid == $1/ { @[probe] = count(); }
tracepoint:syscalls:sys_enter_mkdir /pid == $1/ { @[probe] = count(); @other = count(); }
begin { @[probe] = count(); }`
	s := startWithLoad(t, script, "open 6 "+path)
	objs := bpfObjectsOf(t, s.cmd.Process.Pid)
	if len(objs.progs) != 3 || len(objs.links) != 5 {
		t.Errorf("bpfscript holds %d programs and %d links, want 3 (shared, mkdir's, begin) and 5", len(objs.progs), len(objs.links))
	}
	s.resume()
	if err := s.gen.Wait(); err != nil {
		t.Fatalf("load generator: %v: %s", err, s.genErr.String())
	}
	r := s.stop(syscall.SIGINT)
	// Equal counts come in the order of the keys: the probes' ids.
	want := "\n\n@[begin]: 1\n@[tracepoint:syscalls:sys_enter_openat]: 6\n@[tracepoint:syscalls:sys_enter_close]: 6\n"
	expect(t, r, want, 0)
}
