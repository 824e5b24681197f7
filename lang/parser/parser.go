package parser

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Parse parses a whole program. filename is used only in positions. On
// failure the error is a diag.List holding the first problem found.
func Parse(filename, src string) (prog *ast.Program, err error) {
	// The parser itself reports every problem as an error; this guard is
	// the last line of defence so that a bug in the scanner or the parser
	// never takes the caller down with it.
	defer func() {
		if r := recover(); r != nil {
			prog = nil
			err = diag.List{{
				Pos: ast.Pos{File: filename, Line: 1, Col: 1},
				Msg: fmt.Sprintf("internal parser error: %v", r),
			}}
		}
	}()
	return parse(filename, src)
}

// parse is Parse without the panic guard, so that tests and the fuzzer see
// panics as panics.
func parse(filename, src string) (*ast.Program, error) {
	p := newParser(filename, src)
	prog := p.parseProgram()
	if p.err != nil {
		return nil, diag.List{p.err}
	}
	return prog, nil
}

// parser is a recursive-descent parser over the scanner's tokens with one
// token of lookahead (tok).
//
// Errors are sticky: the first call to failAt records the error and turns the
// current token into EOF, so every loop winds down and callers simply return
// what they have; Parse then discards the partial tree. This keeps the
// grammar code free of error plumbing without using panics for control flow.
type parser struct {
	file  string
	src   string
	lines lineIndex
	scan  *scanner
	tok   token // the current token
	prev  token // the token consumed last, for node ends
	err   *diag.Error
	// exprDepth and blockDepth are the current nesting of expressions and
	// of blocks; see nest.
	exprDepth, blockDepth int
}

func newParser(filename, src string) *parser {
	p := &parser{file: filename, src: src, lines: newLineIndex(src), scan: newScanner(src)}
	p.next()
	return p
}

// pos converts a byte offset to an ast.Pos.
func (p *parser) pos(offset int) ast.Pos {
	line, col := p.lines.lineCol(offset)
	return ast.Pos{File: p.file, Offset: offset, Line: line, Col: col}
}

// span returns the span of source bytes [start, end).
func (p *parser) span(start, end int) ast.Span {
	return ast.Span{Start: p.pos(start), Stop: p.pos(end)}
}

// spanFrom spans from start to the end of the last consumed token.
func (p *parser) spanFrom(start int) ast.Span { return p.span(start, p.prev.end) }

// next advances to the next token, reporting tokens that are errors in
// themselves (an unterminated string, a stray character) as it reads them.
func (p *parser) next() {
	p.prev = p.tok
	if p.err != nil {
		return
	}
	tok := p.scan.next()
	p.tok = tok
	switch tok.kind {
	case tokUnterminatedString:
		p.failAt(tok.start, tok.end, "unterminated string")
	case tokUnterminatedComment:
		p.failAt(tok.start, tok.start+2, "unterminated comment")
	case tokStray:
		p.failAt(tok.start, tok.end, "invalid character %s", describeChar(tok.text))
	case tokShebang:
		if tok.start != 0 {
			p.failAt(tok.start, tok.start+1, "invalid character '#': a #! line must be the first line")
		}
	}
}

// failAt records an error over the bytes [start, end) unless one is already
// recorded, and stops the parse.
func (p *parser) failAt(start, end int, format string, args ...any) {
	if p.err != nil {
		return
	}
	p.err = &diag.Error{Pos: p.pos(start), End: p.pos(end), Msg: fmt.Sprintf(format, args...)}
	p.tok = token{kind: tokEOF, start: end, end: end}
}

// failNode records an error spanning node n.
func (p *parser) failNode(n ast.Node, format string, args ...any) {
	p.failAt(n.Pos().Offset, n.End().Offset, format, args...)
}

// maxNesting bounds how deeply expressions and blocks may nest. The parser
// and every later stage walk the tree recursively, and a script of a
// million parentheses would exhaust the goroutine stack, a fatal error Go
// cannot recover from. bpftrace's generated parser stops at 10000.
const maxNesting = 1000

// nest enters one level of nesting, counted in *depth (p.exprDepth or
// p.blockDepth), of what ("expression", "block", ...) and reports whether
// parsing may go on; past maxNesting it records a positioned error.
// Callers restore *depth when they return.
func (p *parser) nest(depth *int, what string) bool {
	*depth++
	if *depth > maxNesting {
		p.failAt(p.tok.start, p.tok.end, "%s nested too deeply (more than %d levels)", what, maxNesting)
		return false
	}
	return p.err == nil
}

