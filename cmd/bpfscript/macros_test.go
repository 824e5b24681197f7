package main

import (
	"path/filepath"
	"testing"
)

// refMacros is the reference's macro example (language.md, "Macros"),
// without its typeof line, which is not supported yet, and with the ';'
// that two of its statements lack.
const refMacros = `macro one() {
  1
}

macro add_one(x) {
  x + 1
}

macro add_one_to_each($a, @b) {
  $a += 1;
  @b += 1;
}

macro side_effects(x) {
  x;
  x;
  x;
}

macro add_two(x) {
  add_one(x) + 1
}

begin {
  print(one());                   // prints 1
  print(one);                     // prints 1 (bare identifier works if the macro accepts 0 args)

  $a = 10;
  print(add_one($a));             // prints 11
  print(add_one(1 + 1));          // prints 3

  @b = 5;
  add_one_to_each($a, @b);
  print($a + @b);                 // prints 17

  side_effects({ printf("hi") }); // prints hihihi

  print(add_two(1));              // prints 3
  delete(@b);
  exit();
}
`

// TestMacros runs macros and block expressions in this kernel: the
// reference's example prints what it says, and each rule of the
// reference holds.
func TestMacros(t *testing.T) {
	r := run(t, refMacros, "-q", "-")
	expect(t, r, "1\n1\n11\n3\n17\nhihihi3\n", 0)
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}

	tests := []struct {
		name, prog, stdout string
	}{
		{"a block expression's value and scope",
			`begin { let $a = { let $b = 2; $b * 3 }; $b = 1; printf("%d %d\n", $a, $b); exit(); }`,
			"6 1\n"},
		{"block expressions as a map key, an argument and a condition",
			`begin { @m[{ 1 + 1 }] = { 5 }; if ({ let $x = @m[2]; $x == 5 }) { print({ "yes" }); } clear(@m); exit(); }`,
			"yes\n"},
		{"a block expression beside a string temporary of the same call",
			`begin { printf("%s %d %s\n", str($1), { let $s = "abc"; 7 }, { "z" }); exit(); }`,
			"p1 7 z\n"},
		{"a variable parameter is the caller's: its changes are seen",
			`macro inc($x) { $x += 1; $x } begin { $a = 1; $b = inc($a); printf("%d %d\n", $a, $b); exit(); }`,
			"2 2\n"},
		{"a map parameter is the caller's map",
			`macro set(@x, k) { @x[k] = 2; } begin { @a[1] = 1; set(@a, 1); set(@a, 3); print(@a); clear(@a); exit(); }`,
			"@a[1]: 2\n@a[3]: 2\n"},
		{"a map or a variable passed for an expression parameter is read",
			`macro get(v) { v + 1 } begin { @a = 4; $v = 9; printf("%d %d\n", get(@a), get($v)); delete(@a); exit(); }`,
			"5 10\n"},
		{"hygiene: the body's variables do not touch the caller's",
			`macro inc(x) { $y = x + 1; $y } begin { $y = 2; $z = inc(5); $w = inc(inc(1)); printf("%d %d %d\n", $y, $z, $w); exit(); }`,
			"2 6 3\n"},
		{"an argument's side effects happen at each use",
			`macro twice(x) { x + x } begin { $n = 0; $t = twice({ $n++; $n }); printf("%d %d\n", $t, $n); exit(); }`,
			"3 2\n"},
		{"binding an argument to a variable evaluates it once",
			`macro twice(x) { let $x = x; $x + $x } begin { $n = 0; $t = twice({ $n++; $n }); printf("%d %d\n", $t, $n); exit(); }`,
			"2 1\n"},
		{"macros call macros defined later, in any order",
			`macro add3($x) { $x + add2($x) } begin { $v = 1; print(add3($v)); exit(); } macro add2($x) { $x + add1($x) } macro add1($x) { $x + 1 }`,
			"4\n"},
		{"a macro with a loop",
			`macro sum_to(n) { let $t = 0; for ($i : 0..n) { $t += $i; } $t } begin { print(sum_to(5)); exit(); }`,
			"10\n"},
		{"a macro that exits",
			`macro stop() { exit(); } begin { stop(); printf("never\n"); }`,
			""},
		{"a macro named as a builtin replaces it",
			`macro comm() { "mine" } begin { print(comm); exit(); }`,
			"mine\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", "-q", "-e", tt.prog, "p1")
			expect(t, r, tt.stdout, 0)
		})
	}
}

