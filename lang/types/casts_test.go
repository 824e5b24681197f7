package types_test

import (
	"testing"
)

// intErrorsFile holds the errors of casts, typed declarations, bools,
// records and integer literals, in the format of errorsFile.
const intErrorsFile = "testdata/errors_ints.txt"

func TestIntErrors(t *testing.T) { checkErrorCases(t, intErrorsFile, false) }
