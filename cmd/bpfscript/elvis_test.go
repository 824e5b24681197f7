package main

import "testing"

// The elvis operator `a ?: b`, the discard `_ = expr;` and the ternary as
// a statement, loaded into this kernel's verifier and run.
func TestElvis(t *testing.T) {
	tests := []struct {
		name, prog, stdout string
	}{
		{"elvis keeps a true left side and replaces a zero one",
			`begin { $a = 0; $b = 5; printf("%d %d %d\n", $a ?: 7, $b ?: 7, -3 ?: 7); exit(); }`,
			"7 5 -3\n"},
		{"elvis evaluates its left side once",
			`begin { $n = 1; $v = $n++ ?: 100; $z = 0; $w = $z++ ?: 100; printf("%d %d %d %d\n", $v, $n, $w, $z); exit(); }`,
			"1 2 100 1\n"},
		{"elvis evaluates its right side only when needed",
			`begin { $n = 0; $a = 1 ?: $n++; $b = 0 ?: $n++; printf("%d %d %d\n", $a, $b, $n); exit(); }`,
			"1 0 1\n"},
		{"elvis chains to the right",
			`begin { $a = 0; $b = 0; printf("%d %d\n", $a ?: $b ?: 3, $a ?: 4 ?: 3); exit(); }`,
			"3 4\n"},
		{"elvis on a missing map key and in a condition",
			`begin { @m[1] = 10; printf("%d %d\n", @m[1] ?: 5, @m[2] ?: 5); if (@m[2] ?: 0) { printf("never\n"); } else { printf("else\n"); } clear(@m); exit(); }`,
			"10 5\nelse\n"},
		{"elvis on unsigned and bool values",
			`begin { $p = pid ?: 1; printf("%d %d\n", $p > 0, (false ?: true) ? 1 : 2); exit(); }`,
			"1 1\n"},
		{"the ternary as a statement runs one call",
			`begin { $a = 1; $a == 1 ? printf("a\n") : printf("b\n"); $a == 2 ? printf("c\n") : printf("d\n"); exit(); }`,
			"a\nd\n"},
		{"nested ternary statements",
			`begin { $a = 2; $a == 1 ? printf("one\n") : ($a == 2 ? printf("two\n") : printf("many\n")); $a > 0 ? exit() : printf("never\n"); }`,
			"two\n"},
		{"the ternary statement with map functions",
			`begin { @m[1] = 1; @m[2] = 2; 1 ? print(@m[1]) : clear(@m); 0 ? clear(@m) : print(@m); clear(@m); exit(); }`,
			"1\n@m[1]: 1\n@m[2]: 2\n"},
		{"discard evaluates its expression for its effects",
			`begin { $i = 5; _ = $i++; _ = printf("i=%d\n", $i); _ = $i + 1; @m[1] = 1; _ = delete(@m, 1); _ = 1 ? printf("t\n") : exit(); printf("%d\n", has_key(@m, 1)); exit(); }`,
			"i=6\nt\n0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", "-q", "-e", tt.prog)
			expect(t, r, tt.stdout, 0)
		})
	}
}
