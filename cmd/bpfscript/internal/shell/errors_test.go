package shell

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
)

func TestTypedPos(t *testing.T) {
	const shift = len(statementPrefix)
	tests := []struct {
		name  string
		src   string
		shift int
		in    ast.Pos
		want  ast.Pos
	}{
		{"first line of a statement", "print(@x +)\n", shift, ast.Pos{Line: 1, Col: 19, Offset: 18}, ast.Pos{Line: 1, Col: 11, Offset: 10}},
		{"later line of a statement", "if (1) {\n  prnt(1)\n}\n", shift, ast.Pos{Line: 2, Col: 3, Offset: 20}, ast.Pos{Line: 2, Col: 3, Offset: 12}},
		{"the brace the shell added", "@x = 1 +\n", shift, ast.Pos{Line: 2, Col: 1, Offset: 17}, ast.Pos{Line: 1, Col: 9, Offset: 9}},
		{"a block, unshifted", "begin { x }\n", 0, ast.Pos{Line: 1, Col: 9, Offset: 8}, ast.Pos{Line: 1, Col: 9, Offset: 8}},
		{"no position", "x\n", shift, ast.Pos{}, ast.Pos{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := typedPos(tt.in, tt.src, "", tt.shift); got != tt.want {
				t.Errorf("typedPos(%+v) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
	if got := typedPos(ast.Pos{File: "stdin", Line: 1, Col: 1}, "x\n", "a.bt", 0); got.File != "a.bt" {
		t.Errorf("the file is %q, want a.bt", got.File)
	}
}
