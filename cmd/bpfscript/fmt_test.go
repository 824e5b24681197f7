package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFmt formats through the binary: standard input, a file, --fmt, -w
// (which keeps the file executable), and a program that does not parse.
func TestFmt(t *testing.T) {
	const messy = "BEGIN{printf(\"x\\n\");} // c\nt:syscalls:sys_enter_read /pid==1/ {\n@n=count();\n}\n"
	const tidy = "BEGIN { printf(\"x\\n\"); } // c\nt:syscalls:sys_enter_read\n/pid == 1/\n{\n\t@n = count();\n}\n"
	expect(t, run(t, messy, "fmt"), tidy, 0)

	file := filepath.Join(t.TempDir(), "messy.bt")
	if err := os.WriteFile(file, []byte(messy), 0o755); err != nil {
		t.Fatal(err)
	}
	expect(t, run(t, "", "fmt", file), tidy, 0)
	expect(t, run(t, "", "--fmt", file), tidy, 0)
	expect(t, run(t, "", "fmt", "-w", file), "", 0)
	if got, err := os.ReadFile(file); err != nil || string(got) != tidy {
		t.Errorf("fmt -w wrote %q, %v; want %q", got, err, tidy)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("fmt -w changed the file's mode: %v, %v", fi.Mode(), err)
	}

	r := run(t, "BEGIN { @x = ; }", "fmt")
	want := "stdin:1:14: error: syntax error, unexpected ';', expecting expression\nBEGIN { @x = ; }\n             ^\n"
	if r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("fmt of a bad program: code %d, stdout %q, stderr %q; want stderr %q", r.code, r.stdout, r.stderr, want)
	}
	if r := run(t, "", "fmt", "-x"); r.code != 1 || r.stderr == "" {
		t.Errorf("fmt -x: %+v", r)
	}
}
