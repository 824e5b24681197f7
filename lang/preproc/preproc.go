package preproc

import (
	"fmt"
	"os"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Options configure one preprocessing.
type Options struct {
	// IncludeDirs are searched for headers, in order, before the
	// built-in ones (-I).
	IncludeDirs []string
	// Includes are headers included before the script's first line
	// (--include), found as #include <...> finds them, or as paths.
	Includes []string
	// Defines are object-like macros defined before anything else, such
	// as BPFTRACE_HAVE_BTF.
	Defines map[string]string
	// ReadFile reads a header; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
}

// Result is a preprocessed script.
type Result struct {
	Source string   // the script for the parser, with the script's lines
	Lines  *LineMap // maps positions in Source back to the script
}

// maxIncludeDepth bounds nested includes, as cpp's 200 does.
const maxIncludeDepth = 200

// Needed reports whether src needs preprocessing with opts: whether it has
// a directive line (a line whose first non-blank character is '#', other
// than a "#!" line) or opts include headers. It only scans for '#'.
func Needed(src string, opts Options) bool {
	if len(opts.Includes) > 0 {
		return true
	}
	for i := 0; i < len(src); {
		j := strings.IndexByte(src[i:], '#')
		if j < 0 {
			return false
		}
		k := i + j
		if k+1 >= len(src) || src[k+1] != '!' {
			l := k
			for l > 0 && (src[l-1] == ' ' || src[l-1] == '\t') {
				l--
			}
			if l == 0 || src[l-1] == '\n' {
				return true
			}
		}
		i = k + 1
	}
	return false
}

// Process preprocesses the script src, named filename in positions. Errors
// are a diag.List holding the first problem, positioned in the file where
// it is (a header's errors carry its text in diag.Error.Source), except
// for a header of Options.Includes that is not found, a plain error.
func Process(filename, src string, opts Options) (res *Result, err error) {
	// The last line of defence, as the parser's: a bug here must not take
	// the caller down.
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, diag.List{{Pos: ast.Pos{File: filename, Line: 1, Col: 1}, Msg: fmt.Sprintf("internal preprocessor error: %v", r)}}
		}
	}()
	p := &pp{opts: opts, macros: map[string]*macro{}, once: map[string]bool{}}
	if p.opts.ReadFile == nil {
		p.opts.ReadFile = os.ReadFile
	}
	for name, value := range opts.Defines {
		p.macros[name] = &macro{name: name, body: value}
	}
	for _, inc := range opts.Includes {
		f, err := p.findInclude(inc)
		if err != nil {
			return nil, err
		}
		if err := p.run(f); err != nil {
			return nil, err
		}
	}
	main := &file{name: filename, src: src, main: true, dir: "."}
	if filename != "stdin" && filename != "" {
		main.dir = dirOf(filename)
	}
	p.lines = newLineMap(filename, src)
	if err := p.run(main); err != nil {
		return nil, err
	}
	return &Result{Source: p.out.String(), Lines: p.lines}, nil
}

// pp is one preprocessing: the macros defined so far, the include stack and
// the output.
type pp struct {
	opts   Options
	macros map[string]*macro
	stack  []*file         // files being read, the innermost last
	once   map[string]bool // files that said #pragma once
	out    strings.Builder
	lines  *LineMap
	// written is how many of the script's lines are in out; lines are
	// separated by '\n', so the next chunk starts with one when it is not 0.
	written int
}

// file is a script or header being read.
type file struct {
	name string // in positions: the script's name, or the header's path
	src  string
	main bool   // the script itself: its code lines are output
	dir  string // where #include "..." looks first
}

// errorf is an error at line:col (from 1) of f, spanning width bytes.
func (f *file) errorf(line, col, width int, format string, args ...any) *diag.Error {
	e := &diag.Error{
		Pos: ast.Pos{File: f.name, Line: line, Col: col},
		Msg: fmt.Sprintf(format, args...),
	}
	if width > 0 {
		e.End = ast.Pos{File: f.name, Line: line, Col: col + width}
	}
	if !f.main {
		e.Source = f.src
	}
	return e
}

// conditional is one open #if, #ifdef or #ifndef.
type conditional struct {
	line, col   int // of the directive, for "unterminated"
	keyword     string
	outerActive bool // the lines around the group are kept
	active      bool // the current branch's lines are kept
	taken       bool // a branch was taken: later #elif and #else are not
	sawElse     bool
}

