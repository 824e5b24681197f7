package progen_test

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/progen"
)

func TestMinimize(t *testing.T) {
	tests := []struct {
		name, src, want string
		fails           func(string) bool
	}{
		{
			name:  "one culprit line",
			src:   "a\nb\nBAD\nc\nd\ne\n",
			want:  "BAD\n",
			fails: func(s string) bool { return strings.Contains(s, "BAD") },
		},
		{
			name: "two lines needed together",
			src:  "1\n2\nX\n3\nY\n4\n5\n6\n7\n",
			want: "X\nY\n",
			fails: func(s string) bool {
				return strings.Contains(s, "X") && strings.Contains(s, "Y")
			},
		},
		{
			name:  "nothing removable",
			src:   "p\nq\n",
			want:  "p\nq\n",
			fails: func(s string) bool { return s == "p\nq\n" },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := progen.Minimize(tt.src, tt.fails); got != tt.want {
				t.Errorf("Minimize = %q, want %q", got, tt.want)
			}
		})
	}
}
