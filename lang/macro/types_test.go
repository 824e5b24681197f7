package macro_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
)

// TestTypes pins the expansion of types in macros, typeof arguments
// standing for type parameters, and their misuse.
func TestTypes(t *testing.T) {
	golden.CheckCases(t, "testdata/types.txt", expand)
}
