package tracefs

import "testing"

func TestFieldName(t *testing.T) {
	tests := []struct{ decl, want string }{
		{"const char * filename", "filename"},
		{"const char *const * argv", "argv"},
		{"unsigned long args[6]", "args"},
		{"char prev_comm[16]", "prev_comm"},
		{"__data_loc char[] filename", "filename"},
		{"int common_pid", "common_pid"},
		{"long", "long"},
		{"struct foo *p", "p"},
	}
	for _, tt := range tests {
		if got := fieldName(tt.decl); got != tt.want {
			t.Errorf("fieldName(%q) = %q, want %q", tt.decl, got, tt.want)
		}
	}
}
