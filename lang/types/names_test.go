package types

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/names"
)

// TestBuiltinVarNames keeps the parser's list of builtin variables (package
// names) in step with the builtin table.
func TestBuiltinVarNames(t *testing.T) {
	for name, b := range builtinsByName {
		if got := names.IsBuiltinVar(name); got != b.IsVar() {
			t.Errorf("names.IsBuiltinVar(%q) = %v, but the table's IsVar is %v", name, got, b.IsVar())
		}
	}
	for _, name := range names.BuiltinVars() {
		if b, ok := LookupBuiltin(name); !ok || !b.IsVar() {
			t.Errorf("names lists %q, which is no builtin variable of the table", name)
		}
	}
}
