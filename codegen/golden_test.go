package codegen

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

var goldenCases = []struct {
	name string
	f    func() *ir.Func
}{
	{"count", countProgram},
	{"arith", arithProgram},
	{"diamond", diamondProgram},
	{"spills", spillsProgram},
	{"across_call", acrossCallProgram},
	{"lookup", lookupProgram},
	{"copy_zero", copyZeroProgram},
	{"imm64", imm64Program},
	{"extend", extendProgram},
	{"loop", loopProgram},
	{"two_address", twoAddressProgram},
	{"jumps", jumpsProgram},
	{"callback", callbackProgram},
}

// jumpsProgram has a jump to a jump, a jump to the next instruction,
// unreachable code, a label at the start and two labels in a row.
func jumpsProgram() *ir.Func {
	b := newBuilder("jumps", true)
	b.label("top")
	x := b.packetLen()
	b.branch(x, asm.JEq, ir.I(1), "a")
	b.jump("next")
	b.label("next")
	b.branch(x, asm.JEq, ir.I(2), "b")
	b.emit(ir.Insn{Op: ir.Exit, B: ir.I(3)})
	b.emit(ir.Insn{Op: ir.Exit, B: ir.I(4), Comment: "unreachable"})
	b.label("a")
	b.jump("b")
	b.label("b")
	b.label("c")
	b.branch(x, asm.JEq, ir.I(9), "top")
	b.emit(ir.Insn{Op: ir.Exit, B: ir.R(x)})
	return b.f
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			insns, err := GenerateAnnotated(tc.f())
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".golden"), []byte(fmt.Sprint(insns)))
		})
	}
}

// TestGenerateKeepsCommentsOut checks that Generate and GenerateAnnotated
// differ only in the comments, which only the latter carries.
func TestGenerateKeepsCommentsOut(t *testing.T) {
	for _, tc := range goldenCases {
		plain, err := Generate(tc.f())
		if err != nil {
			t.Fatal(err)
		}
		annotated, err := GenerateAnnotated(tc.f())
		if err != nil {
			t.Fatal(err)
		}
		if len(plain) != len(annotated) {
			t.Fatalf("%s: %d instructions plain, %d annotated", tc.name, len(plain), len(annotated))
		}
		for i := range plain {
			if plain[i].Source() != nil {
				t.Errorf("%s: instruction %d carries source %q", tc.name, i, plain[i].Source())
			}
			if fmt.Sprint(plain[i]) != fmt.Sprint(annotated[i]) || plain[i].Symbol() != annotated[i].Symbol() {
				t.Errorf("%s: instruction %d differs: %v vs %v", tc.name, i, plain[i], annotated[i])
			}
		}
		if plain.Name() != tc.f().Name {
			t.Errorf("%s: first instruction's symbol is %q", tc.name, plain.Name())
		}
	}
}

// TestCountProgramSize holds the benchmark: bpftrace needs 29 instructions
// for `tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }`.
func TestCountProgramSize(t *testing.T) {
	insns, err := Generate(countProgram())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(insns); n > 24 {
		t.Errorf("count program has %d instructions, want at most 24:\n%s", n, insns)
	}
}
