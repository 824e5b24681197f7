package main

import "testing"

// For loops over maps, compiled to bpf_for_each_map_elem callbacks, loaded
// into this kernel's verifier and run. The kernel walks a hash map in an
// order of its own, so each case prints what does not depend on it: sums,
// counts, one-entry maps, and maps, which are printed sorted.
func TestForMap(t *testing.T) {
	tests := []struct {
		name, prog, stdout string
	}{
		{"a single key: $kv.0 is the key, $kv.1 the value",
			`begin { @m[1] = 10; @m[2] = 20; @m[3] = 30; $n = 0; $sum = 0; for ($kv : @m) { $n++; $sum += $kv.0 * $kv.1; @double[$kv.0] = 2 * $kv.1; } printf("%d entries, sum %d\n", $n, $sum); delete(@m, 1); delete(@m, 2); delete(@m, 3); exit(); }`,
			"3 entries, sum 140\n\n\n@double[1]: 20\n@double[2]: 40\n@double[3]: 60\n"},
		{"several keys make a tuple key",
			`begin { @m[16, "x"] = 32; for ($kv : @m) { print($kv); printf("%d %s %d\n", $kv.0.0, $kv.0.1, $kv.1); } delete(@m, (16, "x")); exit(); }`,
			"((16, x), 32)\n16 x 32\n"},
		{"a count is summed over the CPUs",
			`begin { @m[16, 17] = count(); @m[16, 17] = count(); for ($kv : @m) { print($kv); } @n = count(); for ($kv : @n) { print($kv); } clear(@m); clear(@n); exit(); }`,
			"((16, 17), 2)\n(0, 1)\n"},
		{"min, max, avg and sum read as numbers",
			`begin { @mn["a"] = min(5); @mn["a"] = min(-3); @mx["b"] = max(5); @mx["b"] = max(9); @av["c"] = avg(4); @av["c"] = avg(7); @s["d"] = sum(2); @s["d"] = sum(40); for ($kv : @mn) { print($kv); } for ($kv : @mx) { print($kv); } for ($kv : @av) { print($kv); } for ($kv : @s) { print($kv); } clear(@mn); clear(@mx); clear(@av); clear(@s); exit(); }`,
			"(a, -3)\n(b, 9)\n(c, 5)\n(d, 42)\n"},
		{"a map without keys has the key 0",
			`begin { @x = 7; for ($kv : @x) { printf("%d %d\n", $kv.0, $kv.1); } delete(@x); exit(); }`,
			"0 7\n"},
		{"break stops after the first entry",
			`begin { @m[1] = 1; @m[2] = 2; @m[3] = 3; $n = 0; for ($kv : @m) { $n++; break; printf("never\n"); } printf("%d\n", $n); clear(@m); exit(); }`,
			"1\n"},
		{"continue skips the rest of the body",
			`begin { @m[1] = 1; @m[2] = 2; @m[3] = 3; $sum = 0; for ($kv : @m) { if ($kv.0 == 2) { continue; } $sum += $kv.1; } printf("%d\n", $sum); clear(@m); exit(); }`,
			"4\n"},
		{"the body changes outer variables of every kind",
			`begin { @m[5] = 50; $i = 1; $s = "before"; $t = (1, "a"); for ($kv : @m) { $i = $kv.1 + $i; $s = "after"; $t = ($kv.0, "b"); } printf("%d %s\n", $i, $s); print($t); delete(@m, 5); exit(); }`,
			"51 after\n(5, b)\n"},
		{"an empty map runs the body never",
			`begin { @m[1] = 1; delete(@m, 1); $n = 5; for ($kv : @m) { $n = 0; printf("never\n"); } printf("%d\n", $n); exit(); }`,
			"5\n"},
		{"a range loop inside a map loop, and the reverse",
			`begin { @m[1] = 10; @m[2] = 20; for ($kv : @m) { for ($i : 0..2) { @a[$kv.0, $i] = $kv.1 + $i; } } for ($i : 0..2) { for ($kv : @m) { @b[$i, $kv.0] = $kv.1 - $i; } } clear(@m); exit(); }`,
			"\n\n@a[1, 0]: 10\n@a[1, 1]: 11\n@a[2, 0]: 20\n@a[2, 1]: 21\n@b[1, 1]: 9\n@b[0, 1]: 10\n@b[1, 2]: 19\n@b[0, 2]: 20\n"},
		{"map loops nest, with break and continue in the inner one",
			`begin { @a[1] = 1; @a[2] = 2; @b["x"] = 10; @b["y"] = 20; $n = 0; for ($x : @a) { for ($y : @b) { if ($y.0 == "y") { continue; } $n += $x.1 * $y.1; @p[$x.0, $y.0] = 1; } } printf("%d\n", $n); clear(@a); clear(@b); exit(); }`,
			"30\n\n\n@p[1, x]: 1\n@p[2, x]: 1\n"},
		{"return leaves the probe from inside the body",
			`begin { @m[1] = 1; for ($kv : @m) { if ($kv.1 == 1) { return; } } printf("never\n"); } end { printf("end\n"); clear(@m); }`,
			"end\n"},
		{"exit() inside the body",
			`begin { @m[1] = 1; for ($kv : @m) { exit(); } printf("never\n"); }`,
			"\n\n@m[1]: 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", "-q", "-e", tt.prog)
			expect(t, r, tt.stdout, 0)
		})
	}
}

// TestForMapInTracepoint uses the probe's context inside the body: the
// tracepoint's args, which the callback reads through the context pointer
// its caller passes it.
func TestForMapInTracepoint(t *testing.T) {
	r := runWithLoad(t, `begin { @k[1] = 100; @k[2] = 200; } tracepoint:syscalls:sys_enter_getppid /pid == $1/ { for ($kv : @k) { if (args.__syscall_nr > 0) { @seen[$kv.0] = $kv.1; } @calls[$kv.0] = count(); } }`, "getppid 1 3")
	expect(t, r, "\n\n@calls[1]: 3\n@calls[2]: 3\n@k[1]: 100\n@k[2]: 200\n@seen[1]: 100\n@seen[2]: 200\n", 0)
}
