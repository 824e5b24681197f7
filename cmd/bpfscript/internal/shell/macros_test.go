package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShellMacros defines macros on lines of their own and in a block,
// calls them from later lines, redefines one, and saves them with the
// blocks.
func TestShellMacros(t *testing.T) {
	home := t.TempDir()
	tm := startShell(t, home)
	tm.expect(prompt)
	tm.line("macro inc(x) { x + 1 }", "defined macro inc")
	tm.line("print(inc(41))", "42")
	tm.line("begin { @r = inc(inc(1)); }", "[1] attached begin")
	tm.line("print(@r)", "@r: 3")
	// A block's own definitions are kept too.
	tm.line("macro sq(x) { x * x } begin { @s = sq(3); }", "[2] attached begin")
	tm.line("print(sq(inc(2)))", "9")
	// Over several lines, two at once.
	tm.send("macro dec(x) {\r")
	tm.expect(continuePrompt)
	tm.line("  x - 1 } macro half(x) { x / 2 }", "defined macros dec, half")
	tm.line("print(half(dec(9)))", "4")
	// A later definition replaces the earlier one.
	tm.line("macro inc(x) { x + 10 }", "defined macro inc")
	tm.line("print(inc(1))", "11")
	// Errors: in a definition, and in a kept body, quoting it.
	tm.line("macro g { 1 }", "stdin:1:7: error: macro g needs a parameter list, even an empty one: write macro g() { ... }")
	tm.line(`macro bad(x) { x + "s" }`, "defined macro bad")
	tm.line("print(bad(1))", "<macro bad>:1:16: error: cannot apply + to int64 and string[2]", `macro bad(x) { x + "s" }`, "               ^~~~~~~")
	file := filepath.Join(home, "saved.bt")
	tm.line(":save "+file, "saved 2 blocks to "+file)
	tm.send(":quit\r")
	tm.exit()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := "macro dec(x) {\n  x - 1 } macro half(x) { x / 2 }\n\nmacro inc(x) { x + 10 }\n\nmacro bad(x) { x + \"s\" }\n\n" +
		"begin { @r = inc(inc(1)); }\n\nmacro sq(x) { x * x } begin { @s = sq(3); }\n"
	if string(data) != want {
		t.Errorf(":save wrote:\n%s\nwant:\n%s", data, want)
	}
}

// TestShellWarnings checks that the compile warnings of a statement and of
// a block show, placed in the text as typed, unless --no-warnings.
func TestShellWarnings(t *testing.T) {
	tm := startShell(t, t.TempDir())
	tm.expect(prompt)
	tm.line("@a[1] = 1")
	tm.line("has_key(@a, 1)", "stdin:1:1-15: WARNING: Return value discarded.\nhas_key(@a, 1)\n~~~~~~~~~~~~~~")
	tm.line(probe+" { { 1 } }", "WARNING: Return value discarded.", "{ { 1 } }", "~~~~~", "[1] attached tracepoint:syscalls:sys_enter_getsid")
	tm.send(":quit\r")
	tm.exit()

	quiet := startShell(t, t.TempDir(), "--no-warnings")
	quiet.expect(prompt)
	quiet.line("@a[1] = 1")
	quiet.line("has_key(@a, 1)")
	quiet.line("print(@a)", "@a[1]: 1")
	quiet.send(":quit\r")
	quiet.exit()
	if text := quiet.text(0); strings.Contains(text, "WARNING") {
		t.Errorf("--no-warnings shows a warning:\n%s", text)
	}
}
