package parser

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// tokenDefinition plugs the hand-written scanner into participle as its
// lexer. Participle reads the whole token stream before parsing, so the
// tokens that are errors in themselves (an unterminated string, a stray
// character, ...) are not reported by the lexer: no grammar rule accepts
// them, so parsing stops in front of the first one and the parser reports
// it then (syntaxError). Errors therefore still come out in source order.
type tokenDefinition struct{}

// symbolNames names the token kinds for the grammar's struct tags. EOF is
// participle's own end-of-input type.
var symbolNames = map[string]lexer.TokenType{
	"EOF":                 lexer.EOF,
	"Shebang":             lexer.TokenType(tokShebang),
	"ProbeSpec":           lexer.TokenType(tokProbeSpec),
	"PredStart":           lexer.TokenType(tokPredStart),
	"PredEnd":             lexer.TokenType(tokPredEnd),
	"Ident":               lexer.TokenType(tokIdent),
	"Number":              lexer.TokenType(tokNumber),
	"String":              lexer.TokenType(tokString),
	"Var":                 lexer.TokenType(tokVar),
	"PosParam":            lexer.TokenType(tokPosParam),
	"ParamCount":          lexer.TokenType(tokParamCount),
	"Map":                 lexer.TokenType(tokMap),
	"Punct":               lexer.TokenType(tokPunct),
	"UnterminatedString":  lexer.TokenType(tokUnterminatedString),
	"UnterminatedComment": lexer.TokenType(tokUnterminatedComment),
	"Stray":               lexer.TokenType(tokStray),
	"MisplacedShebang":    lexer.TokenType(tokMisplacedShebang),
	"BlockTooDeep":        lexer.TokenType(tokBlockTooDeep),
	"AssignOp":            lexer.TokenType(tokAssignOp),
}

func (tokenDefinition) Symbols() map[string]lexer.TokenType { return symbolNames }

func (d tokenDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	var b strings.Builder
	if _, err := io.Copy(&b, r); err != nil {
		return nil, err
	}
	return d.LexString(filename, b.String())
}

func (tokenDefinition) LexString(filename, src string) (lexer.Lexer, error) {
	return newTokenStream(filename, src), nil
}

// tokenStream is one run of the scanner as a participle lexer.Lexer. It
// gives every token its line and column, counted incrementally so that the
// cost stays linear, and marks the two errors the scanner cannot see on
// its own: a misplaced '#!' line and a block nested too deeply.
type tokenStream struct {
	scan *scanner
	file string
	// The position of offset pos: line and the offset at which it starts.
	pos, line, lineStart int
	lastEnd              ast.Pos // end of the last real token, where EOF sits
	srcEnd               ast.Pos // end of the source, set at EOF
	// afterPredicate holds the offsets of the tokens that directly follow
	// a predicate's closing '/', for the error message that suspects a
	// division there.
	afterPredicate []int
	lastKind       tokenKind
}

func newTokenStream(filename, src string) *tokenStream {
	s := &tokenStream{scan: newScanner(src), file: filename, line: 1}
	s.lastEnd = ast.Pos{File: filename, Line: 1, Col: 1}
	return s
}

// Next returns the next token. It never fails: bad input becomes error
// tokens.
func (s *tokenStream) Next() (lexer.Token, error) {
	t := s.scan.next()
	if t.kind == tokEOF {
		s.srcEnd = s.advance(len(s.scan.src))
		p := s.lastEnd
		return lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Filename: p.File, Offset: p.Offset, Line: p.Line, Column: p.Col}}, nil
	}
	kind := t.kind
	switch {
	case kind == tokShebang && t.start != 0:
		kind = tokMisplacedShebang
	case t.text == "{" && s.scan.state == stateBody && s.scan.depth+s.scan.brackets > maxNesting:
		kind = tokBlockTooDeep
	case kind == tokPunct && assignOps[t.text]:
		kind = tokAssignOp
	}
	if s.lastKind == tokPredEnd {
		s.afterPredicate = append(s.afterPredicate, t.start)
	}
	s.lastKind = kind
	p := s.advance(t.start)
	s.lastEnd = ast.Pos{File: p.File, Offset: t.end, Line: p.Line, Col: p.Col + len(t.text)}
	return lexer.Token{
		Type:  lexer.TokenType(kind),
		Value: t.text,
		Pos:   lexer.Position{Filename: p.File, Offset: p.Offset, Line: p.Line, Column: p.Col},
	}, nil
}

// advance moves the line count forward to offset, which must not be
// before the last offset asked for, and returns its position. Columns count
// bytes, as diag.Render does when it places the caret.
func (s *tokenStream) advance(offset int) ast.Pos {
	gap := s.scan.src[s.pos:offset]
	if n := strings.Count(gap, "\n"); n > 0 {
		s.line += n
		s.lineStart = s.pos + strings.LastIndexByte(gap, '\n') + 1
	}
	s.pos = offset
	return ast.Pos{File: s.file, Offset: offset, Line: s.line, Col: offset - s.lineStart + 1}
}

// kindOf returns the scanner's kind of a participle token.
func kindOf(t *lexer.Token) tokenKind {
	if t.Type == lexer.EOF {
		return tokEOF
	}
	return tokenKind(t.Type)
}

// posOf returns where t starts.
func posOf(t *lexer.Token) ast.Pos {
	return ast.Pos{File: t.Pos.Filename, Offset: t.Pos.Offset, Line: t.Pos.Line, Col: t.Pos.Column}
}

// endOf returns where t ends. No token spans lines: strings end at a
// newline and a '#!' line before it, so the end is on the same line.
func endOf(t *lexer.Token) ast.Pos { return posAt(t, len(t.Value)) }

// posAt returns the position delta bytes into t.
func posAt(t *lexer.Token, delta int) ast.Pos {
	p := posOf(t)
	p.Offset += delta
	p.Col += delta
	return p
}

// spanOf returns the span from the start of first to the end of last.
func spanOf(first, last *lexer.Token) ast.Span {
	return ast.Span{Start: posOf(first), Stop: endOf(last)}
}
