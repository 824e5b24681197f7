package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests run the built binary with -f json and check its exact output:
// one JSON object a line, as bpftrace -f json writes them.

func TestJSONOutput(t *testing.T) {
	script := `BEGIN {
	printf("test %d\n", 5);
	print(5); print("str"); print((1, "a", (-2, 3)));
	@scalar = 5; print(@scalar);
	@map["key1"] = 2; @map["key2"] = 3;
	@t["bpftrace", 2] = 1;
	@c = count(); @c = count(); @su = sum(-5); @mi = min(3); @mi = min(-4); @ma = max(4);
	@a = avg(7); @a = avg(8);
	@s = stats(2); @s = stats(10);
	@ks[1] = stats(4);
	@h = hist(2); @h = hist(100); @h = hist(-1);
	@l = lhist(5, 0, 10, 2); @l = lhist(50, 0, 10, 2); @l = lhist(-3, 0, 10, 2);
	@hk["x"] = hist(1); @hk["y"] = hist(8); @hk["y"] = hist(9);
	@big = 18446744073709551615;
	print(@c, 0, 2);
	@empty[1] = 1; delete(@empty[1]); print(@empty);
	exit(3);
}`
	r := run(t, "", "-f", "json", "-e", script)
	want := `{"type": "attached_probes", "data": {"probes": 1}}
{"type": "printf", "data": "test 5\n"}
{"type": "value", "data": 5}
{"type": "value", "data": "str"}
{"type": "value", "data": [1,"a",[-2,3]]}
{"type": "map", "data": {"@scalar": 5}}
{"type": "map", "data": {"@c": 1}}
{"type": "stats", "data": {"@a": 7}}
{"type": "map", "data": {"@big": "18446744073709551615"}}
{"type": "map", "data": {"@c": 2}}
{"type": "hist", "data": {"@h": [{"max": -1, "count": 1}, {"min": 0, "max": 0, "count": 0}, {"min": 1, "max": 1, "count": 0}, {"min": 2, "max": 3, "count": 1}, {"min": 4, "max": 7, "count": 0}, {"min": 8, "max": 15, "count": 0}, {"min": 16, "max": 31, "count": 0}, {"min": 32, "max": 63, "count": 0}, {"min": 64, "max": 127, "count": 1}]}}
{"type": "hist", "data": {"@hk": {"x": [{"min": 1, "max": 1, "count": 1}], "y": [{"min": 8, "max": 15, "count": 2}]}}}
{"type": "stats", "data": {"@ks": {"1": {"count": 1, "average": 4, "total": 4}}}}
{"type": "hist", "data": {"@l": [{"max": -1, "count": 1}, {"min": 0, "max": 1, "count": 0}, {"min": 2, "max": 3, "count": 0}, {"min": 4, "max": 5, "count": 1}, {"min": 6, "max": 7, "count": 0}, {"min": 8, "max": 9, "count": 0}, {"min": 10, "count": 1}]}}
{"type": "map", "data": {"@ma": 4}}
{"type": "map", "data": {"@map": {"key1": 2, "key2": 3}}}
{"type": "map", "data": {"@mi": -4}}
{"type": "stats", "data": {"@s": {"count": 2, "average": 6, "total": 12}}}
{"type": "map", "data": {"@scalar": 5}}
{"type": "map", "data": {"@su": -5}}
{"type": "map", "data": {"@t": {"bpftrace,2": 1}}}
`
	expect(t, r, want, 3)
	if r.stderr != "" {
		t.Errorf("stderr = %q", r.stderr)
	}
}

func TestJSONTimeJoinAndOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	r := run(t, "", "-f", "json", "-o", out, "-c", "/bin/sh -c 'exec /bin/true one two'",
		"-e", `BEGIN { time("%%\n"); } tracepoint:syscalls:sys_enter_execve /pid == cpid/ { join(args.argv); join(args.argv, ","); }`)
	expect(t, r, "", 0)
	if r.stderr != "" {
		t.Errorf("stderr = %q", r.stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// As bpftrace: begin probes' output is read once every probe is
	// attached, so attached_probes comes first.
	want := `{"type": "attached_probes", "data": {"probes": 2}}
{"type": "time", "data": "%\n"}
{"type": "join", "data": "/bin/true one two"}
{"type": "join", "data": "/bin/true,one,two"}
`
	if string(got) != want {
		t.Errorf("%s holds\n%s\nwant\n%s", out, got, want)
	}
}

func TestJSONQuietAndFormats(t *testing.T) {
	r := run(t, "", "-q", "-f", "json", "-e", `BEGIN { printf("a\tb\n"); exit(); }`)
	expect(t, r, `{"type": "printf", "data": "a\tb\n"}`+"\n", 0)
	r = run(t, "", "-f", "text", "-e", `BEGIN { printf("x\n"); exit(); }`)
	expect(t, r, "x\n", 0)
	if r.stderr != "Attached 1 probe\n" {
		t.Errorf("text stderr = %q", r.stderr)
	}
	r = run(t, "", "-f", "yaml", "-e", `BEGIN { exit(); }`)
	if r.code != 1 || !strings.Contains(r.stderr, `invalid output format "yaml"`) {
		t.Errorf("-f yaml: code %d, stderr %q", r.code, r.stderr)
	}
}