// unexpected reports the current token as a syntax error.
func (p *parser) unexpected(expecting string) {
	p.failAt(p.tok.start, p.tok.end, "syntax error, unexpected %s, expecting %s", describe(p.tok), expecting)
}

// expect consumes the punctuation text or reports a syntax error.
func (p *parser) expect(text string) {
	if !p.tok.is(text) {
		p.unexpected(quote(text))
		return
	}
	p.next()
}

func quote(text string) string { return "'" + text + "'" }

// describeChar quotes a stray character or escape, escaping it when it
// would not print legibly (a NUL byte, a control character, invalid UTF-8).
func describeChar(c string) string {
	for _, r := range c {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			return strconv.Quote(c)
		}
	}
	return quote(c)
}

// describe names a token the way an error message wants it.
func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokIdent:
		if keywords[t.text] || unsupportedKeywords[t.text] {
			return "keyword " + quote(t.text)
		}
		return "identifier " + quote(t.text)
	case tokNumber:
		return "integer " + t.text
	case tokString:
		text := t.text
		if len(text) > 24 {
			text = text[:20] + `..."`
		}
		return "string " + text
	case tokVar:
		return "variable " + quote(t.text)
	case tokPosParam, tokParamCount:
		return "positional parameter " + quote(t.text)
	case tokMap:
		return "map " + quote(t.text)
	case tokProbeSpec:
		return "probe " + quote(t.text)
	case tokShebang:
		return "'#!'"
	}
	return quote(t.text)
}

// keywords are words the grammar gives meaning to; they are never
// identifiers.
var keywords = map[string]bool{"if": true, "else": true, "let": true, "return": true}

// unsupportedKeywords are reserved for bpftrace constructs bpfscript does
// not implement yet, so that using one gets a clear message instead of a
// puzzling syntax error.
var unsupportedKeywords = map[string]bool{
	"while": true, "for": true, "unroll": true, "break": true, "continue": true,
}

func (p *parser) failUnsupported(t token) {
	p.failAt(t.start, t.end, "'%s' is not supported yet", t.text)
}

// ---- program and probes ----

func (p *parser) parseProgram() *ast.Program {
	prog := &ast.Program{Span: p.span(0, len(p.src))}
	if p.tok.kind == tokShebang {
		prog.Shebang = strings.TrimRight(p.tok.text, "\r")
		p.next()
	}
	if p.tok.kind == tokEOF && p.err == nil {
		p.failAt(p.tok.start, p.tok.end, "empty program: expected at least one probe")
		return prog
	}
	for p.tok.kind != tokEOF {
		prog.Probes = append(prog.Probes, p.parseProbe())
	}
	return prog
}

// parseProbe parses `spec[, spec...] [/pred/] { body }`.
func (p *parser) parseProbe() *ast.Probe {
	start := p.tok.start
	probe := &ast.Probe{}
	for {
		probe.Specs = append(probe.Specs, p.parseProbeSpec())
		if !p.tok.is(",") {
			break
		}
		p.next()
	}
	if p.tok.kind == tokPredStart {
		p.next()
		probe.Pred = p.parseExpr()
		if p.tok.kind != tokPredEnd {
			p.unexpected("'/' to end the predicate")
			return probe
		}
		p.next()
		if t := p.tok; t.kind == tokNumber || t.kind == tokPosParam || t.is("(") {
			// An operand right after the closing '/' almost always means
			// the predicate held a division, which ended it early.
			p.unexpected("'{' (a '/' ends the predicate: put a division in parentheses)")
			return probe
		}
	}
	if !p.tok.is("{") {
		p.unexpected("'{'")
		return probe
	}
	probe.Body = p.parseBlock()
	probe.Span = p.spanFrom(start)
	return probe
}

// parseProbeSpec parses one attach point: a ProbeSpec token such as
// `kprobe:vfs_read`, or a bare word such as BEGIN.
func (p *parser) parseProbeSpec() *ast.ProbeSpec {
	t := p.tok
	switch t.kind {
	case tokIdent:
		p.next()
		return &ast.ProbeSpec{Span: p.span(t.start, t.end), Raw: t.text, Provider: t.text}
	case tokProbeSpec:
		p.next()
		fields := strings.Split(t.text, ":")
		return &ast.ProbeSpec{Span: p.span(t.start, t.end), Raw: t.text, Provider: fields[0], Parts: fields[1:]}
	}
	p.unexpected("probe")
	return &ast.ProbeSpec{}
}

