package compiler_test

import (
	"github.com/bpfscript/bpfscript/compiled"
	"strconv"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/internal/testenv"

	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/macro"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// env is the shared fixture environment, so the golden output does not
// depend on the running kernel.
var env = testenv.New()

func compile(t *testing.T, src string, params ...string) (*compiled.Program, error) {
	t.Helper()
	prog, err := parser.Parse("test.bt", src)
	if err != nil {
		t.Fatalf("parse: %s", diag.Render(err, src))
	}
	if err := macro.Expand(prog); err != nil {
		t.Fatalf("macros: %s", diag.Render(err, src))
	}
	info, err := types.Check(prog, &types.Config{Env: env, Params: params})
	if err != nil {
		t.Fatalf("check: %s", diag.Render(err, src))
	}
	return compiler.Compile(prog, info, compiler.Config{NumCPUs: 2, Env: env})
}

// dumpPlan renders everything a plan decides, for golden files.
func dumpPlan(p *compiled.Program) string {
	var b strings.Builder
	for _, m := range p.Maps {
		b.WriteString("map " + m.Name + " " + m.Kind.String())
		b.WriteString(" key=" + itoa(m.KeySize) + " value=" + itoa(m.ValueSize) + " entries=" + itoa(m.MaxEntries))
		if m.User != nil {
			b.WriteString(" (" + m.User.Key.String() + " -> " + m.User.Value.String() + ")")
		}
		b.WriteString("\n")
	}
	for i, e := range p.Events {
		b.WriteString("event " + itoa(i) + " kind=" + itoa(int(e.Kind)))
		if e.Format != "" {
			b.WriteString(" format=" + strings.ReplaceAll(e.Format, "\n", `\n`))
		}
		if e.Args != nil {
			b.WriteString(" args=" + e.Args.String())
		}
		if e.Map != "" {
			b.WriteString(" map=" + e.Map)
		}
		b.WriteString("\n")
	}
	for _, prog := range p.Probes {
		b.WriteString("\nprogram " + prog.Name + " for " + prog.Attach.Name + "\n")
		b.WriteString(prog.Code.IR.String())
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestGolden compiles every testdata/ir/*.bt and compares the plan and IR
// with the .ir file beside it.
func TestGolden(t *testing.T) {
	golden.ForEachFile(t, "testdata/ir/*.bt", func(t *testing.T, file, src string) {
		plan, err := compile(t, src, "42", "hello")
		if err != nil {
			t.Fatalf("compile: %s", diag.Render(err, src))
		}
		golden.Check(t, strings.TrimSuffix(file, ".bt")+".ir", []byte(dumpPlan(plan)))
	})
}

// TestScratchLimit: values too big for BPF's 16-bit offsets are an error at
// the probe, not a codegen failure.
func TestScratchLimit(t *testing.T) {
	lit := `"` + strings.Repeat("a", 4000) + `"`
	src := `BEGIN { $a = ` + lit + `; @x[$a, $a, $a, $a, $a, $a, $a, $a, $a] = 1; }`
	_, err := compile(t, src)
	if err == nil || !strings.Contains(err.Error(), "test.bt:1:1: error: this probe needs") {
		t.Fatalf("err = %v", err)
	}
}
