package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/sysenv"
)

// These tests feed bpfscript broken, hostile and absurd programs: each must
// end promptly with exit code 1 and a clear error, positioned when it is
// about the program, and never with a panic or a Go stack overflow.

// badInputDeadline is how long bpfscript may take to reject any input.
const badInputDeadline = 10 * time.Second

// positioned matches an error about the program: file:line:col: error: ...
var positioned = regexp.MustCompile(`^[^\n:]+:\d+:\d+: error: \S`)

// checkRejected checks what every bad input must give: exit code 1, no
// output, no sign of a crash, in time.
func checkRejected(t *testing.T, r result, took time.Duration) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit code %d, want 1; stderr:\n%.2000s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout is not empty:\n%.2000s", r.stdout)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "internal") {
		t.Errorf("stderr shows a crash:\n%.2000s", r.stderr)
	}
	if took > badInputDeadline {
		t.Errorf("took %v, want under %v", took, badInputDeadline)
	}
}

func timedRun(t *testing.T, stdin string, args ...string) (result, time.Duration) {
	t.Helper()
	start := time.Now()
	r := run(t, stdin, args...)
	return r, time.Since(start)
}

// TestBadInputCorpus runs every file in testdata/bad and compares the error
// with the file's .stderr (rewritten with -update).
func TestBadInputCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".stderr") {
			continue
		}
		n++
		goldenPath := strings.TrimSuffix(file, filepath.Ext(file)) + ".stderr"
		t.Run(filepath.Base(file), func(t *testing.T) {
			r, took := timedRun(t, "", "--dry-run", file)
			checkRejected(t, r, took)
			if !positioned.MatchString(r.stderr) || !strings.HasPrefix(r.stderr, file+":") {
				t.Errorf("the error is not positioned in %s:\n%.2000s", file, r.stderr)
			}
			golden.Check(t, goldenPath, []byte(r.stderr))
		})
	}
	if n < 20 {
		t.Errorf("only %d bad inputs in testdata/bad", n)
	}
}

// TestHugeInputs builds inputs too big to keep as files: absurd sizes,
// nesting and probe counts.
func TestHugeInputs(t *testing.T) {
	repeat := strings.Repeat
	manyProbes := func(n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "interval:ms:%d { @n = count(); }\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name, src string
		want      string // the first line of stderr, a regexp
	}{
		{"1 MB string literal", `begin { $s = "` + repeat("x", 1<<20) + `"; }`,
			`^stdin:1:14: error: string literal is too long: 1048576 bytes, the limit is 4095$`},
		{"10,000 parentheses", "begin { $x = " + repeat("(", 10000) + "1" + repeat(")", 10000) + "; }",
			`^stdin:1:1014: error: expression nested too deeply \(more than 1000 levels\)$`},
		{"10,000 unary minuses", "begin { $x = " + repeat("- ", 10000) + "1; }",
			`^stdin:1:2012: error: expression nested too deeply \(more than 1000 levels\)$`},
		{"10,000 unspaced minuses", "begin { $x = " + repeat("-", 10000) + "1; }",
			`^stdin:1:2012: error: expression nested too deeply \(more than 1000 levels\)$`},
		{"10,000 nested ifs", "begin { " + repeat("if (1) { ", 10000) + repeat("} ", 10000) + "}",
			`^stdin:1:9007: error: block nested too deeply \(more than 1000 levels\)$`},
		{"100,000 else ifs", "begin { if (1) { } " + repeat("else if (1) { } ", 100000) + "}",
			`^stdin:1:\d+: error: block nested too deeply \(more than 1000 levels\)$`},
		{"1,000,000 additions", "begin { $x = 1" + repeat("+1", 1000000) + "; }",
			`^stdin:1:2013: error: expression nested too deeply \(more than 1000 levels\)$`},
		{"10,000 probes", manyProbes(10000),
			`^stdin:513:1: error: too many probes: 10000 attach points, the limit is 512$`},
		{"a wildcard matching every tracepoint", "tracepoint:*:* { @n = count(); }",
			`^stdin:1:1: error: too many probes: \d+ attach points, the limit is 512$`},
		{"20,000 statements", "begin { " + repeat("@x = 1; ", 20000) + "}", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, took := timedRun(t, tt.src, "--dry-run", "-")
			if tt.want == "" {
				// Big but legitimate: it must work.
				if r.code != 0 || took > badInputDeadline {
					t.Errorf("exit code %d after %v; stderr:\n%.2000s", r.code, took, r.stderr)
				}
				return
			}
			checkRejected(t, r, took)
			first, _, _ := strings.Cut(r.stderr, "\n")
			if !regexp.MustCompile(tt.want).MatchString(first) {
				t.Errorf("stderr starts with:\n%.500s\nwant a match for %s", first, tt.want)
			}
		})
	}
}

