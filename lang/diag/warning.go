package diag

import (
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// Warning renders e as upstream prints a warning, which is not how it
// prints an error: "file:line:col-col: WARNING: msg" (file:line-line for
// a span over several lines), then the source line and a line of ~ under
// the span. src is the text e's position refers to, unless e.Source is
// set. The text has no final newline.
func Warning(e *Error, src string) string {
	if e.Source != "" {
		src = e.Source
	}
	start, end := e.Pos, e.End
	file := start.File
	if file == "" {
		file = "stdin"
	}
	where := fmt.Sprintf("%s:%d:%d-%d", file, start.Line, start.Col, end.Col)
	if end.Line != start.Line {
		where = fmt.Sprintf("%s:%d-%d", file, start.Line, end.Line)
	}
	out := where + ": WARNING: " + e.Msg
	if context := Underline(src, start, end); context != "" {
		out += "\n" + context
	}
	return out
}

// Underline is the source line of the span from start to end and a line
// of ~ under the span (up to the line's end), as upstream quotes the
// place of a warning or a message a program prints; "" when src has no
// such line.
func Underline(src string, start, end ast.Pos) string {
	lines := strings.Split(src, "\n")
	if start.Line < 1 || start.Line > len(lines) {
		return ""
	}
	line := strings.TrimRight(lines[start.Line-1], "\r")
	col := min(max(start.Col-1, 0), len(line))
	width := len(line) - col
	if end.Line == start.Line && end.Col > start.Col {
		width = min(end.Col-start.Col, width)
	}
	var pad strings.Builder
	for _, c := range []byte(line[:col]) {
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return line + "\n" + pad.String() + strings.Repeat("~", max(width, 1))
}
