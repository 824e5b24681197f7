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
