package main

import (
	"path/filepath"
	"testing"
)

// End-to-end tests of constant expressions where the language needs a
// constant (unroll, static_assert, hist, lhist, tseries): the checker folds
// their arithmetic.

func TestFoldedConstants(t *testing.T) {
	r := run(t, "", "-e", `BEGIN {
  static_assert(1 + 1 == 2, "arithmetic");
  static_assert(default_str_length == config.max_strlen, "the default length");
  unroll(2 * 3) { printf("x"); }
  printf("\n");
  @l = lhist(42, 0, 10 * 10, 5 * 5);
  @h = hist(5, 4 / 2);
  exit();
}`)
	expect(t, r, "xxxxxx\n\n\n@h:\n[5]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n"+
		"@l:\n[25, 50)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n", 0)

	// A macro of the preprocessor, then arithmetic on it.
	script := writeScript(t, "n.bt", "#define N 4\nBEGIN { unroll(N + 1) { printf(\"n\"); } printf(\"\\n\"); exit(); }\n")
	r = run(t, "", script)
	expect(t, r, "nnnnn\n", 0)
}

func TestFoldedConstantErrors(t *testing.T) {
	tests := []struct{ src, stderr string }{
		{`BEGIN { static_assert(2 * 3 == 7, "six is not seven"); }`,
			`stdin:1:9: error: static assertion failed: six is not seven
BEGIN { static_assert(2 * 3 == 7, "six is not seven"); }
        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
`},
		{`BEGIN { $n = 2; unroll($n * 2) { } }`,
			`stdin:1:24: error: unroll's count must be an integer constant: this part is only known at run time
BEGIN { $n = 2; unroll($n * 2) { } }
                       ^~
`},
		{`BEGIN { @ = lhist(1, 0, 0x7fffffffffffffff * 2, 1); }`,
			`stdin:1:25: error: overflow in a constant expression: 9223372036854775807 * 2 is 18446744073709551614, which does not fit int64
BEGIN { @ = lhist(1, 0, 0x7fffffffffffffff * 2, 1); }
                        ^~~~~~~~~~~~~~~~~~~~~~
`},
	}
	for _, tt := range tests {
		r := run(t, "", "-e", tt.src)
		if r.code != 1 || r.stdout != "" || r.stderr != tt.stderr {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", tt.src, r.code, r.stdout, r.stderr, tt.stderr)
		}
	}
	// Errors point into the script as written, through the preprocessor.
	script := writeScript(t, "bad.bt", "#define N 200\nBEGIN { unroll(N / 2 + 1) { } }\n")
	r := run(t, "", script)
	if r.code != 1 || r.stderr != script+":2:16: error: unroll's count must be from 1 to 100, not 101\nBEGIN { unroll(N / 2 + 1) { } }\n               ^~~~~~~~~\n" {
		t.Errorf("%s: exit %d, stderr:\n%s", filepath.Base(script), r.code, r.stderr)
	}
}
