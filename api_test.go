package bpfscript_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/cilium/ebpf/asm"
)

// TestCompileErrorValues checks that every error of a program comes back
// as a value with its position, that the rendered text is what FormatError
// (and so the command) prints, and that the stages' diag.List is still
// there for errors.As.
func TestCompileErrorValues(t *testing.T) {
	src := "BEGIN { @x = 1; @x = \"s\"; }\nEND { printf(\"%d\\n\"); }\n"
	_, err := bpfscript.Compile(src, bpfscript.Options{Filename: "prog.bt"})
	var ce *bpfscript.CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v (%T), want a *CompileError", err, err)
	}
	if len(ce.Errors) != 2 {
		t.Fatalf("errors = %+v, want 2", ce.Errors)
	}
	first, second := ce.Errors[0], ce.Errors[1]
	if first.File != "prog.bt" || first.Line != 1 || first.Col != 22 || !strings.Contains(first.Msg, "@x") {
		t.Errorf("first error = %+v", first)
	}
	if second.Line != 2 || !strings.Contains(second.Msg, "printf") {
		t.Errorf("second error = %+v", second)
	}
	if ce.Text != bpfscript.FormatError(err, src) || ce.Text != bpfscript.FormatError(err, "") {
		t.Errorf("Text and FormatError differ:\n%s\n%s", ce.Text, bpfscript.FormatError(err, src))
	}
	if !strings.Contains(ce.Text, "\nBEGIN { @x = 1; @x = \"s\"; }\n                     ^~~") {
		t.Errorf("Text has no caret under the error:\n%s", ce.Text)
	}
	var list diag.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Errorf("errors.As(err, *diag.List) = %v", list)
	}
	if err.Error() != list.Error() {
		t.Errorf("Error() = %q, want %q", err.Error(), list.Error())
	}

	// An error that is not the program's passes as it is.
	_, err = bpfscript.Compile("BEGIN {}", bpfscript.Options{Config: map[string]string{"no_such": "1"}})
	if errors.As(err, &ce) || err == nil {
		t.Errorf("unknown config: err = %v, want a plain error", err)
	}
}

// TestConfig checks that config values reach the compiler, under each of
// bpftrace's spellings, and that bad ones are refused.
func TestConfig(t *testing.T) {
	const src = `tracepoint:syscalls:sys_enter_openat { @s[1] = str(args.filename); }`
	tests := []struct {
		config          map[string]string
		strLen, entries int
		wantErr         string
	}{
		{config: nil, strLen: 1024, entries: 4096},
		{config: map[string]string{"max_map_keys": "100"}, strLen: 1024, entries: 100},
		{config: map[string]string{"BPFTRACE_MAX_STRLEN": "128", "MAX_MAP_KEYS": "7"}, strLen: 128, entries: 7},
		{config: map[string]string{"max_strlen": "0"}, wantErr: `config max_strlen: must be at least 1, not 0`},
		{config: map[string]string{"max_map_keys": "many"}, wantErr: `config max_map_keys: expected an integer`},
		{config: map[string]string{"no_such": "1"}, wantErr: "config no_such: unknown config variable"},
		{config: map[string]string{"max_strln": "1"}, wantErr: "config max_strln: unknown config variable: did you mean max_strlen?"},
	}
	for _, tt := range tests {
		prog, err := bpfscript.Compile(src, bpfscript.Options{Config: tt.config})
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%v: err = %v, want %q", tt.config, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tt.config, err)
			continue
		}
		i := slices.IndexFunc(prog.Compiled.Maps, func(m *compiled.Map) bool { return m.Name == "@s" })
		m := prog.Compiled.Maps[i]
		if m.MaxEntries != tt.entries || m.User.Value.Size != tt.strLen {
			t.Errorf("%v: @s has %d entries of %s, want %d of string[%d]", tt.config, m.MaxEntries, m.User.Value, tt.entries, tt.strLen)
		}
	}
}

// TestBTFSource compiles len(), which needs a kernel function's BTF id,
// with the BTF read from a copy of the kernel's, and from a file that is
// not there.
func TestBTFSource(t *testing.T) {
	const src = `BEGIN { @x[1] = 1; printf("%d\n", len(@x)); exit(); }`
	data, err := os.ReadFile("/sys/kernel/btf/vmlinux")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "vmlinux")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	prog, err := bpfscript.Compile(src, bpfscript.Options{BTF: file})
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	var out strings.Builder
	if _, err := prog.Run(context.Background(), runtime.Options{Out: &out, Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasPrefix(got, "1\n") {
		t.Errorf("output %q, want len 1 first", got)
	}

	missing := filepath.Join(t.TempDir(), "none")
	_, err = bpfscript.Compile(src, bpfscript.Options{BTF: missing})
	var ce *bpfscript.CompileError
	if !errors.As(err, &ce) || !strings.Contains(ce.Errors[0].Msg, "loading kernel BTF from "+missing) {
		t.Errorf("a missing BTF file: err = %v", err)
	}
}

// TestAttachErrorValue runs a profile probe at a rate the kernel refuses:
// the error says which probe, as a value, and nothing is left behind.
func TestAttachErrorValue(t *testing.T) {
	before := bpfObjects(t)
	const src = `profile:hz:99999999 { @ = count(); }`
	prog, err := bpfscript.Compile(src, bpfscript.Options{})
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	_, err = prog.Run(context.Background(), runtime.Options{Quiet: true, Out: &strings.Builder{}})
	var ae *bpfscript.AttachError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want an *AttachError", err, err)
	}
	if ae.Probe != "profile:hz:99999999" || ae.Err == nil || err.Error() != "attaching profile:hz:99999999: "+ae.Err.Error() {
		t.Errorf("AttachError = %+v, text %q", ae, err)
	}
	if after := bpfObjects(t); !slices.Equal(after, before) {
		t.Errorf("kernel objects left:\nbefore %v\nafter  %v", before, after)
	}
}

// TestVerifierErrorValue gives the kernel a program it must refuse (its
// code replaced by one that reads a register never written): the error
// says which probe, with the verifier's log, and nothing is left behind.
func TestVerifierErrorValue(t *testing.T) {
	before := bpfObjects(t)
	prog, err := bpfscript.Compile(`BEGIN { @x = 1; }`, bpfscript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prog.Compiled.Probes[0].Code.Insns = asm.Instructions{asm.Mov.Reg(asm.R0, asm.R5), asm.Return()}
	_, err = prog.Run(context.Background(), runtime.Options{Quiet: true, Out: &strings.Builder{}})
	var ve *bpfscript.VerifierError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v (%T), want a *VerifierError", err, err)
	}
	if ve.Probe != "BEGIN" || ve.TooLarge || !slices.ContainsFunc(ve.Log, func(l string) bool { return strings.Contains(l, "R5 !read_ok") }) {
		t.Errorf("VerifierError = %+v", ve)
	}
	if !strings.HasPrefix(err.Error(), "the kernel's verifier rejected the program for BEGIN") {
		t.Errorf("text %q", err)
	}
	if after := bpfObjects(t); !slices.Equal(after, before) {
		t.Errorf("kernel objects left:\nbefore %v\nafter  %v", before, after)
	}
}
