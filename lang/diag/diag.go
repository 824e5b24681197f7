package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// Error is one problem at a place in the source. End may be zero, in which
// case a single caret marks Pos.
type Error struct {
	Pos ast.Pos
	End ast.Pos
	Msg string
	// Source, when set, is the text of Pos.File, for an error in a file
	// other than the program's own (a header it includes): Render shows
	// the line from it rather than from the program.
	Source string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: error: %s", e.Pos, e.Msg)
}

// Errorf builds an Error spanning node n.
func Errorf(n ast.Node, format string, args ...any) *Error {
	return &Error{Pos: n.Pos(), End: n.End(), Msg: fmt.Sprintf(format, args...)}
}

// List is a set of errors; it implements error when non-empty.
type List []*Error

// Add appends an error.
func (l *List) Add(e *Error) { *l = append(*l, e) }

// Addf appends an error spanning node n.
func (l *List) Addf(n ast.Node, format string, args ...any) {
	l.Add(Errorf(n, format, args...))
}

func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns the list as an error, or nil when it is empty. The list is
// sorted by position and exact duplicates are removed first.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l.dedup()
}

// Sort orders errors by file, line and column.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

func (l List) dedup() List {
	out := l[:0]
	for i, e := range l {
		if i > 0 && e.Pos == l[i-1].Pos && e.Msg == l[i-1].Msg {
			continue
		}
		out = append(out, e)
	}
	return out
}

// Render formats every error in err (a List, an *Error, or any error) with
// the source line and a caret marker under the offending span. src is the
// program text the positions refer to.
func Render(err error, src string) string {
	var b strings.Builder
	var list List
	var one *Error
	switch {
	case errors.As(err, &list):
		for _, x := range list {
			renderOne(&b, x, src)
		}
	case errors.As(err, &one):
		renderOne(&b, one, src)
	default:
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	return b.String()
}

// maxShownLine is the widest source line Render prints; longer lines are
// cut to a window around the error.
const maxShownLine = 160

func renderOne(b *strings.Builder, e *Error, src string) {
	fmt.Fprintf(b, "%s\n", e.Error())
	if e.Source != "" {
		src = e.Source
	}
	line := sourceLine(src, e.Pos.Line)
	if line == "" && e.Pos.Line <= 0 {
		return
	}
	col := e.Pos.Col - 1
	if col < 0 {
		col = 0
	}
	width := 1
	if e.End.Line == e.Pos.Line && e.End.Col > e.Pos.Col {
		width = e.End.Col - e.Pos.Col
	}
	prefix, suffix := "", ""
	if len(line) > maxShownLine {
		from := max(0, min(col-maxShownLine/3, len(line)-maxShownLine))
		to := min(len(line), from+maxShownLine)
		if from > 0 {
			prefix = "..."
		}
		if to < len(line) {
			suffix = "..."
		}
		line = line[from:to]
		col -= from
	}
	shown := printable(line)
	fmt.Fprintf(b, "%s%s%s\n", prefix, shown, suffix)
	// Pad with the line's own tabs so the caret lines up in a terminal.
	var pad strings.Builder
	pad.WriteString(strings.Repeat(" ", len(prefix)))
	// Columns count bytes; a terminal shows one cell per character.
	for i, r := range shown {
		if i >= col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	if rest := len(shown) - col; width > rest && rest > 0 {
		width = rest
	}
	fmt.Fprintf(b, "%s^%s\n", pad.String(), strings.Repeat("~", max(width-1, 0)))
}

// printable replaces each byte a terminal would not show as itself (control
// characters, bytes of invalid UTF-8) with '?', one for one, so columns
// still line up.
func printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1, r < 0x20 && r != '\t', r == 0x7f:
			b.WriteByte('?')
			i++
			continue
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

func sourceLine(src string, n int) string {
	if n <= 0 {
		return ""
	}
	for i := 1; i < n; i++ {
		j := strings.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := strings.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimRight(src, "\r")
}
