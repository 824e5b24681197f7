package compiler_test

import (
	"testing"
)

// TestConfigFoldsToConstants checks that config's fields and
// default_str_length cost what the constants they stand for cost: the
// same instructions.
func TestConfigFoldsToConstants(t *testing.T) {
	tests := []struct{ folded, constant string }{
		{`BEGIN { @ = config.max_strlen * 2; }`, `BEGIN { @ = 2048; }`},
		{`BEGIN { @ = default_str_length(); }`, `BEGIN { @ = 1024; }`},
		{`BEGIN { if (config.cpp_demangle) { @ = 1; } }`, `BEGIN { if (1) { @ = 1; } }`},
		{`BEGIN { @[config.stack_mode] = 1; }`, `BEGIN { @["bpftrace"] = 1; }`},
	}
	for _, tt := range tests {
		a, err := compile(t, tt.folded)
		if err != nil {
			t.Fatalf("%s: %v", tt.folded, err)
		}
		b, err := compile(t, tt.constant)
		if err != nil {
			t.Fatalf("%s: %v", tt.constant, err)
		}
		ia, ib := a.Codes()[0].Insns, b.Codes()[0].Insns
		if ia.String() != ib.String() {
			t.Errorf("%s compiles to\n%s\n%s compiles to\n%s", tt.folded, ia, tt.constant, ib)
		}
	}
}
