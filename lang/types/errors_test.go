package types_test

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

var update = flag.Bool("update", false, "rewrite the expected outputs under testdata")

// testParams are the positional parameters every test program is checked
// with: an integer, a string, a negative and a hex integer.
var testParams = []string{"42", "hello", "-7", "0x10"}

func testConfig(t testing.TB) *types.Config {
	return &types.Config{Env: loadFakeEnv(t), Params: testParams}
}

// checkSource parses src, which must parse, and checks it.
func checkSource(t testing.TB, src string) (*types.Info, error) {
	t.Helper()
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatalf("parse error:\n%s", diag.Render(err, src))
	}
	return types.Check(prog, testConfig(t))
}

// errorCase is one chunk of testdata/errors.txt.
type errorCase struct {
	name, src, want string
}

// The errors file is a list of cases:
//
//	=== name
//	source lines
//	---
//	every error, as diag.Render prints the list
//
// Lines before the first "===" are a comment. Sources cannot end in a
// newline; blank lines after the rendered errors are ignored.
const errorsFile = "testdata/errors.txt"

func readErrorCases(t testing.TB) (header string, cases []errorCase) {
	data, err := os.ReadFile(errorsFile)
	if err != nil {
		t.Fatal(err)
	}
	chunks := strings.Split(string(data), "\n=== ")
	header = chunks[0]
	for _, chunk := range chunks[1:] {
		lines := strings.Split(chunk, "\n")
		sep := slices.Index(lines, "---")
		if sep < 0 {
			t.Fatalf("%s: case %q has no --- separator", errorsFile, lines[0])
		}
		cases = append(cases, errorCase{
			name: lines[0],
			src:  strings.Join(lines[1:sep], "\n"),
			want: strings.TrimRight(strings.Join(lines[sep+1:], "\n"), "\n") + "\n",
		})
	}
	if len(cases) == 0 {
		t.Fatalf("%s: no cases", errorsFile)
	}
	return header, cases
}

func writeErrorCases(t *testing.T, header string, cases []errorCase) {
	var b strings.Builder
	b.WriteString(header)
	for _, c := range cases {
		b.WriteString("\n=== " + c.name + "\n")
		if c.src != "" {
			b.WriteString(c.src + "\n")
		}
		b.WriteString("---\n" + c.want)
	}
	if err := os.WriteFile(errorsFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestErrors pins the exact messages, positions and carets of every error
// the checker reports for each case; go test -update rewrites them.
func TestErrors(t *testing.T) {
	header, cases := readErrorCases(t)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := checkSource(t, c.src)
			if info == nil {
				t.Fatal("Check returned no Info")
			}
			if err == nil {
				t.Fatal("checked without error")
			}
			if _, ok := err.(diag.List); !ok {
				t.Fatalf("error is %T, want a diag.List", err)
			}
			got := diag.Render(err, c.src)
			if *update {
				cases[i].want = got
				return
			}
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	if *update {
		writeErrorCases(t, header, cases)
	}
}
