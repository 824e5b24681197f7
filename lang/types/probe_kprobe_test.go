package types_test

import "testing"

// TestKprobeErrors pins the errors of kprobe and kretprobe specs and of
// the builtins only they have.
func TestKprobeErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_kprobe.txt", false)
}
