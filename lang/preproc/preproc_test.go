package preproc

import (
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// headers is a fake file system for ReadFile.
type headers map[string]string

func (h headers) read(name string) ([]byte, error) {
	if s, ok := h[name]; ok {
		return []byte(s), nil
	}
	return nil, fs.ErrNotExist
}

func process(t *testing.T, src string, h headers, opts Options) (*Result, error) {
	t.Helper()
	opts.ReadFile = h.read
	return Process("s.bt", src, opts)
}

func TestOutput(t *testing.T) {
	tests := []struct {
		name, src, want string
		h               headers
		opts            Options
	}{
		{"object macro", "#define N 16\nBEGIN { @x = N; }\n", "\nBEGIN { @x = 16; }\n", nil, Options{}},
		{"function macro", "#define MAX(a, b) ((a) > (b) ? (a) : (b))\nBEGIN { $m = MAX($1, 2 * 3); }",
			"\nBEGIN { $m = (($1) > (2 * 3) ? ($1) : (2 * 3)); }", nil, Options{}},
		{"nested macros", "#define A B + 1\n#define B 2\nx A", "\n\nx 2 + 1", nil, Options{}},
		{"self reference stops", "#define X X + 1\nX", "\nX + 1", nil, Options{}},
		{"not in strings, comments, $ and @", "#define x 9\nx \"x\" // x\n/* x */ $x @x $1 x1 0x1",
			"\n9 \"x\" // x\n/* x */ $x @x $1 x1 0x1", nil, Options{}},
		{"name without call", "#define F(a) a\nF + F(1)", "\nF + 1", nil, Options{}},
		{"stringify and paste", "#define S(a) #a\n#define P(a, b) a ## b\nS(hi \"x\") P(ab, cd)", "\n\n\"hi \\\"x\\\"\" abcd", nil, Options{}},
		{"variadic", "#define F(fmt, ...) printf(fmt, __VA_ARGS__)\nF(\"%d %d\", 1, 2)", "\nprintf(\"%d %d\", 1, 2)", nil, Options{}},
		{"undef", "#define N 1\n#undef N\nN", "\n\nN", nil, Options{}},
		{"ifdef", "#define A\n#ifdef A\nyes\n#else\nno\n#endif\n", "\n\nyes\n\n\n\n", nil, Options{}},
		{"ifdef ignores what follows the name", "#ifndef A  :(\nyes\n#endif", "\nyes\n", nil, Options{}},
		{"sys/socket.h", "#include <sys/socket.h>\nAF_INET", "\n2", nil, Options{}},
		{"ifndef elif", "#ifndef B\none\n#elif 1\ntwo\n#endif", "\none\n\n\n", nil, Options{}},
		{"if arithmetic", "#define V 3\n#if (V * 2 + 1) << 1 == 14 && !defined(W) && defined V\nok\n#endif", "\n\nok\n", nil, Options{}},
		{"if ternary, hex, octal, char", "#if (0x10 == 16 ? 010 : 0) == 8 && 'a' == 97 && 10UL / 3 == 3 && -1 < 0\nok\n#endif", "\nok\n", nil, Options{}},
		{"elif chain", "#if 0\na\n#elif 0\nb\n#elif 2\nc\n#else\nd\n#endif", "\n\n\n\n\nc\n\n\n", nil, Options{}},
		{"nested skipped", "#if 0\n#if 1\na\n#else\nb\n#endif\n#bogus\n#endif\nc", "\n\n\n\n\n\n\n\nc", nil, Options{}},
		{"continuation", "#define L 1 + \\\n  2\nL", "\n\n1 +    2", nil, Options{}},
		{"comment holds a directive", "/*\n#define X 1\n*/ X", "/*\n#define X 1\n*/ X", nil, Options{}},
		{"defines option", "#ifdef BPFTRACE_HAVE_BTF\nbtf\n#endif", "\nbtf\n", nil, Options{Defines: map[string]string{"BPFTRACE_HAVE_BTF": "1"}}},
		{"built-in header", "#include <linux/sched.h>\nTASK_COMM_LEN TASK_KILLABLE", "\n16 (0x00000100 | 0x00000002)", nil, Options{}},
		{"nested built-in", "#include <net/sock.h>\nAF_INET6 TCP_LISTEN", "\n10 10", nil, Options{}},
		{"include dirs first", "#include <linux/sched.h>\nTASK_COMM_LEN", "\n99",
			headers{"inc/linux/sched.h": "#define TASK_COMM_LEN 99\n"}, Options{IncludeDirs: []string{"inc"}}},
		{"quoted include next to the script", "#include \"defs.h\"\nN", "\n5",
			headers{"defs.h": "struct s { int x; };\n#define N 5\n"}, Options{}},
		{"nested includes", "#include <a.h>\nA B", "\n1 2",
			headers{"i/a.h": "#include \"b.h\"\n#define A 1\n", "i/b.h": "#define B 2\n"}, Options{IncludeDirs: []string{"i"}}},
		{"pragma once", "#include <a.h>\n#include <a.h>\nA", "\n\n1",
			headers{"i/a.h": "#pragma once\n#define A 1\n"}, Options{IncludeDirs: []string{"i"}}},
		{"--include", "X", "7", headers{"x.h": "#define X 7\n"}, Options{Includes: []string{"x.h"}}},
		{"shebang", "#!/usr/bin/env bpfscript\n#define N 2\nN", "#!/usr/bin/env bpfscript\n\n2", nil, Options{}},
		{"call over lines", "#define F(a, b) a+b\nx F(1,\n   2) y\nz", "\nx 1+2\n      y\nz", nil, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := process(t, tt.src, tt.h, tt.opts)
			if err != nil {
				t.Fatalf("error:\n%s", diag.Render(err, tt.src))
			}
			if r.Source != tt.want {
				t.Errorf("got\n%q\nwant\n%q", r.Source, tt.want)
			}
			if got, want := strings.Count(r.Source, "\n"), strings.Count(tt.src, "\n"); got != want {
				t.Errorf("%d lines out, %d in", got+1, want+1)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		h         headers
		want      string // the rendered error
	}{
		{"missing header", "BEGIN {}\n#include <linux/nosuch.h>\n", nil,
			"s.bt:2:10: error: header linux/nosuch.h not found (looked in the built-in headers)\n#include <linux/nosuch.h>\n         ^~~~~~~~~~~~~~~~\n"},
		{"missing quoted header", "  #  include \"x.h\"", nil,
			"s.bt:1:14: error: header x.h not found (looked in ., the built-in headers)\n  #  include \"x.h\"\n             ^~~~~\n"},
		{"unterminated if", "#if 1\n#ifdef A\n#endif\nBEGIN {}\n", nil,
			"s.bt:1:2: error: unterminated #if: no #endif before the end of the file\n#if 1\n ^~\n"},
		{"endif without if", "#endif\n", nil,
			"s.bt:1:2: error: #endif without #if\n#endif\n ^~~~~\n"},
		{"else after else", "#if 1\n#else\n#else\n#endif", nil,
			"s.bt:3:2: error: #else after #else\n#else\n ^~~~\n"},
		{"bad define name", "#define 1X 2", nil,
			"s.bt:1:9: error: macro name must be an identifier\n#define 1X 2\n        ^~\n"},
		{"define without name", "#define", nil,
			"s.bt:1:2: error: #define needs a macro name\n#define\n ^~~~~~\n"},
		{"bad parameter list", "#define F(a, 1) a", nil,
			"s.bt:1:14: error: expected a parameter name in the parameter list of macro F\n#define F(a, 1) a\n             ^\n"},
		{"duplicate parameter", "#define F(a, a) a", nil,
			"s.bt:1:14: error: duplicate parameter a of macro F\n#define F(a, a) a\n             ^\n"},
		{"arity", "#define F(a, b) a\nBEGIN { F(1); }", nil,
			"s.bt:2:9: error: macro F takes 2 arguments, but the call gives 1\nBEGIN { F(1); }\n        ^~~~\n"},
		{"unterminated call", "#define F(a) a\nBEGIN { F(1; }", nil,
			"s.bt:2:9: error: unterminated call of macro F: no ')' closes its '('\nBEGIN { F(1; }\n        ^\n"},
		{"if syntax", "#if 1 +\n#endif", nil,
			"s.bt:1:5: error: #if: unexpected end of the expression\n#if 1 +\n    ^~~\n"},
		{"if division by zero", "#if 1 / 0\n#endif", nil,
			"s.bt:1:5: error: #if: division by zero\n#if 1 / 0\n    ^~~~~\n"},
		{"unknown directive", "#frobnicate x", nil,
			"s.bt:1:2: error: unknown preprocessor directive #frobnicate\n#frobnicate x\n ^~~~~~~~~~\n"},
		{"error directive", "#error no way", nil,
			"s.bt:1:2: error: #error no way\n#error no way\n ^~~~~\n"},
		{"include cycle", "#include <a.h>", headers{"i/a.h": "#define A\n#include <b.h>\n", "i/b.h": "#include <a.h>\n"},
			"i/b.h:1:10: error: #include cycle: i/a.h includes i/b.h includes i/a.h\n#include <a.h>\n         ^~~~~\n"},
		{"error in a header", "#include <a.h>\nBEGIN {}", headers{"i/a.h": "#define A 1\n#if\n#endif\n"},
			"i/a.h:2:2: error: #if: no expression\n#if\n ^~\n"},
		{"unterminated if in a header", "#include <a.h>\n", headers{"i/a.h": "#ifndef A\n#define A\n"},
			"i/a.h:1:2: error: unterminated #ifndef: no #endif before the end of the file\n#ifndef A\n ^~~~~~\n"},
		{"macro bomb", "#define A0 x\n#define A1 A0 A0\n#define A2 A1 A1\n#define A3 A2 A2\n#define A4 A3 A3\n#define A5 A4 A4\n#define A6 A5 A5\n#define A7 A6 A6\n#define A8 A7 A7\n#define A9 A8 A8\n#define B A9 A9 A9 A9 A9 A9 A9 A9\n#define C B B B B B B B B B B B B B B B B\n#define D C C C C C C C C C C C C C C C C\nD", nil,
			"s.bt:14:1: error: macro expansion larger than 1048576 bytes\nD\n^\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := process(t, tt.src, tt.h, Options{IncludeDirs: []string{"i"}})
			if tt.h == nil {
				_, err = process(t, tt.src, tt.h, Options{})
			}
			if err == nil {
				t.Fatal("no error")
			}
			if got := diag.Render(err, tt.src); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestLineMap(t *testing.T) {
	src := "#define LONGER_NAME 1\n#define F(a, b) (a + b)\nBEGIN { x = LONGER_NAME + F(1,\n  2) + y; z = F(3,4) + w; }"
	r, err := Process("s.bt", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Split(r.Source, "\n")
	if out[2] != "BEGIN { x = 1 + (1 + 2)" || out[3] != "     + y; z = (3 + 4) + w; }" {
		t.Fatalf("output:\n%s", r.Source)
	}
	pos := func(line, col int) ast.Pos { return ast.Pos{File: "s.bt", Line: line, Col: col} }
	tests := []struct {
		name      string
		out, want ast.Pos
		end       bool
	}{
		{"before any expansion", pos(3, 9), pos(3, 9), false},
		{"in an object macro", pos(3, 13), pos(3, 13), false},
		{"after it", pos(3, 15), pos(3, 25), false},
		{"in a call's expansion", pos(3, 18), pos(3, 27), false},
		{"end in a call's expansion", pos(3, 20), pos(3, 31), true},
		{"after a call over lines", pos(4, 6), pos(4, 6), false},
		{"before the second call", pos(4, 14), pos(4, 14), false},
		{"after the second call", pos(4, 23), pos(4, 22), false},
		{"end at the second call's end", pos(4, 22), pos(4, 21), true},
		{"end at the second call's start", pos(4, 15), pos(4, 15), true},
		{"another file", ast.Pos{File: "h", Line: 3, Col: 20}, ast.Pos{File: "h", Line: 3, Col: 20}, false},
	}
	for _, tt := range tests {
		got := r.Lines.Pos(tt.out)
		if tt.end {
			got = r.Lines.End(tt.out)
		}
		got.Offset = 0
		if got != tt.want {
			t.Errorf("%s: %v maps to %v, want %v", tt.name, tt.out, got, tt.want)
		}
	}
}

func TestNeeded(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"BEGIN { printf(\"#%d\", $#); }", false},
		{"#!/usr/bin/env bpfscript\nBEGIN {}", false},
		{"#include <linux/sched.h>\nBEGIN {}", true},
		{"BEGIN {}\n  \t#define X", true},
		{"", false},
		{"#", true},
	}
	for _, tt := range tests {
		if got := Needed(tt.src, Options{}); got != tt.want {
			t.Errorf("Needed(%q) = %v", tt.src, got)
		}
	}
	if !Needed("BEGIN {}", Options{Includes: []string{"x.h"}}) {
		t.Error("Needed ignores Includes")
	}
}

func TestBuiltinHeadersParse(t *testing.T) {
	entries, err := fs.Glob(builtin, "headers/*/*.h")
	if err != nil || len(entries) == 0 {
		t.Fatal(entries, err)
	}
	top, err := fs.Glob(builtin, "headers/*.h")
	if err != nil || len(top) == 0 {
		t.Fatal(top, err)
	}
	entries = append(entries, top...)
	for _, e := range entries {
		name := strings.TrimPrefix(e, "headers/")
		if _, err := Process("s.bt", "#include <"+name+">\n", Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func BenchmarkNeededPlain(b *testing.B) {
	src := strings.Repeat("tracepoint:syscalls:sys_enter_openat /pid == $1/ { printf(\"#%d %s\\n\", $#, comm); }\n", 50)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if Needed(src, Options{}) {
			b.Fatal("needed")
		}
	}
}

func TestIncludesOptionErrors(t *testing.T) {
	_, err := process(t, "BEGIN {}", nil, Options{Includes: []string{"nosuch.h"}})
	if err == nil || err.Error() != "--include nosuch.h: header nosuch.h not found (looked in the built-in headers)" {
		t.Errorf("got %v", err)
	}
	// Headers that each include a new one stop at the depth limit.
	h := headers{}
	for i := range maxIncludeDepth + 5 {
		h["i/h"+strconv.Itoa(i)] = "#include <h" + strconv.Itoa(i+1) + ">\n"
	}
	_, err = process(t, "#include <h0>\n", h, Options{IncludeDirs: []string{"i"}})
	if err == nil || !strings.Contains(err.Error(), "#include nested more than 200 deep") {
		t.Errorf("got %v", err)
	}
}

// TestPosition checks the forward line counter that keeps expansion
// linear in the script's size against counting from the start.
func TestPosition(t *testing.T) {
	text := "ab\n\ncd e\nf\n\n\nghi"
	var p position
	for off := 0; off <= len(text); off += 1 + off%2 {
		line, col := p.at(text, off)
		before := text[:off]
		wantLine := strings.Count(before, "\n") + 1
		wantCol := off - strings.LastIndexByte(before, '\n')
		if line != wantLine || col != wantCol {
			t.Errorf("offset %d: %d:%d, want %d:%d", off, line, col, wantLine, wantCol)
		}
	}
}

// BenchmarkManyCalls expands 20000 calls on one line and 20000 lines of
// one call: time per call must not grow with the script.
func BenchmarkManyCalls(b *testing.B) {
	const n = 20000
	src := "#define F(a) (a + 1)\n" + strings.Repeat("F(x) ", n) + "\n" + strings.Repeat("F(y)\n", n)
	for b.Loop() {
		if _, err := Process("s.bt", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcessTool preprocesses a script shaped like bpftrace's tools:
// a BTF test, built-in headers, a few macros, probes using them.
func BenchmarkProcessTool(b *testing.B) {
	src := "#ifndef BPFTRACE_HAVE_BTF\n#include <linux/socket.h>\n#include <net/sock.h>\n#else\n#include <sys/socket.h>\n#endif\n#include <linux/sched.h>\n#define MAX(a, b) ((a) > (b) ? (a) : (b))\n" +
		strings.Repeat("tracepoint:syscalls:sys_enter_accept4 /args.upeer_sockaddr != 0 && MAX(pid, 1) > TASK_COMM_LEN/ { @[comm, AF_INET] = count(); }\n", 20)
	opts := Options{Defines: map[string]string{"BPFTRACE_HAVE_BTF": "1"}}
	for b.Loop() {
		if _, err := Process("tool.bt", src, opts); err != nil {
			b.Fatal(err)
		}
	}
}
