package parser

import (
	"fmt"
	"sort"

	"github.com/alecthomas/participle/v2/lexer"
)

// tokenKind classifies a token for the parser. Punctuation and operators
// share tokPunct and are told apart by their text.
type tokenKind int

const (
	tokEOF tokenKind = iota
	tokShebang
	tokProbeSpec // kprobe:vfs_read, uprobe:/bin/bash:readline, ...
	tokPredStart // the '/' that opens a predicate
	tokPredEnd   // the '/' that closes a predicate
	tokIdent
	tokNumber
	tokString
	tokVar        // $name
	tokPosParam   // $1
	tokParamCount // $#
	tokMap        // @ or @name
	tokPunct
	// Tokens that are errors in themselves; the parser reports them as
	// soon as it reads them.
	tokUnterminatedString
	tokUnterminatedComment
	tokStray
)

// token is one lexeme with its byte range [start, end) in the source.
type token struct {
	kind       tokenKind
	text       string
	start, end int
}

// is reports whether t is the punctuation or operator text.
func (t token) is(text string) bool { return t.kind == tokPunct && t.text == text }

// isWord reports whether t is the identifier (or keyword) text.
func (t token) isWord(text string) bool { return t.kind == tokIdent && t.text == text }

// The lexer is stateful because the same characters mean different things
// in different places:
//
//   - Root, outside any block: a word with colons is a whole probe spec
//     (`uprobe:/bin/bash:readline` would otherwise split into a dozen
//     tokens), `/` opens a predicate and `{` opens a probe body.
//   - Pred, inside `/.../`: a `/` at the top level closes the predicate, so
//     `/pid == 1/` is not a division. Brackets push Paren, where `/` divides
//     again: `/(a / 2) > 1/`.
//   - Body, inside braces: every `/` divides; braces nest.
//
// Rule order matters: the stateful lexer takes the first rule that matches,
// so comments come before the `/` rules, multi-character operators before
// single ones, and the catch-all Stray rule is last. Lower-case rule names are
// dropped by participle (whitespace and comments).
var (
	leadingRules = []lexer.Rule{
		{Name: "whitespace", Pattern: `[ \t\r\n\f\v]+`},
		{Name: "lineComment", Pattern: `//[^\n]*`},
		{Name: "blockComment", Pattern: `/\*(?:[^*]|\*+[^*/])*\*+/`},
		{Name: "UnterminatedComment", Pattern: `/\*[\s\S]*`},
	}
	commonRules = []lexer.Rule{
		{Name: "String", Pattern: `"(?:[^"\\\n]|\\[^\n])*"`},
		{Name: "UnterminatedString", Pattern: `"(?:[^"\\\n]|\\[^\n])*\\?`},
		// Letters are swallowed too so that 12ab is one bad literal, not
		// a number followed by an identifier.
		{Name: "Number", Pattern: `[0-9][0-9A-Za-z_]*`},
		{Name: "PosParam", Pattern: `\$[0-9]+`},
		{Name: "ParamCount", Pattern: `\$#`},
		{Name: "Var", Pattern: `\$[A-Za-z_][A-Za-z0-9_]*`},
		{Name: "Map", Pattern: `@[A-Za-z_][A-Za-z0-9_]*|@`},
		{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_]*`},
		{Name: "Operator", Pattern: `<<=|>>=|->|\+\+|--|\+=|-=|\*=|/=|%=|&=|\|=|\^=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!~<>=?:;,.]`},
		{Name: "LParen", Pattern: `\(`},
		{Name: "RParen", Pattern: `\)`},
		{Name: "LBracket", Pattern: `\[`},
		{Name: "RBracket", Pattern: `\]`},
		{Name: "LBrace", Pattern: `\{`},
		{Name: "RBrace", Pattern: `\}`},
		{Name: "Stray", Pattern: `[\s\S]`},
	}
)

// probeSpecPattern matches a provider followed by one or more ':'-separated
// parts. A part that starts like a path (/, ./, ../) may contain '/', so
// `uprobe:/bin/bash:readline` is one token while `kprobe:f/pid == 1/` still
// ends the spec before the predicate. Wildcards * ? and [...] are allowed.
const probeSpecPattern = `[A-Za-z_][A-Za-z0-9_]*` +
	`(?::(?:\.{0,2}/[A-Za-z0-9_./+\-*?@#~]*|(?:[A-Za-z0-9_.+\-*?]|\[[^\]\s:]*\])*))+`

func stateRules(special ...lexer.Rule) []lexer.Rule {
	rules := append([]lexer.Rule{}, leadingRules...)
	rules = append(rules, special...)
	return append(rules, commonRules...)
}

var lexerDef = lexer.MustStateful(lexer.Rules{
	"Root": stateRules(
		lexer.Rule{Name: "Shebang", Pattern: `#![^\n]*`},
		lexer.Rule{Name: "ProbeSpec", Pattern: probeSpecPattern},
		lexer.Rule{Name: "PredStart", Pattern: `/`, Action: lexer.Push("Pred")},
		lexer.Rule{Name: "LBrace", Pattern: `\{`, Action: lexer.Push("Body")},
	),
	"Pred": stateRules(
		lexer.Rule{Name: "PredEnd", Pattern: `/`, Action: lexer.Pop()},
		lexer.Rule{Name: "LParen", Pattern: `\(`, Action: lexer.Push("Paren")},
		lexer.Rule{Name: "LBracket", Pattern: `\[`, Action: lexer.Push("Paren")},
	),
	"Paren": stateRules(
		lexer.Rule{Name: "LParen", Pattern: `\(`, Action: lexer.Push("Paren")},
		lexer.Rule{Name: "LBracket", Pattern: `\[`, Action: lexer.Push("Paren")},
		lexer.Rule{Name: "RParen", Pattern: `\)`, Action: lexer.Pop()},
		lexer.Rule{Name: "RBracket", Pattern: `\]`, Action: lexer.Pop()},
	),
	"Body": stateRules(
		lexer.Rule{Name: "LBrace", Pattern: `\{`, Action: lexer.Push("Body")},
		lexer.Rule{Name: "RBrace", Pattern: `\}`, Action: lexer.Pop()},
	),
})

// kindOfRule maps participle's rule names to token kinds.
var kindOfRule = map[string]tokenKind{
	"EOF":                 tokEOF,
	"Shebang":             tokShebang,
	"ProbeSpec":           tokProbeSpec,
	"PredStart":           tokPredStart,
	"PredEnd":             tokPredEnd,
	"Ident":               tokIdent,
	"Number":              tokNumber,
	"String":              tokString,
	"Var":                 tokVar,
	"PosParam":            tokPosParam,
	"ParamCount":          tokParamCount,
	"Map":                 tokMap,
	"Operator":            tokPunct,
	"LParen":              tokPunct,
	"RParen":              tokPunct,
	"LBracket":            tokPunct,
	"RBracket":            tokPunct,
	"LBrace":              tokPunct,
	"RBrace":              tokPunct,
	"UnterminatedString":  tokUnterminatedString,
	"UnterminatedComment": tokUnterminatedComment,
	"Stray":               tokStray,
}

// kindOfType is kindOfRule keyed by participle's token types.
var kindOfType = func() map[lexer.TokenType]tokenKind {
	m := make(map[lexer.TokenType]tokenKind)
	for name, typ := range lexerDef.Symbols() {
		if kind, ok := kindOfRule[name]; ok {
			m[typ] = kind
		}
	}
	return m
}()

// scanner pulls tokens from participle's lexer one at a time. Lexing lazily
// (rather than upgrading to a PeekingLexer, which lexes everything up front)
// keeps errors in source order: a stray character after the first syntax
// error is never reported ahead of it.
type scanner struct {
	lex     lexer.Lexer
	lastEnd int // end of the last real token, where EOF is reported
}

func newScanner(filename, src string) (*scanner, error) {
	lex, err := lexerDef.LexString(filename, src)
	if err != nil {
		return nil, err
	}
	return &scanner{lex: lex}, nil
}

// next returns the next token. At the end of input it returns an EOF token
// placed just after the last real token, so "unexpected end of file" points
// at the end of the program rather than at a trailing blank line.
func (s *scanner) next() (token, error) {
	t, err := s.lex.Next()
	if err != nil {
		return token{}, err
	}
	if t.Type == lexer.EOF {
		return token{kind: tokEOF, start: s.lastEnd, end: s.lastEnd}, nil
	}
	kind, ok := kindOfType[t.Type]
	if !ok {
		return token{}, fmt.Errorf("lexer produced unknown token type %d", t.Type)
	}
	tok := token{kind: kind, text: t.Value, start: t.Pos.Offset, end: t.Pos.Offset + len(t.Value)}
	s.lastEnd = tok.end
	return tok, nil
}

// lineIndex converts byte offsets to line and column. Columns count bytes,
// as diag.Render does when it places the caret.
type lineIndex struct {
	starts []int // byte offset of the first byte of each line
}

func newLineIndex(src string) lineIndex {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts}
}

// lineCol returns the 1-based line and column of offset.
func (li lineIndex) lineCol(offset int) (line, col int) {
	i := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - li.starts[i] + 1
}