// TestMacroErrors: a misused macro is an error at the call, naming where
// the macro is defined, and nothing runs.
func TestMacroErrors(t *testing.T) {
	tests := []struct{ name, prog, stderr string }{
		{"an expression where a scratch variable is expected",
			"macro inc($x) { $x++ }\nbegin { inc(1 + 1); }",
			"stdin:2:13: error: macro 'inc' takes a scratch variable for $x, not an expression (defined at 1:1)\n" +
				"begin { inc(1 + 1); }\n" +
				"            ^~~~~\n"},
		{"wrong arity",
			"macro add(x, y) { x + y }\nbegin { print(add(1)); }",
			"stdin:2:15: error: macro 'add' takes 2 arguments, not 1 (defined at 1:1)\n" +
				"begin { print(add(1)); }\n" +
				"              ^~~~~~\n"},
		{"recursion",
			"macro a() { b() }\nmacro b() { a() }\nbegin { a(); }",
			"stdin:2:13: error: recursive macro call: a > b > a (macro 'a' is defined at 1:1)\n" +
				"macro b() { a() }\n" +
				"            ^~~\n"},
		{"a map not passed in",
			"macro f() { @x++ }\nbegin { @x = 1; f(); }",
			"stdin:1:13: error: macro 'f' cannot see @x: a macro sees only the maps passed to it\n" +
				"macro f() { @x++ }\n" +
				"            ^~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", "-e", tt.prog)
			if r.code != 1 || r.stdout != "" || r.stderr != tt.stderr {
				t.Errorf("got exit code %d, stdout %q and stderr:\n%s\nwant exit code 1 and stderr:\n%s", r.code, r.stdout, r.stderr, tt.stderr)
			}
		})
	}
}

// TestMacroImported: an imported file's macros serve the importer, and an
// error in an imported macro names its file.
func TestMacroImported(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"lib.bt":  "macro double(x) { x * 2 }\nmacro bad() { $nope }\n",
		"main.bt": "import \"lib.bt\";\nbegin { print(double(21)); exit(); }\n",
		"err.bt":  "import \"lib.bt\";\nbegin { print(bad()); }\n",
	})
	r := run(t, "", "-q", filepath.Join(dir, "main.bt"))
	expect(t, r, "42\n", 0)
	r = run(t, "", "-q", filepath.Join(dir, "err.bt"))
	want := filepath.Join(dir, "lib.bt") + ":2:15: error: macro 'bad' cannot see $nope: a macro sees only its parameters and the variables it creates\n" +
		"macro bad() { $nope }\n" +
		"              ^~~~~\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("got exit code %d and stderr:\n%s\nwant exit code 1 and stderr:\n%s", r.code, r.stderr, want)
	}
}

// TestDiscardedWarnings: the reference's note on discarded values, through
// the command: the warnings' exact text on stderr, before the run; none
// with --no-warnings; the exit code unchanged.
func TestDiscardedWarnings(t *testing.T) {
	prog := "macro one() { 1 }\n" +
		"begin { @m[1] = 1;\n" +
		"  { 1 }\n" +
		"  $a = { 1 };\n" +
		"  has_key(@m, 1);\n" +
		"  $b = has_key(@m, 1);\n" +
		"  _ = has_key(@m, 1);\n" +
		"  @n++;\n" +
		"  one();\n" +
		"  printf(\"%d %d\\n\", $a, $b);\n" +
		"  delete(@n); clear(@m);\n" +
		"  exit(3);\n" +
		"}\n"
	warnings := "stdin:3:3-8: WARNING: Return value discarded.\n" +
		"  { 1 }\n" +
		"  ~~~~~\n" +
		"stdin:5:3-17: WARNING: Return value discarded.\n" +
		"  has_key(@m, 1);\n" +
		"  ~~~~~~~~~~~~~~\n" +
		"stdin:9:3-8: WARNING: Return value discarded.\n" +
		"  one();\n" +
		"  ~~~~~\n"
	r := run(t, "", "-q", "-e", prog)
	expect(t, r, "1 1\n", 3)
	if r.stderr != warnings {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, warnings)
	}
	r = run(t, "", "-q", "--no-warnings", "-e", prog)
	expect(t, r, "1 1\n", 3)
	if r.stderr != "" {
		t.Errorf("with --no-warnings, stderr:\n%s", r.stderr)
	}
}
