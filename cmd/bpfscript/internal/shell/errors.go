package shell

import (
	"errors"
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// showError prints an error of a chunk with the caret under the text as
// typed. shift is how many bytes the shell put before the first line (the
// begin block a statement runs in): positions there move back by as much,
// and positions past the typed text (in what the shell added after it)
// move to its end. filename, when set, names the source (:load).
func (sh *shell) showError(err error, src, filename string, shift int) {
	var list diag.List
	if !errors.As(err, &list) {
		fmt.Fprintf(sh.screen, "bpfscript: %v\n", err)
		return
	}
	fixed := make(diag.List, len(list))
	for i, e := range list {
		fixed[i] = typed(e, src, filename, shift)
	}
	sh.screen.Write([]byte(bpfscript.FormatError(fixed, src)))
}

// showWarnings prints the warnings of a chunk as the command does, with
// the place under the text as typed (see showError), unless the shell
// was told --no-warnings.
func (sh *shell) showWarnings(list diag.List, src, filename string, shift int) {
	if sh.noWarnings {
		return
	}
	for _, w := range list {
		fmt.Fprintln(sh.screen, diag.Warning(typed(w, src, filename, shift), src))
	}
}

// typed is a copy of e positioned in the text as typed. An error that
// carries its own source is in another text (a macro defined on an
// earlier line) and keeps its place.
func typed(e *diag.Error, src, filename string, shift int) *diag.Error {
	c := *e
	if c.Source != "" {
		return &c
	}
	c.Pos = typedPos(c.Pos, src, filename, shift)
	c.End = typedPos(c.End, src, filename, shift)
	return &c
}

// typedPos maps a position in the compiled text to the typed one.
func typedPos(p ast.Pos, src, filename string, shift int) ast.Pos {
	if filename != "" {
		p.File = filename
	}
	if p.Line <= 0 {
		return p
	}
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	if p.Line > len(lines) {
		last := len(lines)
		return ast.Pos{File: p.File, Offset: len(src), Line: last, Col: len(lines[last-1]) + 1}
	}
	if p.Line == 1 {
		p.Col = max(p.Col-shift, 1)
		p.Offset = max(p.Offset-shift, 0)
	} else {
		p.Offset -= shift
	}
	if p.Line == len(lines) && p.Col > len(lines[p.Line-1])+1 {
		// In the "}" the shell closed the statement with.
		p.Col = len(lines[p.Line-1]) + 1
	}
	return p
}
