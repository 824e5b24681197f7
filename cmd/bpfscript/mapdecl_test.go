package main

import "testing"

// Map declarations (`let @a = lruhash(N);`): each kind loaded into this
// kernel, with the size it declares. An LRU map evicts its oldest entries
// when full; a plain one keeps its first entries and warns.
func TestMapDeclarations(t *testing.T) {
	tests := []struct {
		name, prog, stdout, stderr string
	}{
		{"an lruhash evicts its oldest entries when full",
			`let @a = lruhash(4); begin { for ($i : 0..100) { @a[$i] = $i; } exit(); }`,
			"\n\n@a[96]: 96\n@a[97]: 97\n@a[98]: 98\n@a[99]: 99\n", ""},
		{"a hash keeps its first entries when full",
			`let @a = hash(4); begin { for ($i : 0..10) { @a[$i] = $i; } exit(); }`,
			"\n\n@a[0]: 0\n@a[1]: 1\n@a[2]: 2\n@a[3]: 3\n",
			"WARNING: map @a is full (4 entries): updates with new keys are dropped\n"},
		{"a percpulruhash evicts aggregations",
			`let @a = percpulruhash(3); begin { for ($i : 0..10) { @a[$i] = count(); } exit(); }`,
			"\n\n@a[7]: 1\n@a[8]: 1\n@a[9]: 1\n", ""},
		{"a percpuhash keeps its first aggregations",
			`let @a = percpuhash(3); begin { for ($i : 0..10) { @a[$i] = count(); } exit(); }`,
			"\n\n@a[0]: 1\n@a[1]: 1\n@a[2]: 1\n",
			"WARNING: map @a is full (3 entries): updates with new keys are dropped\n"},
		{"declarations after probes, sized by a parameter",
			`begin { @a[1] = 1; @a[2] = 2; @b = sum(5); exit(); } let @a = lruhash($1 * 2); let @b = percpuhash(1);`,
			"\n\n@a[1]: 1\n@a[2]: 2\n@b: 5\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", "-q", "-e", tt.prog, "1")
			expect(t, r, tt.stdout, 0)
			if r.stderr != tt.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, tt.stderr)
			}
		})
	}
}

// TestMapDeclarationEvents runs a declared per-CPU LRU map from events.
func TestMapDeclarationEvents(t *testing.T) {
	r := runWithLoad(t, `let @calls = percpulruhash(8); tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls[1] = count(); }`, "getppid 1 8")
	expect(t, r, "\n\n@calls[1]: 8\n", 0)
}

// TestMapDeclarationErrors: a declaration that does not suit its map is a
// positioned error and exit code 1.
func TestMapDeclarationErrors(t *testing.T) {
	r := run(t, "", "-e", `let @a = hash(4); begin { @a = count(); exit(); }`)
	want := "stdin:1:10: error: map @a is declared hash, but its value (count_t, set at 1:27) needs a per-CPU map: declare it percpuhash or percpulruhash\n" +
		"let @a = hash(4); begin { @a = count(); exit(); }\n" +
		"         ^~~~\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1, stderr:\n%s", r.code, r.stderr, want)
	}
}

// TestAttachPointParams: positional parameters inside attach points are
// substituted as strings before the probes are resolved.
func TestAttachPointParams(t *testing.T) {
	r := run(t, "", "-q", "-e", `interval:$2:$1 { printf("%s\n", probe); exit(); }`, "5", "ms")
	expect(t, r, "interval:ms:5\n", 0)

	r = runWithLoad(t, `tracepoint:syscalls:sys_enter_$2 /pid == $1/ { @[probe] = count(); }`, "getppid 1 8", "getppid")
	expect(t, r, "\n\n@[tracepoint:syscalls:sys_enter_getppid]: 8\n", 0)
}

// TestStrParamOffset: str($N + k) is the parameter's text from its k-th
// byte, as the reference's example shows.
func TestStrParamOffset(t *testing.T) {
	r := run(t, "", "-q", "-e", `begin { printf("%s|%s|%s|%s\n", str($1 + 1), str($1 + 5), str($1 + 1, 2), str($2 + 0)); exit(); }`, "hello", "42")
	expect(t, r, "ello||el|42\n", 0)
}
