package main

import "testing"

// Loops: while, unroll, for over a range, break and continue, loaded into
// this kernel's verifier and run.
func TestLoops(t *testing.T) {
	tests := []struct {
		name, prog, stdout string
	}{
		{"while with break and continue",
			`begin { $i = 0; while ($i < 6) { $i++; if ($i == 2) { continue; } if ($i == 5) { break; } printf("%d ", $i); } printf("end %d\n", $i); exit(); }`,
			"1 3 4 end 5\n"},
		{"unroll repeats its body",
			`begin { $n = 1; unroll(4) { $n = $n * 3; printf("%d ", $n); } printf("\n"); exit(); }`,
			"3 9 27 81 \n"},
		{"for over a range excludes its end",
			`begin { for ($i : 2..5) { printf("%d ", $i); } printf("\n"); exit(); }`,
			"2 3 4 \n"},
		{"a range is evaluated once",
			`begin { $a = 3; for ($i : 0..$a) { $a--; printf("%d ", $i); } printf("a=%d\n", $a); exit(); }`,
			"0 1 2 a=0\n"},
		{"an empty range runs nothing",
			`begin { for ($i : 5..5) { printf("never\n"); } for ($i : 7..2) { printf("never\n"); } printf("done\n"); exit(); }`,
			"done\n"},
		{"negative bounds",
			`begin { for ($i : -2..1) { printf("%d ", $i); } printf("\n"); exit(); }`,
			"-2 -1 0 \n"},
		{"nested loops with break and continue",
			`begin { for ($i : 0..3) { for ($j : 0..3) { if ($j == 1) { continue; } if ($j > $i) { break; } @[$i, $j] = count(); } } exit(); }`,
			"\n\n@[0, 0]: 1\n@[1, 0]: 1\n@[2, 0]: 1\n@[2, 2]: 1\n"},
		{"return inside a range loop",
			`begin { for ($i : 0..10) { if ($i == 2) { return; } printf("%d\n", $i); } printf("never\n"); } end { printf("end\n"); }`,
			"0\n1\nend\n"},
		{"the loop variable is fresh in every loop",
			`begin { for ($i : 0..2) { printf("a%d ", $i); } for ($i : 5..7) { printf("b%d ", $i); } printf("\n"); exit(); }`,
			"a0 a1 b5 b6 \n"},
		// The verifier once gave up on these: the body left a different
		// constant behind on each pass (see compiler.forRange).
		{"a histogram in a range loop",
			`begin { @h = hist(1); for ($i : 0..5) { @h = hist($i * 10); } exit(); }`,
			"\n\n@h:\n[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n[2, 4)                 0 |                                                    |\n[4, 8)                 0 |                                                    |\n[8, 16)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n[16, 32)               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[32, 64)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n\n"},
		{"an outer variable counted and compared in the body",
			`begin { $n = 0; for ($i : 0..10) { $n++; if ($n > 3) { $n += 10; } } printf("%d\n", $n); exit(); }`,
			"80\n"},
		{"while and unroll inside a range loop",
			`begin { for ($i : 0..4) { $j = 0; while ($j < 3) { $j++; if ($j > $i) { break; } } unroll(2) { @u[$i] = count(); } printf("%d:%d ", $i, $j); } printf("\n"); delete(@u[0]); exit(); }`,
			"0:1 1:2 2:3 3:3 \n\n\n@u[1]: 2\n@u[2]: 2\n@u[3]: 2\n"},
		{"three nested range loops with break, continue and return",
			`begin { for ($i : 0..3) { for ($j : 0..3) { for ($k : 0..3) { if ($k == 1) { continue; } if ($k > $j) { break; } if ($i == 2) { return; } @c[$i, $j, $k] = count(); } } } printf("never\n"); } end { printf("end\n"); }`,
			"end\n\n\n@c[0, 0, 0]: 1\n@c[0, 1, 0]: 1\n@c[0, 2, 0]: 1\n@c[0, 2, 2]: 1\n@c[1, 0, 0]: 1\n@c[1, 1, 0]: 1\n@c[1, 2, 0]: 1\n@c[1, 2, 2]: 1\n"},
		{"exit inside a range loop leaves the probe",
			`begin { for ($i : 0..10) { if ($i == 3) { exit(); } printf("%d ", $i); } printf("never\n"); }`,
			"0 1 2 "},
		{"a string shared with the body",
			`begin { $s = "a"; for ($i : 0..3) { if ($i == 1) { $s = "bc"; } printf("%s ", $s); } printf("%s\n", $s); exit(); }`,
			"a bc bc bc\n"},
		{"run-time ends",
			`begin { $a = -3; $b = $a + 2; for ($i : $a..$b) { printf("%d ", $i); } for ($i : $b..$a) { printf("never "); } printf("\n"); exit(); }`,
			"-3 -2 \n"},
		{"range loops and map loops inside each other",
			`begin { @m[1] = 10; for ($kv : @m) { for ($i : 0..3) { @s[$i] = sum($kv.1); } } for ($i : 0..2) { for ($kv : @m) { @t[$i] = sum($kv.1 + $i); } } delete(@m[1]); exit(); }`,
			"\n\n@s[0]: 10\n@s[1]: 10\n@s[2]: 10\n@t[0]: 10\n@t[1]: 11\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The end probe runs when the begin probe returned without
			// exit(): stop on SIGINT, as a user would.
			r := run(t, "", "-q", "-e", tt.prog)
			expect(t, r, tt.stdout, 0)
		})
	}
}

// TestLoopRangeFromEvents runs a range loop whose end is known only when
// the event comes, with helpers called in its body.
func TestLoopRangeFromEvents(t *testing.T) {
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { for ($i : 0..(@calls % 4) + 1) { @iters[$i] = count(); } @calls++; }`, "getppid 1 8")
	expect(t, r, "\n\n@calls: 8\n@iters[3]: 2\n@iters[2]: 4\n@iters[1]: 6\n@iters[0]: 8\n", 0)
}

// TestLoopHistogramLoads is the report: a histogram and print() in
// a range loop after another map's store made the verifier walk past its
// million instructions.
func TestLoopHistogramLoads(t *testing.T) {
	r := run(t, "", "--dry-run", "-e", `t:syscalls:sys_enter_execve { @m3[1]=1; for ($i : 0..($1 & 3)) { @m1 = hist(pid); print(1); } }`, "42")
	expect(t, r, "", 0)
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
}
