package golden

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// Update reports whether the tests run with -update.
func Update() bool { return *update }

// Check compares got with the file at path, or writes got there under
// -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("output differs from %s (run with -update to accept it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// Case is one entry of a case file.
type Case struct {
	Name string
	Src  string // the input; it cannot end in a newline
	Want string // the expected output, ending in one newline
}

// ReadCases reads a case file. The header is everything before the first
// case, kept so that WriteCases can write it back.
func ReadCases(t testing.TB, path string) (header string, cases []Case) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	chunks := strings.Split(string(data), "\n=== ")
	header = chunks[0]
	for _, chunk := range chunks[1:] {
		lines := strings.Split(chunk, "\n")
		sep := slices.Index(lines, "---")
		if sep < 0 {
			t.Fatalf("%s: case %q has no --- separator", path, lines[0])
		}
		cases = append(cases, Case{
			Name: lines[0],
			Src:  strings.Join(lines[1:sep], "\n"),
			Want: strings.TrimRight(strings.Join(lines[sep+1:], "\n"), "\n") + "\n",
		})
	}
	if len(cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return header, cases
}

// WriteCases writes a case file, as -update does with the outputs a test
// got.
func WriteCases(t testing.TB, path, header string, cases []Case) {
	t.Helper()
	var b strings.Builder
	b.WriteString(header)
	for _, c := range cases {
		b.WriteString("\n=== " + c.Name + "\n")
		if c.Src != "" {
			b.WriteString(c.Src + "\n")
		}
		b.WriteString("---\n" + c.Want)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ForEachFile runs fn as a subtest for every file matching pattern, named
// after the file, with its content. A pattern that matches nothing fails
// the test: a golden test with no inputs tests nothing.
func ForEachFile(t *testing.T, pattern string, fn func(t *testing.T, path, src string)) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s: %v", pattern, err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, path, string(data))
		})
	}
}

// CheckCases runs each case of the cases file at path as a subtest:
// render gives what the case's source produces (an error, rendered), which
// must be the case's Want. With -update it rewrites the file instead.
func CheckCases(t *testing.T, path string, render func(t *testing.T, src string) string) {
	header, cases := ReadCases(t, path)
	for i, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			got := render(t, c.Src)
			if Update() {
				cases[i].Want = got
				return
			}
			if got != c.Want {
				t.Errorf("got\n%s\nwant\n%s", got, c.Want)
			}
		})
	}
	if Update() {
		WriteCases(t, path, header, cases)
	}
}
