package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestInstall runs `make install` into a temporary prefix and then a
// script the way a user runs one: an executable file whose #! line finds
// bpfscript on the PATH.
func TestInstall(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatal("make is not installed: the install test needs it")
	}
	prefix := t.TempDir()
	install := exec.Command("make", "install", "PREFIX="+prefix, "BIN="+filepath.Join(prefix, "build", "bpfscript"))
	install.Dir = repoRoot
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("make install: %v\n%s", err, out)
	}
	for _, f := range []string{"bin/bpfscript", "share/man/man1/bpfscript.1",
		"share/bash-completion/completions/bpfscript", "share/zsh/site-functions/_bpfscript"} {
		if _, err := os.Stat(filepath.Join(prefix, f)); err != nil {
			t.Errorf("make install did not install %s: %v", f, err)
		}
	}

	script := filepath.Join(t.TempDir(), "hello.bt")
	src := "#!/usr/bin/env bpfscript\nBEGIN { printf(\"hello %s %d\\n\", str($1), $2); exit(); }\n"
	if err := os.WriteFile(script, []byte(src), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(script, "world", "-3", "-q")
	cmd.Env = append(os.Environ(), "PATH="+filepath.Join(prefix, "bin")+":"+os.Getenv("PATH"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stdout.String() != "hello world -3\n" || stderr.Len() != 0 {
		t.Errorf("running %s: %v\nstdout: %q\nstderr: %q", script, err, stdout.String(), stderr.String())
	}
}

// TestGoInstall: `go install .../cmd/bpfscript` (here from the work tree,
// as @latest does from the module proxy) makes a working bpfscript.
func TestGoInstall(t *testing.T) {
	gobin := t.TempDir()
	cmd := exec.Command("go", "install", "./cmd/bpfscript")
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "GOBIN="+gobin, "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	out, err := exec.Command(filepath.Join(gobin, "bpfscript"), "-V").Output()
	if err != nil || !strings.HasPrefix(string(out), "bpfscript ") {
		t.Errorf("installed bpfscript -V: %v, %q", err, out)
	}
	modfile, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil || !bytes.HasPrefix(modfile, []byte("module github.com/bpfscript/bpfscript\n")) {
		t.Errorf("go.mod does not name the module the README's go install uses")
	}
}

// TestOptionDocs: every option of the table is in -h, the man page and
// both completions, and the man page renders without a warning.
func TestOptionDocs(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(repoRoot, "doc", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	// The man page escapes its dashes.
	man := strings.ReplaceAll(read("bpfscript.1"), `\-`, "-")
	docs := map[string]string{"-h": usage, "man page": man, "bash completion": read("bpfscript.bash"), "zsh completion": read("_bpfscript")}
	var unsupportedNames []string
	for _, u := range unsupported {
		unsupportedNames = append(unsupportedNames, u.long, string(u.short))
	}
	fs := newOptionSet(&options{}, map[string]string{})
	fs.VisitAll(func(f *pflag.Flag) {
		if slices.Contains(unsupportedNames, f.Name) || slices.Contains(unsupportedNames, f.Shorthand) {
			return
		}
		spellings := []string{"--" + f.Name}
		if isShortOnly(f.Name) {
			spellings = nil
		}
		if f.Shorthand != "" {
			spellings = append(spellings, "-"+f.Shorthand)
		}
		for doc, text := range docs {
			for _, s := range spellings {
				if !regexp.MustCompile(`(^|[^-\w])` + regexp.QuoteMeta(s) + `\b`).MatchString(text) {
					t.Errorf("the %s does not mention %s", doc, s)
				}
			}
		}
	})

	groff := exec.Command("groff", "-man", "-ww", "-z", filepath.Join(repoRoot, "doc", "bpfscript.1"))
	if out, err := groff.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff -man -ww: %v\n%s", err, out)
	}
	if out, err := exec.Command("bash", "-n", filepath.Join(repoRoot, "doc", "bpfscript.bash")).CombinedOutput(); err != nil {
		t.Errorf("bash -n on the completion: %v\n%s", err, out)
	}
}
