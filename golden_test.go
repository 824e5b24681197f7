package bpfscript_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/tracefs"
)

// goldenOptions compile against the tracepoint formats copied into
// compiler/testdata, so the generated code does not depend on the kernel.
var goldenOptions = bpfscript.Options{
	Env:     tracefs.At("compiler/testdata"),
	NumCPUs: 2,
	Params:  []string{"1234"},
}

// TestGeneratedCode pins the final BPF instructions of the classic
// one-liners in testdata/asm: a change in any stage that makes their code
// longer shows up here.
func TestGeneratedCode(t *testing.T) {
	files, _ := filepath.Glob("testdata/asm/*.bt")
	if len(files) == 0 {
		t.Fatal("no inputs in testdata/asm")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			prog, err := bpfscript.Compile(string(src), goldenOptions)
			if err != nil {
				t.Fatalf("%s", bpfscript.FormatError(err, string(src)))
			}
			var b strings.Builder
			for _, p := range prog.Plan.Programs {
				insns := prog.Code[p]
				fmt.Fprintf(&b, "; %s: %d instructions, %d slots\n%v\n", p.Attach.Name, len(insns), insns.Size()/8, insns)
			}
			golden.Check(t, strings.TrimSuffix(file, ".bt")+".asm", []byte(b.String()))
		})
	}
}
