package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCasesRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cases.txt")
	in := "a comment\n=== first\nline 1\nline 2\n---\nout 1\n\n=== empty source\n---\nout 2\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	header, cases := ReadCases(t, path)
	if header != "a comment" || len(cases) != 2 {
		t.Fatalf("header %q, %d cases", header, len(cases))
	}
	if c := cases[0]; c.Name != "first" || c.Src != "line 1\nline 2" || c.Want != "out 1\n" {
		t.Errorf("case 0 = %+v", c)
	}
	if c := cases[1]; c.Name != "empty source" || c.Src != "" || c.Want != "out 2\n" {
		t.Errorf("case 1 = %+v", c)
	}
	WriteCases(t, path, header, cases)
	_, again := ReadCases(t, path)
	if len(again) != 2 || again[0] != cases[0] || again[1] != cases[1] {
		t.Errorf("round trip changed the cases: %+v", again)
	}
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	os.WriteFile(path, []byte("same"), 0o644)
	Check(t, path, []byte("same"))
	var rec recorder
	Check(&rec, path, []byte("different"))
	if !rec.failed {
		t.Error("a difference did not fail the test")
	}
}

// recorder is a testing.TB that notes failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