// run reads f: directives act, code lines of the script go to the output
// (expanded), lines of skipped branches and of headers become nothing (an
// empty line in the script's output, so that lines keep their numbers).
func (p *pp) run(f *file) error {
	p.stack = append(p.stack, f)
	defer func() { p.stack = p.stack[:len(p.stack)-1] }()
	lines := strings.Split(f.src, "\n")
	var conds []*conditional
	active := func() bool { return len(conds) == 0 || conds[len(conds)-1].active }
	inComment := false
	var chunk []string // code lines not yet expanded, from chunkLine
	chunkLine := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		err := p.expandChunk(f, chunkLine, strings.Join(chunk, "\n"))
		chunk = chunk[:0]
		return err
	}
	emit := func(lineNo int, line string) {
		if !f.main {
			return
		}
		if len(chunk) == 0 {
			chunkLine = lineNo
		}
		chunk = append(chunk, line)
	}
	for i := 0; i < len(lines); {
		line := lines[i]
		if inComment || !isDirective(line) {
			inComment = endsInComment(line, inComment)
			if active() {
				emit(i+1, line)
			} else {
				emit(i+1, "")
			}
			i++
			continue
		}
		// A directive, with its continuation lines.
		n := 1
		text := strings.TrimSuffix(line, "\r")
		for strings.HasSuffix(text, "\\") && i+n < len(lines) {
			text = text[:len(text)-1] + " " + strings.TrimSuffix(lines[i+n], "\r")
			n++
		}
		if err := flush(); err != nil {
			return err
		}
		d := parseDirective(text)
		var err error
		conds, err = p.directive(f, i+1, d, conds)
		if err != nil {
			return err
		}
		for j := range n {
			emit(i+1+j, "")
		}
		i += n
	}
	if err := flush(); err != nil {
		return err
	}
	if len(conds) > 0 {
		c := conds[len(conds)-1]
		return diag.List{f.errorf(c.line, c.col, len(c.keyword), "unterminated #%s: no #endif before the end of the file", c.keyword)}
	}
	return nil
}

// expandChunk writes consecutive lines of the script, from firstLine, with
// their macros expanded, and records where expansions moved columns. A
// call spread over several lines leaves its expansion on its first line,
// then the line breaks it spanned, then blanks up to where it ended, so
// that what follows stays at its line and column.
func (p *pp) expandChunk(f *file, firstLine int, text string) error {
	if p.written > 0 {
		p.out.WriteByte('\n')
	}
	p.written += strings.Count(text, "\n") + 1
	if len(p.macros) == 0 {
		p.out.WriteString(text)
		return nil
	}
	x := &expander{macros: p.macros}
	var b strings.Builder
	// Calls come in order: lines and columns are counted from the last
	// call on, so that a long script with many calls stays linear.
	var src, out position
	err := x.scan(&b, text, nil, func(c *call) error {
		x.size = 0 // the limit is on one call's expansion
		s, err := x.replace(c, nil)
		if err != nil {
			return &callError{offset: c.start, width: c.end - c.start, msg: err.Error()}
		}
		line, col := src.at(text, c.start)
		_, outCol := out.at(b.String(), b.Len())
		b.WriteString(s)
		e := expand{outStart: outCol, outEnd: outCol + len(s), srcStart: col, srcEnd: col + c.end - c.start}
		if breaks := strings.Count(text[c.start:c.end], "\n"); breaks > 0 {
			e.srcEnd = col + strings.IndexByte(text[c.start:], '\n')
			b.WriteString(strings.Repeat("\n", breaks))
			_, endCol := src.at(text, c.end)
			b.WriteString(strings.Repeat(" ", endCol-1))
		}
		p.lines.add(firstLine+line-1, e)
		return nil
	})
	if err != nil {
		ce := err.(*callError)
		line, col := lineCol(text, ce.offset)
		width := ce.width
		if nl := strings.IndexByte(text[ce.offset:], '\n'); nl >= 0 && nl < width {
			width = nl
		}
		return diag.List{f.errorf(firstLine+line-1, col, width, "%s", ce.msg)}
	}
	p.out.WriteString(b.String())
	return nil
}

// lineCol returns the line and column (from 1) of offset in text.
func lineCol(text string, offset int) (int, int) {
	var p position
	return p.at(text, offset)
}

// position counts lines up to an offset of a text, going forward from the
// offset it was last asked about.
type position struct {
	offset    int // counted up to here
	line      int // lines before offset (the line number - 1)
	lineStart int // offset of the line offset is on
}

// at returns the line and column (from 1) of offset, which must not be
// before the last offset asked about.
func (p *position) at(text string, offset int) (int, int) {
	seg := text[p.offset:offset]
	if n := strings.Count(seg, "\n"); n > 0 {
		p.line += n
		p.lineStart = p.offset + strings.LastIndexByte(seg, '\n') + 1
	}
	p.offset = offset
	return p.line + 1, offset - p.lineStart + 1
}
