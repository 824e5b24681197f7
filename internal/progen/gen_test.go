package progen_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/progen"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/macro"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/sysenv"
)

// TestGenerateDeterministic checks that a seed always gives the same
// program and that different seeds give different ones.
func TestGenerateDeterministic(t *testing.T) {
	for seed := range uint64(20) {
		a := progen.Generate(seed, progen.Config{})
		b := progen.Generate(seed, progen.Config{})
		if a.Source != b.Source {
			t.Fatalf("seed %d: two different programs:\n%s\n---\n%s", seed, a.Source, b.Source)
		}
		if c := progen.Generate(seed+1000, progen.Config{}); c.Source == a.Source {
			t.Errorf("seeds %d and %d give the same program", seed, seed+1000)
		}
	}
}

// TestGeneratedProgramsCheck parses and checks generated programs against
// the running kernel's tracepoints: every one must be accepted, since the
// generator only writes well-typed programs.
func TestGeneratedProgramsCheck(t *testing.T) {
	env := sysenv.Kernel()
	for _, conf := range []progen.Config{{}, {BeginEndOnly: true}, {MaxProbes: 2, MaxStmts: 25, MaxDepth: 5}} {
		for seed := range uint64(*numPrograms) {
			p := progen.Generate(seed, conf)
			prog, err := parser.Parse("gen.bt", p.Source)
			if err == nil {
				err = macro.Expand(prog)
			}
			if err == nil {
				_, err = types.Check(prog, &types.Config{Env: env, Params: p.Params})
			}
			if err != nil {
				t.Fatalf("seed %d %+v: generated program does not check:\n%s\n%s", seed, conf, diag.Render(err, p.Source), p.Source)
			}
		}
	}
}
