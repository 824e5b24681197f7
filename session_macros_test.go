package bpfscript_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
)

// TestSessionMacros defines macros in a session, alone and with a
// program, and calls them from programs added later.
func TestSessionMacros(t *testing.T) {
	var out, errOut strings.Builder
	s := bpfscript.NewSession(bpfscript.Options{}, runtime.Options{Out: &out, Diag: &errOut})
	defer s.Close()
	names, err := s.Define("macro inc(x) { x + 1 }\nmacro twice(x) { x * 2 }")
	if err != nil || !slices.Equal(names, []string{"inc", "twice"}) {
		t.Fatalf("Define: %v, %v", names, err)
	}
	add := func(src string) {
		t.Helper()
		if _, err := s.Add(src); err != nil {
			t.Fatalf("%s:\n%s", src, bpfscript.FormatError(err, src))
		}
	}
	add(`BEGIN { @a = inc(twice(20)); }`)
	// A program's own definitions are kept too.
	add(`macro sq(x) { x * x } BEGIN { @b = sq(3); }`)
	add(`BEGIN { @c = sq(inc(1)); }`)
	// A later definition replaces an earlier one.
	if _, err := s.Define("macro inc(x) { x + 100 }"); err != nil {
		t.Fatal(err)
	}
	add(`BEGIN { @d = inc(1); }`)
	// A program may define a name for itself without touching the kept one.
	add(`macro inc(x) { x - 1 } BEGIN { @e = inc(1); }`)
	want := map[string]uint64{"@a": 41, "@b": 9, "@c": 4, "@d": 101, "@e": 0}
	for name, v := range want {
		if got := mapCounts(t, s, name)[""]; got != v {
			t.Errorf("%s = %d, want %d", name, got, v)
		}
	}
}

// TestSessionMacroErrors checks the errors of Define, and that an error
// in a kept definition's body quotes that definition.
func TestSessionMacroErrors(t *testing.T) {
	s := bpfscript.NewSession(bpfscript.Options{}, runtime.Options{Out: &strings.Builder{}, Diag: &strings.Builder{}})
	defer s.Close()
	tests := []struct{ src, want string }{
		{"macro f { 1 }", "stdin:1:7: error: macro f needs a parameter list, even an empty one: write macro f() { ... }\nmacro f { 1 }\n      ^\n"},
		{"macro f(x) { x }\nBEGIN { }", "stdin:2:1: error: only macro definitions can be defined on their own: add a program with probes as a program\nBEGIN { }\n^~~~~~~~~\n"},
		{"macro f(x, x) { x }", "stdin:1:12: error: macro 'f' has two parameters named x\nmacro f(x, x) { x }\n           ^\n"},
	}
	for _, tt := range tests {
		_, err := s.Define(tt.src)
		if got := bpfscript.FormatError(err, tt.src); got != tt.want {
			t.Errorf("Define(%q):\n%s\nwant:\n%s", tt.src, got, tt.want)
		}
	}
	if _, err := s.Define(`macro bad(x) { x + "s" }`); err != nil {
		t.Fatal(err)
	}
	src := `BEGIN { @x = bad(1); }`
	_, err := s.Add(src)
	want := "<macro bad>:1:16: error: cannot apply + to int64 and string[2]\nmacro bad(x) { x + \"s\" }\n               ^~~~~~~\n"
	if got := bpfscript.FormatError(err, src); !strings.HasPrefix(got, want) {
		t.Errorf("error in a kept macro:\n%s\nwant it to start with:\n%s", got, want)
	}
}
