package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes files (name → text) under dir, making directories.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestImport runs a script that imports a file, which imports another,
// and a directory: the imported begin probes run first, each file's
// imports before it, and every file once.
func TestImport(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.bt": "import \"helpers.bt\";\nimport \"lib\";\nimport \"helpers.bt\";\n" +
			"begin { printf(\"main %d\\n\", @n); exit(); }\n",
		"helpers.bt":    "import \"common.bt\";\nbegin { @n++; printf(\"helpers\\n\"); }\n",
		"common.bt":     "begin { @n++; printf(\"common\\n\"); }\nend { printf(\"common end\\n\"); }\n",
		"lib/a.bt":      "begin { @n++; printf(\"lib a\\n\"); }\n",
		"lib/b.bt":      "import \"../common.bt\";\nbegin { @n++; printf(\"lib b\\n\"); }\n",
		"lib/README.md": "not a script\n",
	})
	r := run(t, "", "-q", filepath.Join(dir, "main.bt"))
	expect(t, r, "common\nhelpers\nlib a\nlib b\nmain 4\ncommon end\n\n\n@n: 4\n", 0)

	// A -e program's imports are relative to the current directory.
	cmd := filepath.Join(dir, "lib")
	r = runIn(t, cmd, "-q", "-e", `import "a.bt"; begin { printf("e\n"); exit(); }`)
	expect(t, r, "lib a\ne\n\n\n@n: 1\n", 0)
}

// runIn runs the binary in directory dir.
func runIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return wait(t, cmd, &out, &errb)
}

// TestImportErrors: each error names the file it is in, with that file's
// line and a caret, and nothing runs.
func TestImportErrors(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		stderr string
	}{
		{"missing file",
			map[string]string{"main.bt": "import \"nope.bt\";\nbegin { exit(); }\n"},
			"DIR/main.bt:1:8: error: cannot import \"nope.bt\": DIR/nope.bt does not exist\n" +
				"import \"nope.bt\";\n       ^~~~~~~~~\n"},
		{"cycle",
			map[string]string{
				"main.bt": "import \"a.bt\";\nbegin { exit(); }\n",
				"a.bt":    "import \"main.bt\";\nend { }\n",
			},
			"DIR/a.bt:1:8: error: import cycle: main.bt imports a.bt imports main.bt\n" +
				"import \"main.bt\";\n       ^~~~~~~~~\n"},
		{"import after a probe",
			map[string]string{
				"main.bt": "import \"a.bt\";\nbegin { exit(); }\n",
				"a.bt":    "end { }\nimport \"b.bt\";\n",
			},
			"DIR/a.bt:2:1: error: imports must come before the probes\n" +
				"import \"b.bt\";\n^~~~~~\n"},
		{"syntax error in an imported file",
			map[string]string{
				"main.bt": "import \"a.bt\";\nbegin { exit(); }\n",
				"a.bt":    "// helpers\nend { printf(\"x\" }\n",
			},
			"DIR/a.bt:2:18: error: syntax error, unexpected '}', expecting ',' or ')'\n" +
				"end { printf(\"x\" }\n                 ^\n"},
		{"type error in an imported file",
			map[string]string{
				"main.bt": "import \"a.bt\";\nbegin { exit(); }\n",
				"a.bt":    "\n\nend { printf(\"%d\\n\", nope); }\n",
			},
			"DIR/a.bt:3:22: error: unknown identifier 'nope'\n" +
				"end { printf(\"%d\\n\", nope); }\n                     ^~~~\n"},
		{"config block in an imported file",
			map[string]string{
				"main.bt": "import \"a.bt\";\nbegin { exit(); }\n",
				"a.bt":    "config = { max_strlen = 8 }\nend { }\n",
			},
			"DIR/a.bt:1:1: error: an imported script cannot have a config block: only the main script's counts\n" +
				"config = { max_strlen = 8 }\n^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			r := run(t, "", filepath.Join(dir, "main.bt"))
			stderr := strings.ReplaceAll(r.stderr, dir, "DIR")
			if r.code != 1 || r.stdout != "" || stderr != tt.stderr {
				t.Errorf("got exit code %d, stdout %q, stderr:\n%s\nwant exit code 1, stderr:\n%s", r.code, r.stdout, stderr, tt.stderr)
			}
		})
	}
}

// TestImportWarning quotes the imported file's line in a warnf() message
// from a probe of that file.
func TestImportWarning(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.bt": "import \"a.bt\";\nbegin { exit(); }\n",
		"a.bt":    "\nend { warnf(\"careful %d\", 3); }\n",
	})
	r := run(t, "", "-q", filepath.Join(dir, "main.bt"))
	want := "DIR/a.bt:2:7-29: WARNING: careful 3\nend { warnf(\"careful %d\", 3); }\n      ~~~~~~~~~~~~~~~~~~~~~~\n"
	if got := strings.ReplaceAll(r.stderr, dir, "DIR"); r.code != 0 || got != want {
		t.Errorf("got exit code %d, stderr:\n%s\nwant exit code 0, stderr:\n%s", r.code, got, want)
	}
}

// TestImportPreprocessed runs the preprocessor over an imported script,
// with headers beside it, and positions its errors in the file as written.
func TestImportPreprocessed(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.bt":    "import \"lib/a.bt\";\nbegin { exit(); }\n",
		"lib/defs.h": "#define BASE 40\n",
		"lib/a.bt": "#include <linux/sched.h>\n#include \"defs.h\"\n#define SHOW(x) printf(\"%d %d\\n\", BASE + x, TASK_COMM_LEN)\n" +
			"end { SHOW(2); }\n",
	})
	r := run(t, "", "-q", filepath.Join(dir, "main.bt"))
	expect(t, r, "42 16\n", 0)

	writeFiles(t, dir, map[string]string{"lib/a.bt": "#define NUMBER 1\nend { printf(\"%d\\n\", NUMBER + nope); }\n"})
	r = run(t, "", "-q", filepath.Join(dir, "main.bt"))
	want := "DIR/lib/a.bt:2:31: error: unknown identifier 'nope'\nend { printf(\"%d\\n\", NUMBER + nope); }\n                              ^~~~\n"
	if got := strings.ReplaceAll(r.stderr, dir, "DIR"); r.code != 1 || got != want {
		t.Errorf("got exit code %d, stderr:\n%s\nwant exit code 1, stderr:\n%s", r.code, got, want)
	}
}

// TestImportMapDeclaration: a map declared in an imported file keeps its
// kind and size in the importer.
func TestImportMapDeclaration(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"maps.bt": "let @lru = lruhash(2);\n",
		"main.bt": "import \"maps.bt\";\nbegin { @lru[1] = 1; @lru[2] = 2; @lru[3] = 3; exit(); }\n",
	})
	r := run(t, "", "-q", filepath.Join(dir, "main.bt"))
	expect(t, r, "\n\n@lru[2]: 2\n@lru[3]: 3\n", 0)
	// Declarations alone are no program.
	r = run(t, "", "-e", "let @a = hash(2);")
	expect(t, r, "", 1)
	if want := "stdin:1:18: error: empty program: expected at least one probe\nlet @a = hash(2);\n                 ^\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}
