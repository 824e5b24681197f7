package codegen

import (
	"testing"

	"github.com/bpfscript/bpfscript/compiler/ir"
)

// BenchmarkGenerate measures codegen of a one-line probe (count), the
// shape that dominates startup of scripts with many probes, and of a
// program that spills.
func BenchmarkGenerate(b *testing.B) {
	for _, tc := range []struct {
		name string
		f    func() *ir.Func
	}{
		{"count", countProgram},
		{"spills", spillsProgram},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := tc.f()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Generate(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
