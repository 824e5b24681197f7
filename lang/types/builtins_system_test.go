package types_test

import (
	"testing"
)

// TestStdlibSystemErrors pins the errors of the system and map functions,
// kept apart from errors.txt so that each group of the standard library has
// its own cases.
func TestStdlibSystemErrors(t *testing.T) {
	checkErrorCases(t, stdlibSystemErrorsFile, false)
}

const stdlibSystemErrorsFile = "testdata/errors_stdlib_system.txt"
