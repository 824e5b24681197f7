package preproc

import (
	"errors"
	"sort"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// LineMap maps positions in the preprocessor's output back to the script.
// Output line n is script line n; on lines where macros were expanded,
// columns inside an expansion map to the macro call and columns after it
// shift by the difference in length.
type LineMap struct {
	file       string
	lineStarts []int            // byte offset of each script line
	edits      map[int][]expand // by output line, in column order
}

// expand is one macro call replaced on an output line: output columns
// [outStart, outEnd) came from the script's columns [srcStart, srcEnd)
// of the same line (a call spread over several lines ends at the end of
// its first line here). Columns count from 1.
type expand struct {
	outStart, outEnd int
	srcStart, srcEnd int
}

func newLineMap(file, src string) *LineMap {
	m := &LineMap{file: file, lineStarts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			m.lineStarts = append(m.lineStarts, i+1)
		}
	}
	return m
}

func (m *LineMap) add(line int, e expand) {
	if m.edits == nil {
		m.edits = map[int][]expand{}
	}
	m.edits[line] = append(m.edits[line], e)
}

// Pos maps the start of a node or error in the output to the script.
func (m *LineMap) Pos(p ast.Pos) ast.Pos { return m.mapPos(p, false) }

// End maps the end (one past the last byte) of a node or error.
func (m *LineMap) End(p ast.Pos) ast.Pos { return m.mapPos(p, true) }

func (m *LineMap) mapPos(p ast.Pos, end bool) ast.Pos {
	if m == nil || p.File != m.file || !p.IsValid() {
		return p
	}
	col := p.Col
	edits := m.edits[p.Line]
	// The last expansion that starts at or before col (for an end, before
	// it: an end at an expansion's start belongs to what precedes it).
	i := sort.Search(len(edits), func(i int) bool {
		if end {
			return edits[i].outStart >= col
		}
		return edits[i].outStart > col
	}) - 1
	if i >= 0 {
		e := edits[i]
		switch {
		case !end && col < e.outEnd:
			col = e.srcStart
		case end && col <= e.outEnd:
			col = e.srcEnd
		default:
			col = col - e.outEnd + e.srcEnd
		}
	}
	p.Col = col
	if p.Line-1 < len(m.lineStarts) {
		p.Offset = m.lineStarts[p.Line-1] + col - 1
	}
	return p
}

// Remap rewrites the positions of the errors in err (a diag.List or a
// *diag.Error) from the output to the script, in place, and returns err
// (a list sorted, without the duplicates that errors in two copies of one
// macro argument become).
func (m *LineMap) Remap(err error) error {
	if m == nil || err == nil {
		return err
	}
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			m.remapOne(e)
		}
		// Errors at two places of one expansion are now at one place.
		return list.Err()
	case errors.As(err, &one):
		m.remapOne(one)
	}
	return err
}

func (m *LineMap) remapOne(e *diag.Error) {
	e.Pos = m.Pos(e.Pos)
	if e.End.IsValid() {
		e.End = m.End(e.End)
	}
}
