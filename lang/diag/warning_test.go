package diag

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
)

func TestWarning(t *testing.T) {
	src := "BEGIN {\n\t{ 1 }\n\t$a = {\n\t\t2\n\t};\n}"
	pos := func(line, col int) ast.Pos { return ast.Pos{Line: line, Col: col} }
	tests := []struct {
		e    *Error
		want string
	}{
		{&Error{Pos: pos(2, 2), End: pos(2, 7), Msg: "Return value discarded."},
			"stdin:2:2-7: WARNING: Return value discarded.\n\t{ 1 }\n\t~~~~~"},
		{&Error{Pos: pos(3, 7), End: pos(5, 3), Msg: "m"},
			"stdin:3-5: WARNING: m\n\t$a = {\n\t     ~"},
		{&Error{Pos: ast.Pos{File: "x.bt", Line: 1, Col: 1}, End: ast.Pos{Line: 1, Col: 3}, Msg: "m", Source: "ab\n"},
			"x.bt:1:1-3: WARNING: m\nab\n~~"},
		{&Error{Pos: pos(9, 1), End: pos(9, 2), Msg: "m"}, "stdin:9:1-2: WARNING: m"},
	}
	for _, tt := range tests {
		if got := Warning(tt.e, src); got != tt.want {
			t.Errorf("got\n%q\nwant\n%q", got, tt.want)
		}
	}
}
