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

// compileAndLoad compiles src and loads every program into the kernel's
// verifier without attaching anything. A panic anywhere is returned as an
// error, so one bad program does not hide the others.
func compileAndLoad(src string, params []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError{r, debug.Stack()}
		}
	}()
	p, err := bpfscript.Compile(src, bpfscript.Options{Filename: "gen.bt", Params: params})
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
func TestGeneratedProgramsVerify(t *testing.T) {
	failures := 0
	for i := range *numPrograms {
		seed := uint64(i)
		conf := verifyConfigs[i%len(verifyConfigs)]
		p := progen.Generate(seed, conf)
		if err := compileAndLoad(p.Source, p.Params); err != nil {
			failures++
			if *minimize {
				class := errorClass(err)
				p.Source = progen.Minimize(p.Source, func(src string) bool {
					err := compileAndLoad(src, p.Params)
					return err != nil && errorClass(err) == class
				})
				err = compileAndLoad(p.Source, p.Params)
			}
			saveFailure(t, p)
			t.Errorf("seed %d config %+v: %v\n%s", seed, conf, bpfscript.FormatError(err, p.Source), p.Source)
			if failures >= 5 {
				t.Fatal("too many failures")
			}
		}
	}
}

// deleteWarning is upstream's run-time warning about a delete() of a key
// that is not there, which generated programs do freely: the message, its
// helper line, and the quoted source line with its underline.
var deleteWarning = regexp.MustCompile(`(?m)^gen\.bt:\S+ WARNING: Can't delete map element because it does not exist\.\n` +
	`Additional Info - helper: map_delete_elem, retcode: -2\n.*\n.*\n`)

// TestGeneratedProgramsRun runs generated begin/end-only programs to
// completion: each must exit with status 0 and report nothing on its
// diagnostic output but warnings about deleting missing keys.
func TestGeneratedProgramsRun(t *testing.T) {
	n := *numPrograms / 3
	for i := range n {
		seed := uint64(i)
		p := progen.Generate(seed, progen.Config{BeginEndOnly: true})
		prog, err := bpfscript.Compile(p.Source, bpfscript.Options{Filename: "gen.bt", Params: p.Params})
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, bpfscript.FormatError(err, p.Source), p.Source)
		}
		var out, diagOut bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		code, err := prog.Run(ctx, runtime.Options{Out: &out, Diag: &diagOut, Quiet: true})
		cancel()
		if err != nil || code != 0 || deleteWarning.ReplaceAllString(diagOut.String(), "") != "" {
			t.Fatalf("seed %d: exit %d, error %v, diagnostics %q\n%s\noutput:\n%s", seed, code, err, diagOut.String(), p.Source, out.String())
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
