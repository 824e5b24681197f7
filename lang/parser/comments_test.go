package parser

import (
	"reflect"
	"testing"
)

func TestComments(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"BEGIN { }", nil},
		{"// top\nBEGIN { } // after\n", []string{"// top", "// after"}},
		{"/* a */ BEGIN /* b */ { /* c\nd */ @x = 1; }", []string{"/* a */", "/* b */", "/* c\nd */"}},
		{`BEGIN { printf("// not a comment /* nor this */"); }`, nil},
		{"uprobe:/bin//sh:main { }", nil}, // the spec is one token
		{"t:a:b /pid == 1/ { @ = 1 / 2; } // end", []string{"// end"}},
		{"#!/usr/bin/env bpfscript\n// first\nBEGIN {}", []string{"// first"}},
		{"BEGIN {} //", []string{"//"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range Comments(tt.src) {
			if tt.src[c.Start:c.End] != c.Text {
				t.Errorf("Comments(%q): %q is not at [%d, %d)", tt.src, c.Text, c.Start, c.End)
			}
			got = append(got, c.Text)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Comments(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
