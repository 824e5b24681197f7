package types_test

import "testing"

func TestBlockExprErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_blockexpr.txt", false)
}
