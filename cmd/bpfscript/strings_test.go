package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// End-to-end tests of the string and buffer functions: strlen, strcap,
// strstr, strcontains, strncmp, str_concat, memcmp, buf with %r/%rx/%rh,
// kptr/uptr.

func TestStringFunctions(t *testing.T) {
	script := `begin {
  printf("%d %d %d %d %d\n", strlen("hello"), strcap("hello"), strstr("hello", "ll"), strstr("hello", "x"), strstr("hello", ""));
  printf("%d %d %d %d %d\n", strcontains("hello", "el"), strcontains("hello", "le"), strncmp("hello", "help", 3), strncmp("hello", "help", 4), strncmp("ab", "ab", 10));
  printf("[%s] [%s] [%s]\n", str_concat("foo", "bar"), str_concat("", "x"), str_concat(str_concat("a", "b"), "c"));
  printf("%d %d %d %d\n", memcmp("abc", "abd", 3), memcmp("abd", "abc", 3), memcmp("abc", "abd", 2), memcmp((1, 2), (1, 3), 8));
  $s = str_concat("key", "1");
  @m[$s] = strlen($s);
  exit();
}`
	r := run(t, "", "-e", script)
	expect(t, r, "5 6 2 -1 0\n1 0 0 1 0\n[foobar] [x] [abc]\n-1 1 0 0\n\n\n@m[key1]: 4\n", 0)
}

// TestStrConcatOfGrownVariable concatenates a variable that a later
// assignment makes longer: the result keeps the size the call was typed
// with, and holds both parts.
func TestStrConcatOfGrownVariable(t *testing.T) {
	script := `begin { $a = "x"; $b = str_concat($a, str_concat($a, "y")); $a = "a much longer string"; printf("%s %s %d\n", $b, $a, strlen($b)); exit(); }`
	r := run(t, "", "-e", script)
	expect(t, r, "xxy a much longer string 3\n", 0)
}

func TestBufFormats(t *testing.T) {
	script := `begin {
  printf("%r|%rx|%rh|%-6r|\n", buf("ab\x01c", 4), buf("ab", 2), buf("ab\n", 3), buf("xy", 2));
  print(buf("a\x00b", 3));
  @b = buf("xy\xff", 3);
  exit();
}`
	r := run(t, "", "-e", script)
	expect(t, r, "ab\\x01c|\\x61\\x62|61 62 0a|xy    |\na\\x00b\n\n\n@b: xy\\xff\n", 0)
	r = run(t, "", "-f", "json", "-e", `begin { print(buf("a\n", 2)); @b = buf("q", 1); exit(); }`)
	expect(t, r, `{"type": "attached_probes", "data": {"probes": 1}}`+"\n"+`{"type": "value", "data": "a\\x0a"}`+"\n"+`{"type": "map", "data": {"@b": "q"}}`+"\n", 0)
}

// TestStringFunctionsOnTracepoint reads the strings from user memory:
// args.filename of openat is a user pointer.
func TestStringFunctionsOnTracepoint(t *testing.T) {
	path := tempFile(t, 1)
	script := `tracepoint:syscalls:sys_enter_openat /pid == $1/ {
  printf("%d %d %d %d|%s|%r|%rh|%d\n", strlen(args.filename), strcap(args.filename), strcontains(args.filename, "data"),
    strstr(uptr(args.filename), "/data"), str_concat(str(args.filename), "!"), buf(args.filename, 4), buf(args.filename, strlen(args.filename) - 3),
    strncmp(args.filename, str($2), 64));
}`
	r := runWithLoad(t, script, "open 2 "+path, path)
	hexTail := make([]string, 0, len(path))
	for _, c := range []byte(path[:len(path)-3]) {
		hexTail = append(hexTail, fmt.Sprintf("%02x", c))
	}
	line := fmt.Sprintf("%d %d 1 %d|%s!|%s|%s|0\n", len(path), len(path), strings.Index(path, "/data"), path, path[:4], strings.Join(hexTail, " "))
	expect(t, r, line+line, 0)
}

// TestStrLengthWhenRunning reads strings whose length is known only when
// the probe runs: n characters, none for a negative n, at most the buffer.
func TestStrLengthWhenRunning(t *testing.T) {
	path := tempFile(t, 1)
	script := `tracepoint:syscalls:sys_enter_openat /pid == $1/ { $n = (args.flags & 0) + 3; printf("[%s] [%s] [%s]\n", str(args.filename, $n), str(args.filename, $n - 10), str(args.filename, $n * 1000)); @[str(args.filename, $n + 1)] = count(); }`
	r := runWithLoad(t, script, "open 1 "+path)
	expect(t, r, fmt.Sprintf("[%s] [] [%s]\n\n\n@[%s]: 1\n", path[:3], path, path[:4]), 0)
}

// TestTruncatedPath reads a path longer than the string size (64, set by
// the config block): it is cut to 63 characters and printed with the ".."
// trailer; one that fits is not marked.
func TestTruncatedPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), strings.Repeat("d", 70))
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "data")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runWithLoad(t, `config = { max_strlen = 64 } tracepoint:syscalls:sys_enter_openat /pid == $1/ { printf("%s %s\n", str(args.filename), str(args.filename, 5)); }`, "open 1 "+path)
	expect(t, r, path[:63]+".. "+path[:5]+"\n", 0)
}

// TestAddressSpaces reads a user pointer as what kptr() and uptr() say it
// is: as a kernel address it cannot be read (probe_read_kernel refuses
// user memory), as a user address it can.
func TestAddressSpaces(t *testing.T) {
	path := tempFile(t, 1)
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_openat /pid == $1/ { printf("[%s] [%s] %d\n", str(kptr(args.filename)), str(uptr(kptr(args.filename))), strlen(kptr(args.filename))); }`, "open 1 "+path)
	expect(t, r, fmt.Sprintf("[] [%s] 0\n", path), 0)
}

func TestStringFunctionErrors(t *testing.T) {
	for _, tt := range []struct{ script, stderr string }{
		{`begin { $n = 3; @a = strncmp("a", "b", $n); }`, "stdin:1:40: error: strncmp() count must be an integer constant"},
		{`begin { @a = buf("abc", 1025); }`, "stdin:1:25: error: buf() length 1025 is more than the maximum of 1024 bytes (the string size)"},
		{`begin { @a = strlen(probe); }`, "stdin:1:21: error: strlen() needs a string, a byte array or a pointer, not probe\nbegin { @a = strlen(probe); }\n                    ^~~~~\n"},
	} {
		r := run(t, "", "-e", tt.script, "x")
		if r.code != 1 || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("%s: code %d, stderr:\n%s\nwant 1 and %q", tt.script, r.code, r.stderr, tt.stderr)
		}
	}
}
