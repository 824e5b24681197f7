package parser

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// errorCase is one chunk of testdata/errors.txt.
type errorCase struct {
	name, src, want string
}

// The errors file is a list of cases:
//
//	=== name
//	source lines
//	---
//	the error as diag.Render prints it
//
// Lines before the first "===" are a comment. Sources cannot end in a
// newline; blank lines after the rendered error are ignored.
const errorsFile = "testdata/errors.txt"

func readErrorCases(t *testing.T) (header string, cases []errorCase) {
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

// TestErrors pins the exact message, position and caret of each error
// case; go test -update rewrites the expected renderings.
func TestErrors(t *testing.T) {
	header, cases := readErrorCases(t)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			prog, err := parse("", c.src)
			if err == nil {
				t.Fatalf("parsed without error: %d probes", len(prog.Probes))
			}
			list, ok := err.(diag.List)
			if !ok || len(list) != 1 {
				t.Fatalf("error is %T %v, want a diag.List of one error", err, err)
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

// TestUnprintableErrors covers inputs a text file holds badly: control
// characters and invalid UTF-8.
func TestUnprintableErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"BEGIN { \x00 }", `stdin:1:9: error: invalid character "\x00"`},
		{"BEGIN { \xff }", `stdin:1:9: error: invalid character "\xff"`},
		{"BEGIN { @ = \"\\\xff\"; }", `stdin:1:14: error: invalid escape character "\\\xff"`},
	}
	for _, tt := range tests {
		_, err := parse("", tt.src)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", tt.src)
			continue
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}
