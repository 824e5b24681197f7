package parser

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// FuzzParse checks that no input makes the parser panic (it calls parse,
// which has no recover), that a failure is one error at a valid position,
// and that a success has valid, nested spans and can be dumped.
//
//	go test ./lang/parser -run '^$' -fuzz FuzzParse -fuzztime 1m
func FuzzParse(f *testing.F) {
	inputs, err := filepath.Glob("testdata/*.bt")
	if err != nil {
		f.Fatal(err)
	}
	for _, input := range inputs {
		src, err := os.ReadFile(input)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	// Every file of error cases: the syntax of each construct's errors
	// (loops, imports, casts, map declarations, ...). testdata/fuzz/FuzzParse
	// holds generated programs (internal/progen, preprocessed) with every
	// construct the generator knows.
	for _, file := range errorFiles {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, chunk := range strings.Split(string(data), "\n=== ")[1:] {
			lines := strings.Split(chunk, "\n")
			for i, line := range lines {
				if line == "---" {
					f.Add(strings.Join(lines[1:i], "\n"))
					break
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		prog, err := parse("fuzz.bt", src)
		if err != nil {
			list, ok := err.(diag.List)
			if !ok || len(list) != 1 {
				t.Fatalf("error is %T %v, want a diag.List of one error", err, err)
			}
			e := list[0]
			if msg := checkPos(e.Pos, src); msg != "" {
				t.Fatalf("error %q: Pos: %s", e.Msg, msg)
			}
			if msg := checkPos(e.End, src); msg != "" {
				t.Fatalf("error %q: End: %s", e.Msg, msg)
			}
			if e.End.Offset < e.Pos.Offset {
				t.Fatalf("error %q: End %d before Pos %d", e.Msg, e.End.Offset, e.Pos.Offset)
			}
			return
		}
		if problem := checkSpans(prog, src); problem != "" {
			t.Fatal(problem)
		}
		if err := ast.Fprint(io.Discard, prog); err != nil {
			t.Fatal(err)
		}
	})
}
