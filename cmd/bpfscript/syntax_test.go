package main

import "testing"

// End-to-end tests of syntax that upstream's current parser accepts or
// refuses with a message saying what to write: for loops without
// parentheses, macros without a parameter list.

func TestForWithoutParentheses(t *testing.T) {
	r := run(t, "", "-e", `BEGIN {
  $i = 3;
  for $elem : 1..$i { @[$elem] = $elem - 1; }
  for $kv : @ { @total += $kv.1; }
  print(@total);
  print(@, 2);
  clear(@); clear(@total);
  exit();
}`)
	// The range's end is exclusive: @[1] and @[2].
	expect(t, r, "@total: 1\n@[1]: 0\n@[2]: 1\n", 0)
}

func TestSyntaxWhatToWrite(t *testing.T) {
	tests := []struct{ src, stderr string }{
		{`macro greet { print("hello"); } BEGIN { greet(); }`,
			`stdin:1:7: error: macro greet needs a parameter list, even an empty one: write macro greet() { ... }
macro greet { print("hello"); } BEGIN { greet(); }
      ^~~~~
`},
		{`BEGIN { for ($i : 0..3 { } }`,
			`stdin:1:13: error: unclosed '(' of the for loop: write for ($x : ...) { } or leave both parentheses out
BEGIN { for ($i : 0..3 { } }
            ^
`},
	}
	for _, tt := range tests {
		r := run(t, "", "-e", tt.src)
		if r.code != 1 || r.stdout != "" || r.stderr != tt.stderr {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", tt.src, r.code, r.stdout, r.stderr, tt.stderr)
		}
	}
}
