package names

import "testing"

func TestIsBuiltinVar(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"pid", true},
		{"arg0", true},
		{"__builtin_tid", true},
		{"comm", true},
		{"myident", false},
		{"__builtin_", false},
		{"", false},
		{"str", false}, // a function, not a variable
	} {
		if got := IsBuiltinVar(tc.name); got != tc.want {
			t.Errorf("IsBuiltinVar(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
