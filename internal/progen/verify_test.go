package progen_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/internal/progen"
	"github.com/bpfscript/bpfscript/runtime"
)

// verifyConfigs are the generator settings the verifier test cycles
// through: the defaults, long blocks with deep expressions (register
// pressure), many small probes, and one big probe (stack pressure).
// Bigger still (MaxStmts 50, MaxDepth 6) reaches the limits of a single
// BPF program: the verifier's million-instruction budget, and frames where
// more spills are live at once than the stack left over from buffers.
var verifyConfigs = []progen.Config{
	{},
	{MaxProbes: 2, MaxStmts: 25, MaxDepth: 5},
	{MaxProbes: 8, MaxStmts: 5},
	{MaxProbes: 1, MaxStmts: 35, MaxDepth: 4},
}

// compileOptions writes p's files into a new temporary directory and
// returns the options that compile p there: its parameters, its file name
// (which imports and #include "..." resolve against) and its headers.
func compileOptions(t testing.TB, p progen.Program) bpfscript.Options {
	dir := t.TempDir()
	file, err := p.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	return bpfscript.Options{
		Filename:    file,
		Params:      p.Params,
		NamedParams: p.NamedParams,
		IncludeDirs: progen.InDir(dir, p.IncludeDirs),
		Includes:    progen.InDir(dir, p.Includes),
	}
}

// plainOptions are the options of a program that is only its source.
func plainOptions() bpfscript.Options {
	return bpfscript.Options{Filename: progen.MainFile, Params: progen.Params}
}

// compileAndLoad compiles src and loads every program into the kernel's
// verifier without attaching anything. A panic anywhere is returned as an
// error, so one bad program does not hide the others.
func compileAndLoad(src string, opts bpfscript.Options) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError{r, debug.Stack()}
		}
	}()
	p, err := bpfscript.Compile(src, opts)
	if err != nil {
		return err
	}
	_, err = p.Run(context.Background(), runtime.Options{DryRun: true, Out: &bytes.Buffer{}, Diag: &bytes.Buffer{}})
	return err
}

// panicError is a panic caught while compiling or loading, with the stack
// where it happened.
type panicError struct {
	v     any
	stack []byte
}

func (e panicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.v, e.stack) }

// TestGeneratedProgramsVerify compiles generated programs and loads each
// into the running kernel's verifier: every one must load.
//
// Linux 6.18's verifier trips over its own bounds tracking on about one
// generated program in a hundred (kernelBug): those are listed, and fail
// the test only when more than 2% of the programs do.
func TestGeneratedProgramsVerify(t *testing.T) {
	failures := 0
	var kernelBugs []uint64
	defer func() {
		if len(kernelBugs) > 0 {
			t.Logf("the kernel's verifier hit a bug of its own on seeds %v", kernelBugs)
		}
		if len(kernelBugs) > *numPrograms/50 {
			t.Errorf("%d of %d programs hit the verifier's own bug", len(kernelBugs), *numPrograms)
		}
	}()
	for i := range *numPrograms {
		seed := *firstSeed + uint64(i)
		conf := verifyConfigs[seed%uint64(len(verifyConfigs))]
		p := progen.Generate(seed, conf)
		opts := compileOptions(t, p)
		if err := compileAndLoad(p.Source, opts); err != nil {
			if kernelBug(err) {
				kernelBugs = append(kernelBugs, seed)
				continue
			}
			failures++
			if *minimize {
				class := errorClass(err)
				p.Source = progen.Minimize(p.Source, func(src string) bool {
					err := compileAndLoad(src, opts)
					return err != nil && errorClass(err) == class
				})
				err = compileAndLoad(p.Source, opts)
			}
			saveFailure(t, p)
			t.Errorf("seed %d config %+v: %v\n%s\nfiles %v, named parameters %v", seed, conf, bpfscript.FormatError(err, p.Source), p.Source, p.Files, p.NamedParams)
			if failures >= 5 {
				t.Fatal("too many failures")
			}
		}
	}
}

// kernelBug reports whether loading failed with EFAULT because the
// kernel's verifier found its own state inconsistent ("verifier bug: REG
// INVARIANTS VIOLATION" in dmesg, reported as "hit verifier bug" by
// cilium/ebpf, without a log): a kernel bug on branches it should have
// found dead, not a program the verifier refuses.
func kernelBug(err error) bool {
	return strings.Contains(err.Error(), "hit verifier bug")
}

// deleteWarning is upstream's run-time warning about a delete() of a key
// that is not there, which generated programs do freely: the message, its
// helper line, and the quoted source line with its underline. The file is
// the program or a script it imports.
var deleteWarning = regexp.MustCompile(`(?m)^\S+\.bt:\S+ WARNING: Can't delete map element because it does not exist\.\n` +
	`Additional Info - helper: map_delete_elem, retcode: -2\n.*\n.*\n`)

// mapFullWarning is the warning about a map too small for its keys,
// which map declarations and max_map_keys make happen.
var mapFullWarning = regexp.MustCompile(`(?m)^WARNING: map \S+ is full \(\d+ entries\): updates with new keys are dropped\n`)

// TestGeneratedProgramsRun runs generated begin/end-only programs to
// completion: each must exit with status 0 and report nothing on its
// diagnostic output but warnings about deleting missing keys.
func TestGeneratedProgramsRun(t *testing.T) {
	n := *numPrograms / 3
	for i := range n {
		seed := *firstSeed + uint64(i)
		p := progen.Generate(seed, progen.Config{BeginEndOnly: true})
		prog, err := bpfscript.Compile(p.Source, compileOptions(t, p))
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, bpfscript.FormatError(err, p.Source), p.Source)
		}
		var out, diagOut bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		code, err := prog.Run(ctx, runtime.Options{Out: &out, Diag: &diagOut, Quiet: true})
		cancel()
		expected := mapFullWarning.ReplaceAllString(deleteWarning.ReplaceAllString(diagOut.String(), ""), "")
		if err != nil || code != 0 || expected != "" {
			t.Fatalf("seed %d: exit %d, error %v, diagnostics %q\n%s\n%v\noutput:\n%s", seed, code, err, diagOut.String(), p.Source, p.Files, out.String())
		}
	}
}

// saveFailure writes a failing program to $PROGEN_FAILDIR, when set, for
// minimising by hand: seed<N>.bt.
func saveFailure(t *testing.T, p progen.Program) {
	dir := os.Getenv("PROGEN_FAILDIR")
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed%d.bt", p.Seed)), []byte(p.Source), 0o644); err != nil {
		t.Log(err)
	}
}

var minimize = flag.Bool("progen.minimize", false, "minimise failing programs before reporting them")

// errorClass names the kind of a failure, so that minimising keeps the
// failure it started from: the panic value, "verifier" for a rejection by
// the kernel, or the message with its numbers (positions, registers,
// instruction indexes) removed.
func errorClass(err error) string {
	msg := err.Error()
	var pe panicError
	if errors.As(err, &pe) {
		return fmt.Sprint("panic ", pe.v)
	}
	if strings.Contains(msg, "verifier rejected") {
		return "verifier"
	}
	msg, _, _ = strings.Cut(msg, "\n")
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, msg)
}
