package bpfscript_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/internal/progen"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/sysenv"
)

// FuzzCompile runs the whole pipeline on arbitrary source: parse, check,
// compile, generate code, and, for a program that compiles to a few
// programs, load it into the kernel's verifier. Nothing may panic or hang;
// a program the front end rejects must get positioned errors; a program it
// accepts must compile and load, since any later failure is a compiler bug.
//
//	go test -run '^$' -fuzz FuzzCompile -fuzztime 5m .
//
// The seed corpus is the scripts under stdlib/ and examples/, the
// regression programs of internal/progen, the compiler's programs of
// block expressions and macros, some generated programs (with every
// construct the generator knows), and
// testdata/fuzz/FuzzCompile (where the fuzzer also keeps what it finds).
func FuzzCompile(f *testing.F) {
	for _, pattern := range []string{"stdlib/*.bt", "examples/*.bt", "internal/progen/testdata/*/*.bt",
		"compiler/testdata/ir/blockexpr.bt", "compiler/testdata/ir/macros.bt"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(src))
		}
	}
	// Generated programs have every construct the generator knows:
	// the preprocessor, config blocks, getopt, map declarations, loops,
	// bools and the standard library (but no imports or headers of their
	// own, which need files).
	for seed := range uint64(24) {
		f.Add(progen.Generate(seed, progen.Config{MaxProbes: 2, MaxStmts: 6, SelfContained: true}).Source)
	}
	env := sysenv.Kernel()
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan error, 1)
		go func() { done <- compileAndMaybeLoad(src, env) }()
		var err error
		select {
		case err = <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("no result after 20s")
		}
		if err == nil {
			return
		}
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("not a positioned error: %v", err)
		}
		if len(list) == 0 {
			t.Fatal("empty error list")
		}
		for _, e := range list {
			if !e.Pos.IsValid() || e.Pos.Offset > len(src) || e.Msg == "" {
				t.Fatalf("bad error %+v", e)
			}
		}
		_ = bpfscript.FormatError(err, src)
	})
}

// compileAndMaybeLoad compiles src and loads it into the verifier when it
// has at most a few programs (a wildcard can match hundreds of
// tracepoints, which would make each input take seconds).
func compileAndMaybeLoad(src string, env *sysenv.Env) error {
	p, err := bpfscript.Compile(src, bpfscript.Options{Params: progen.Params, Env: env, NumCPUs: 2})
	if err != nil {
		return err
	}
	if len(p.Compiled.Probes) > 8 {
		return nil
	}
	_, err = p.Run(context.Background(), runtime.Options{DryRun: true, Out: &bytes.Buffer{}, Diag: &bytes.Buffer{}})
	return err
}
