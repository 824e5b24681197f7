package progen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript"
)

// TestRegressions loads every program under testdata/regress, each a
// minimised program that once failed to compile or load, into the
// verifier.
func TestRegressions(t *testing.T) {
	golden.ForEachFile(t, "testdata/regress/*.bt", func(t *testing.T, file, src string) {
		if err := compileAndLoad(src, plainOptions()); err != nil {
			t.Fatal(bpfscript.FormatError(err, src))
		}
	})
}

// TestRejections compiles every program under testdata/reject, which must
// fail with the error its first line names ("// error: ..."): a clear,
// positioned error instead of a crash or an invalid program.
func TestRejections(t *testing.T) {
	files, err := filepath.Glob("testdata/reject/*.bt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rejected programs: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(src), "\n")
			want, ok := strings.CutPrefix(first, "// error: ")
			if !ok {
				t.Fatalf("first line %q does not name the expected error", first)
			}
			err = compileAndLoad(string(src), plainOptions())
			if err == nil {
				t.Fatalf("compiled and loaded; want error %q", want)
			}
			if got := bpfscript.FormatError(err, string(src)); !strings.Contains(got, want) {
				t.Fatalf("error:\n%s\nwant one containing %q", got, want)
			}
		})
	}
}
