package imports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// resolve writes files into a fresh directory, parses main.bt there and
// resolves its imports. It returns the probes' first specs in order, or
// the rendered error with the directory written DIR.
func resolve(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	main := filepath.Join(dir, "main.bt")
	prog, err := parser.Parse(main, files["main.bt"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(prog, main, nil); err != nil {
		return strings.ReplaceAll(diag.Render(err, files["main.bt"]), dir, "DIR")
	}
	var specs []string
	for _, p := range prog.Probes {
		specs = append(specs, p.Specs[0].Raw+"@"+filepath.Base(p.Pos().File))
	}
	return strings.Join(specs, " ")
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"imported probes come first, each file's imports before it",
			map[string]string{
				"main.bt": `import "a.bt"; BEGIN {}`,
				"a.bt":    `import "b.bt"; END {}`,
				"b.bt":    `interval:s:1 {}`,
			},
			"interval:s:1@b.bt END@a.bt BEGIN@main.bt"},
		{"a file imported twice is read once",
			map[string]string{
				"main.bt": `import "a.bt"; import "b.bt"; import "./a.bt"; BEGIN {}`,
				"a.bt":    `import "b.bt"; END {}`,
				"b.bt":    `interval:s:1 {}`,
			},
			"interval:s:1@b.bt END@a.bt BEGIN@main.bt"},
		{"a directory imports its scripts in name order, not its subdirectories",
			map[string]string{
				"main.bt":       `import "lib"; BEGIN {}`,
				"lib/b.bt":      `END {}`,
				"lib/a.bt":      `interval:s:1 {}`,
				"lib/notes.txt": `not a script`,
				"lib/sub/c.bt":  `interval:s:2 {}`,
			},
			"interval:s:1@a.bt END@b.bt BEGIN@main.bt"},
		{"a path is relative to the importing file",
			map[string]string{
				"main.bt":  `import "lib/a.bt"; BEGIN {}`,
				"lib/a.bt": `import "b.bt"; END {}`,
				"lib/b.bt": `interval:s:1 {}`,
			},
			"interval:s:1@b.bt END@a.bt BEGIN@main.bt"},
		{"a program of imports alone",
			map[string]string{"main.bt": `import "a.bt";`, "a.bt": `BEGIN {}`},
			"BEGIN@a.bt"},
		{"missing file",
			map[string]string{"main.bt": `import "nope.bt"; BEGIN {}`},
			"DIR/main.bt:1:8: error: cannot import \"nope.bt\": DIR/nope.bt does not exist\n" +
				"import \"nope.bt\"; BEGIN {}\n       ^~~~~~~~~\n"},
		{"cycle through the main script",
			map[string]string{
				"main.bt": `import "a.bt"; BEGIN {}`,
				"a.bt":    "import \"b.bt\";\nEND {}\n",
				"b.bt":    "// back to the start\nimport \"main.bt\";\nEND {}\n",
			},
			"DIR/b.bt:2:8: error: import cycle: main.bt imports a.bt imports b.bt imports main.bt\n" +
				"import \"main.bt\";\n       ^~~~~~~~~\n"},
		{"syntax error in an imported file",
			map[string]string{"main.bt": `import "a.bt"; BEGIN {}`, "a.bt": "\nEND { printf(\"x\" }\n"},
			"DIR/a.bt:2:18: error: syntax error, unexpected '}', expecting ',' or ')'\n" +
				"END { printf(\"x\" }\n                 ^\n"},
		{"config block in an imported file",
			map[string]string{"main.bt": `import "a.bt"; BEGIN {}`, "a.bt": "config = { max_strlen = 8 }\nEND {}\n"},
			"DIR/a.bt:1:1: error: an imported script cannot have a config block: only the main script's counts\n" +
				"config = { max_strlen = 8 }\n^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"},
		{"C header",
			map[string]string{"main.bt": `import "a.h"; BEGIN {}`, "a.h": "struct s { int x; };\n"},
			"DIR/main.bt:1:8: error: cannot import DIR/a.h: importing C files (.h, .bpf.c) is not supported yet, only .bt scripts\n" +
				"import \"a.h\"; BEGIN {}\n       ^~~~~\n"},
		{"file of another kind",
			map[string]string{"main.bt": `import "a.txt"; BEGIN {}`, "a.txt": "BEGIN {}\n"},
			"DIR/main.bt:1:8: error: cannot import \"a.txt\": an import names a .bt script, a .h header, a .bpf.c file or a directory\n" +
				"import \"a.txt\"; BEGIN {}\n       ^~~~~~~\n"},
		{"no probes anywhere",
			map[string]string{"main.bt": `import "lib";`, "lib/x.txt": ""},
			"DIR/main.bt:1:1: error: empty program: the imported files have no probes either\n" +
				"import \"lib\";\n^~~~~~~~~~~~~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolve(t, tt.files); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestWorldWritable refuses a file from a directory anyone may write to.
func TestWorldWritable(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib")
	if err := os.Mkdir(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(lib, "a.bt"), []byte("BEGIN {}"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Chmod, as the umask would take the bit off Mkdir's mode.
	if err := os.Chmod(lib, 0o777); err != nil {
		t.Fatal(err)
	}
	src := `import "lib/a.bt"; END {}`
	prog, err := parser.Parse(filepath.Join(dir, "main.bt"), src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(prog, filepath.Join(dir, "main.bt"), nil)
	want := "refusing to import " + filepath.Join(lib, "a.bt") + ": its directory " + lib + " is writable by everyone"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestAttach gives a later stage's error in an imported file that file's
// line, and leaves the main script's errors alone.
func TestAttach(t *testing.T) {
	s := &Sources{texts: map[string]string{"a.bt": "END { nope }\n"}}
	err := s.Attach(diag.List{
		{Pos: ast.Pos{File: "a.bt", Line: 1, Col: 7}, Msg: "in a"},
		{Pos: ast.Pos{File: "main.bt", Line: 1, Col: 1}, Msg: "in main"},
	})
	got := diag.Render(err, "BEGIN {}\n")
	want := "a.bt:1:7: error: in a\nEND { nope }\n      ^\nmain.bt:1:1: error: in main\nBEGIN {}\n^\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
