package bpfscript_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/runtime"

	"github.com/bpfscript/bpfscript"
)

// goldenOptions compile against the shared fixture environment, so the
// generated code does not depend on the kernel.
var goldenOptions = bpfscript.Options{
	Env:     testenv.New(),
	NumCPUs: 2,
	Params:  []string{"1234"},
}

// TestGeneratedCode pins the final BPF instructions of the classic
// one-liners in testdata/asm: a change in any stage that makes their code
// longer shows up here.
func TestGeneratedCode(t *testing.T) {
	golden.ForEachFile(t, "testdata/asm/*.bt", func(t *testing.T, file, src string) {
		prog, err := bpfscript.Compile(src, goldenOptions)
		if err != nil {
			t.Fatalf("%s", bpfscript.FormatError(err, src))
		}
		var b strings.Builder
		for _, p := range prog.Compiled.Probes {
			insns := p.Code.Insns
			fmt.Fprintf(&b, "; %s: %d instructions, %d slots\n%v\n", p.Attach.Name, len(insns), insns.Size()/8, insns)
		}
		golden.Check(t, strings.TrimSuffix(file, ".bt")+".asm", []byte(b.String()))
	})
}

// TestFramePressure compiles a probe whose strings and live values
// overflow the 512-byte frame at the default stack budget: Compile must
// retry with its buffers in scratch memory, and the result must load.
func TestFramePressure(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN {\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "  $s%d = str($1);\n", i)
	}
	var sum []string
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  $a%d = nsecs;\n", i)
		sum = append(sum, fmt.Sprintf("$a%d", i))
	}
	b.WriteString(`  printf("%s%s%s%s%s\n", $s1, $s2, $s3, $s4, $s5);` + "\n")
	b.WriteString("  @x = " + strings.Join(sum, " + ") + ";\n}\n")
	opts := goldenOptions
	opts.Params = []string{strings.Repeat("a", 60)}
	prog, err := bpfscript.Compile(b.String(), opts)
	if err != nil {
		t.Fatalf("%s", bpfscript.FormatError(err, b.String()))
	}
	if prog.Compiled.Map(compiled.ScratchMap) == nil {
		t.Error("no scratch map: the retry did not move buffers off the stack")
	}
	if _, err := prog.Run(context.Background(), runtime.Options{DryRun: true}); err != nil {
		t.Fatalf("loading: %v", err)
	}
}
