package diag

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
)

func pos(line, col int) ast.Pos { return ast.Pos{File: "t.bt", Line: line, Col: col} }

func TestRender(t *testing.T) {
	long := "BEGIN { @x = \"" + strings.Repeat("a", 300) + "\" + 1; }"
	tests := []struct {
		name string
		err  *Error
		src  string
		want string
	}{
		{"caret under span", &Error{Pos: pos(1, 15), End: pos(1, 19), Msg: "unknown function 'cont'"},
			"kprobe:f { @ = cont(); }",
			"t.bt:1:15: error: unknown function 'cont'\nkprobe:f { @ = cont(); }\n              ^~~~\n"},
		{"second line, tabs kept", &Error{Pos: pos(2, 3), Msg: "bad"},
			"BEGIN {\n\t\tx; }",
			"t.bt:2:3: error: bad\n\t\tx; }\n\t\t^\n"},
		{"unprintable bytes", &Error{Pos: pos(1, 4), Msg: "unexpected character"},
			"ab\x01\x02\xffcd",
			"t.bt:1:4: error: unexpected character\nab???cd\n   ^\n"},
		{"long line windowed", &Error{Pos: pos(1, 318), End: pos(1, 319), Msg: "cannot add"},
			long,
			"t.bt:1:318: error: cannot add\n..." + long[len(long)-160:] + "\n" + strings.Repeat(" ", 3+160-(len(long)-317)) + "^\n"},
		{"span past the end of the line", &Error{Pos: pos(1, 3), End: pos(1, 40), Msg: "x"},
			"abcd", "t.bt:1:3: error: x\nabcd\n  ^~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Render(tt.err, tt.src); got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestListErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	l.Add(&Error{Pos: pos(3, 1), Msg: "c"})
	l.Add(&Error{Pos: pos(1, 5), Msg: "a"})
	l.Add(&Error{Pos: pos(1, 5), Msg: "a"})
	err := l.Err().(List)
	if len(err) != 2 || err[0].Msg != "a" || err[1].Msg != "c" {
		t.Errorf("sorted and deduplicated = %v", err)
	}
	if !strings.Contains(err.Error(), "(and 1 more errors)") {
		t.Errorf("Error() = %q", err.Error())
	}
}