// ---- statements ----

// parseBlock parses `{ stmt; stmt; ... }`. The ';' after the last statement
// and after an if statement's closing brace is optional; empty statements
// are allowed.
func (p *parser) parseBlock() *ast.Block {
	start := p.tok.start
	defer func(depth int) { p.blockDepth = depth }(p.blockDepth)
	if !p.nest(&p.blockDepth, "block") {
		return &ast.Block{}
	}
	p.expect("{")
	block := &ast.Block{}
	for p.err == nil {
		if p.tok.is(";") {
			p.next()
			continue
		}
		if p.tok.is("}") || p.tok.kind == tokEOF {
			break
		}
		stmt := p.parseStmt()
		block.Stmts = append(block.Stmts, stmt)
		if _, isIf := stmt.(*ast.IfStmt); isIf {
			continue
		}
		if !p.tok.is(";") && !p.tok.is("}") {
			p.unexpected("';' or '}'")
		}
	}
	p.expect("}")
	block.Span = p.spanFrom(start)
	return block
}

func (p *parser) parseStmt() ast.Stmt {
	t := p.tok
	if t.kind == tokIdent {
		switch {
		case t.text == "if":
			return p.parseIf()
		case t.text == "let":
			return p.parseLet()
		case t.text == "return":
			p.next()
			return &ast.ReturnStmt{Span: p.span(t.start, t.end)}
		case unsupportedKeywords[t.text]:
			p.failUnsupported(t)
			return &ast.ReturnStmt{}
		}
	}
	x := p.parseExpr()
	if op := p.tok; op.kind == tokPunct && assignOps[op.text] {
		if !isAssignable(x) {
			p.failNode(x, "cannot assign to this expression: expected a map or a variable")
			return &ast.ExprStmt{}
		}
		p.next()
		rhs := p.parseExpr()
		return &ast.AssignStmt{Span: p.spanFrom(t.start), Op: op.text, LHS: x, RHS: rhs}
	}
	return &ast.ExprStmt{Span: p.spanFrom(t.start), X: x}
}

// assignOps are "=" and the compound assignment operators.
var assignOps = map[string]bool{
	"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true,
	"&=": true, "|=": true, "^=": true, "<<=": true, ">>=": true,
}

// isAssignable reports whether x may appear left of an assignment or as the
// operand of ++ and --.
func isAssignable(x ast.Expr) bool {
	switch x.(type) {
	case *ast.Var, *ast.MapExpr:
		return true
	}
	return false
}

// parseIf parses `if (cond) { } [else if (cond) { }]... [else { }]`.
func (p *parser) parseIf() *ast.IfStmt {
	start := p.tok.start
	p.next() // if
	stmt := &ast.IfStmt{}
	p.expect("(")
	stmt.Cond = p.parseExpr()
	p.expect(")")
	stmt.Then = p.parseBlock()
	if p.tok.isWord("else") {
		p.next()
		if p.tok.isWord("if") {
			// An else-if chain nests in the tree like nested blocks, and counts
			// as such.
			defer func(depth int) { p.blockDepth = depth }(p.blockDepth)
			if !p.nest(&p.blockDepth, "block") {
				return stmt
			}
			stmt.Else = p.parseIf()
		} else {
			stmt.Else = p.parseBlock()
		}
	}
	stmt.Span = p.spanFrom(start)
	return stmt
}

// parseLet parses `let $x` or `let $x = value`.
func (p *parser) parseLet() *ast.LetStmt {
	start := p.tok.start
	p.next() // let
	stmt := &ast.LetStmt{}
	if p.tok.kind != tokVar {
		p.unexpected("a variable such as '$x'")
		return stmt
	}
	stmt.Var = &ast.Var{Span: p.span(p.tok.start, p.tok.end), Name: p.tok.text}
	p.next()
	if p.tok.is("=") {
		p.next()
		stmt.Value = p.parseExpr()
	}
	stmt.Span = p.spanFrom(start)
	return stmt
}