// TestUnreadableProgram gives a directory and a missing file as the
// program (privilege_test.go has the file without read permission).
func TestUnreadableProgram(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]string{
		dir:                              "bpfscript: reading the program: read " + dir + ": is a directory\n",
		filepath.Join(dir, "missing.bt"): "bpfscript: reading the program: open " + filepath.Join(dir, "missing.bt") + ": no such file or directory\n",
	} {
		r, took := timedRun(t, "", name)
		checkRejected(t, r, took)
		if r.stderr != want {
			t.Errorf("stderr %q, want %q", r.stderr, want)
		}
	}
}

// TestEveryPrefixOfEveryScript compiles every prefix of every script in
// stdlib/ and examples/, as an editor or a truncated download would leave
// it: each must compile or fail with errors that all have a position inside
// the prefix, without a panic or a hang.
func TestEveryPrefixOfEveryScript(t *testing.T) {
	files := append(scriptFiles(t, "stdlib"), scriptFiles(t, "examples")...)
	env := &cachedEnv{Env: sysenv.Kernel(), formats: map[string]formatResult{}, lists: map[string]listResult{}}
	compiled, failed := 0, 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		for n := 0; n <= len(src); n++ {
			prefix := src[:n]
			err := compileWithin(t, prefix, env)
			if err == nil {
				compiled++
				continue
			}
			failed++
			var list diag.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("%s cut at byte %d: an error without a position: %v", file, n, err)
			}
			for _, e := range list {
				if e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Offset > len(prefix) || strings.Contains(e.Msg, "internal") {
					t.Fatalf("%s cut at byte %d: bad error %s (offset %d)", file, n, e, e.Pos.Offset)
				}
			}
		}
	}
	// Every script compiles whole, and most prefixes do not.
	if compiled < len(files) || failed < 10*compiled {
		t.Errorf("%d prefixes compiled and %d failed: the loop is not testing what it should", compiled, failed)
	}
}

// compileWithin compiles src with the library, failing the test if that
// takes more than a few seconds (a hang).
func compileWithin(t *testing.T, src string, env types.Env) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := bpfscript.Compile(src, bpfscript.Options{Filename: "prefix.bt", Env: env, NumCPUs: 4})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(badInputDeadline):
		t.Fatalf("compiling did not finish in %v:\n%s", badInputDeadline, src)
		return nil
	}
}

// cachedEnv remembers the tracing environment's answers: the prefix test
// asks for the same few tracepoints tens of thousands of times.
type cachedEnv struct {
	types.Env
	formats map[string]formatResult
	lists   map[string]listResult
}

type formatResult struct {
	format *types.TracepointFormat
	err    error
}

type listResult struct {
	names []string
	err   error
}

func (e *cachedEnv) Tracepoints(group, event string) ([]string, error) {
	key := group + ":" + event
	r, ok := e.lists[key]
	if !ok {
		r.names, r.err = e.Env.Tracepoints(group, event)
		e.lists[key] = r
	}
	return r.names, r.err
}

func (e *cachedEnv) TracepointFormat(group, event string) (*types.TracepointFormat, error) {
	key := group + ":" + event
	r, ok := e.formats[key]
	if !ok {
		r.format, r.err = e.Env.TracepointFormat(group, event)
		e.formats[key] = r
	}
	return r.format, r.err
}
