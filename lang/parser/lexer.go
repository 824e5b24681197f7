package parser

import (
	"strings"
	"unicode/utf8"
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
	// Set by the token stream (tokens.go), not by the scanner: a '#!'
	// line that is not the first line, and a '{' that opens a block
	// nested more than maxNesting deep.
	tokMisplacedShebang
	tokBlockTooDeep
	// Also set by the token stream: '=' and the compound assignment
	// operators, so that the grammar names them with one token type.
	tokAssignOp
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

// lexState is where the scanner is, because the same characters mean
// different things in different places:
//
//   - stateRoot, outside any block: a word with colons is a whole probe spec
//     (`uprobe:/bin/bash:readline` would otherwise split into a dozen
//     tokens), `/` opens a predicate and `{` opens a probe body.
//   - statePred, inside `/.../`: a `/` at the top level closes the
//     predicate, so `/pid == 1/` is not a division. `(`, `[` and the `{`
//     of a block expression enter stateParen, where `/` divides again:
//     `/(a / 2) > 1/`.
//   - stateParen: `(`, `[` and `{` nest, `)`, `]` and `}` close one level
//     each (without checking that they match; the parser does that).
//   - stateBody, inside braces: every `/` divides; braces nest.
//   - stateDeclParen, inside parentheses opened at the top level (a map
//     declaration's size, `let @a = hash(4096 / 2);`): `/` divides;
//     parentheses nest, and the last `)` returns to stateRoot.
//
// Conceptually this is a stack of states, but only two shapes occur,
// Root Pred Paren… and Root Body…, so the state of the top plus a nesting
// depth describes it exactly. Outside the brackets that switch state,
// `{ } ( ) [ ]` are plain punctuation: a `}` in stateRoot or a `)` in
// statePred changes nothing.
type lexState uint8

const (
	stateRoot lexState = iota
	statePred
	stateParen
	stateBody
	stateDeclParen
)

// scanner cuts source into tokens one at a time. Bad input becomes error
// tokens rather than errors, so that the parser reports the first problem
// in source order: a stray character after the first syntax error is never
// reported ahead of it. It works byte by byte; only a character that starts
// no token is decoded as UTF-8, so that a stray multi-byte character is
// reported whole (an invalid byte is reported on its own).
type scanner struct {
	src   string
	pos   int // offset of the first byte not yet scanned
	state lexState
	depth int // open brackets in stateParen, open braces in stateBody
	// brackets counts the '(' and '[' open in stateBody, so that a '{'
	// of a block expression nested in parentheses counts them as levels
	// of nesting (tokens.go).
	brackets int
	lastEnd  int // end of the last real token, where EOF is reported
}

func newScanner(src string) *scanner { return &scanner{src: src} }

// next returns the next token, skipping whitespace and comments. At the end
// of input it returns an EOF token placed just after the last real token,
// so "unexpected end of file" points at the end of the program rather than
// at a trailing blank line.
func (s *scanner) next() token {
	src := s.src
	for s.pos < len(src) {
		c := src[s.pos]
		switch {
		case isSpace(c):
			s.pos++
			continue
		case c == '/' && s.byteAt(s.pos+1) == '/':
			if i := strings.IndexByte(src[s.pos:], '\n'); i >= 0 {
				s.pos += i
			} else {
				s.pos = len(src)
			}
			continue
		case c == '/' && s.byteAt(s.pos+1) == '*':
			// A block comment ends at the first "*/" after its "/*", so
			// "/*/" does not close itself.
			if i := strings.Index(src[s.pos+2:], "*/"); i >= 0 {
				s.pos += 2 + i + 2
				continue
			}
			return s.emit(tokUnterminatedComment, len(src))
		}
		return s.scanToken()
	}
	return token{kind: tokEOF, start: s.lastEnd, end: s.lastEnd}
}

// byteAt returns src[i], or 0 past the end (0 matches no rule that looks
// ahead).
func (s *scanner) byteAt(i int) byte {
	if i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// emit returns the token from s.pos to end and moves past it.
func (s *scanner) emit(kind tokenKind, end int) token {
	tok := token{kind: kind, text: s.src[s.pos:end], start: s.pos, end: end}
	s.pos = end
	s.lastEnd = end
	return tok
}

// scanToken scans the token at s.pos, which is neither whitespace nor a
// comment. The tokens special to the current state take precedence over
// the common ones.
func (s *scanner) scanToken() token {
	src, start := s.src, s.pos
	c := src[start]
	switch s.state {
	case stateRoot:
		switch {
		case c == '#' && s.byteAt(start+1) == '!':
			return s.emit(tokShebang, lineEnd(src, start))
		case isIdentStart(c):
			if end, ok := probeSpecEnd(src, start); ok {
				return s.emit(tokProbeSpec, end)
			}
		case c == '/':
			s.state = statePred
			return s.emit(tokPredStart, start+1)
		case c == '{':
			s.state, s.depth = stateBody, 1
			return s.emit(tokPunct, start+1)
		case c == '(':
			s.state, s.depth = stateDeclParen, 1
			return s.emit(tokPunct, start+1)
		}
	case stateDeclParen:
		switch c {
		case '(':
			s.depth++
			return s.emit(tokPunct, start+1)
		case ')':
			if s.depth--; s.depth == 0 {
				s.state = stateRoot
			}
			return s.emit(tokPunct, start+1)
		}
	case statePred:
		switch c {
		case '/':
			s.state = stateRoot
			return s.emit(tokPredEnd, start+1)
		case '(', '[', '{':
			s.state, s.depth = stateParen, 1
			return s.emit(tokPunct, start+1)
		}
	case stateParen:
		switch c {
		case '(', '[', '{':
			s.depth++
			return s.emit(tokPunct, start+1)
		case ')', ']', '}':
			if s.depth--; s.depth == 0 {
				s.state = statePred
			}
			return s.emit(tokPunct, start+1)
		}
	case stateBody:
		switch c {
		case '{':
			s.depth++
			return s.emit(tokPunct, start+1)
		case '}':
			if s.depth--; s.depth == 0 {
				s.state, s.brackets = stateRoot, 0
			}
			return s.emit(tokPunct, start+1)
		case '(', '[':
			s.brackets++
		case ')', ']':
			s.brackets = max(s.brackets-1, 0)
		}
	}
	return s.scanCommon()
}

// scanCommon scans a token that means the same in every state.
func (s *scanner) scanCommon() token {
	src, start := s.src, s.pos
	c := src[start]
	switch {
	case c == '"':
		return s.scanString()
	case isDigit(c):
		// Letters are swallowed too so that 12ab is one bad literal, not
		// a number followed by an identifier.
		return s.emit(tokNumber, identEnd(src, start+1))
	case c == '$':
		next := s.byteAt(start + 1)
		switch {
		case isDigit(next):
			end := start + 2
			for end < len(src) && isDigit(src[end]) {
				end++
			}
			return s.emit(tokPosParam, end)
		case next == '#':
			return s.emit(tokParamCount, start+2)
		case isIdentStart(next):
			return s.emit(tokVar, identEnd(src, start+2))
		}
	case c == '@':
		// A bare @ is the anonymous map.
		if isIdentStart(s.byteAt(start + 1)) {
			return s.emit(tokMap, identEnd(src, start+2))
		}
		return s.emit(tokMap, start+1)
	case isIdentStart(c):
		return s.emit(tokIdent, identEnd(src, start+1))
	case strings.IndexByte("()[]{}", c) >= 0:
		return s.emit(tokPunct, start+1)
	}
	if n := operatorLen(src[start:]); n > 0 {
		return s.emit(tokPunct, start+n)
	}
	_, size := utf8.DecodeRuneInString(src[start:])
	return s.emit(tokStray, start+size)
}

// scanString scans a string literal. Inside it a backslash escapes any
// byte but a newline; the parser checks the escapes. A string that meets a
// newline or the end of input is unterminated, and the token then ends
// before the newline, taking a dangling backslash with it.
func (s *scanner) scanString() token {
	src := s.src
	for i := s.pos + 1; i < len(src); i++ {
		switch src[i] {
		case '"':
			return s.emit(tokString, i+1)
		case '\n':
			return s.emit(tokUnterminatedString, i)
		case '\\':
			if i+1 == len(src) || src[i+1] == '\n' {
				return s.emit(tokUnterminatedString, i+1)
			}
			i++
		}
	}
	return s.emit(tokUnterminatedString, len(src))
}

// operators lists the multi-character operators, longest first so that
// the first prefix found is the longest.
var operators = [...]string{
	"<<=", ">>=",
	"->", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
	"<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "..",
}

// operatorLen returns the length of the operator at the start of rest, or
// 0 if there is none.
func operatorLen(rest string) int {
	for _, op := range operators {
		if strings.HasPrefix(rest, op) {
			return len(op)
		}
	}
	if strings.IndexByte("-+*/%&|^!~<>=?:;,.", rest[0]) >= 0 {
		return 1
	}
	return 0
}

// probeSpecEnd returns the end of the probe spec starting at start: a
// provider followed by one or more ':'-separated parts, possibly empty. A
// part that starts like a path (/, ./, ../) may contain '/', so
// `uprobe:/bin/bash:readline` is one token while `kprobe:f/pid == 1/` still
// ends the spec before the predicate. Other parts allow the wildcards * and
// ? and [...] groups. ok is false when no ':' follows the provider, which
// is then an identifier.
func probeSpecEnd(src string, start int) (end int, ok bool) {
	end = identEnd(src, start+1)
	if end == len(src) || src[end] != ':' {
		return 0, false
	}
	for end < len(src) && src[end] == ':' {
		end = specPartEnd(src, end+1)
	}
	return end, true
}

// specPartEnd returns the end of the probe spec part starting at start.
func specPartEnd(src string, start int) int {
	rest := src[start:]
	if strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, "./") || strings.HasPrefix(rest, "../") {
		end := start + strings.IndexByte(rest, '/') + 1
		for end < len(src) && isPathByte(src[end]) {
			end++
		}
		return end
	}
	end := start
	for end < len(src) {
		switch c := src[end]; {
		case isSpecByte(c):
			end++
		case c == '$' && end+1 < len(src) && isDigit(src[end+1]):
			// A positional parameter, `interval:s:$1`: the checker
			// substitutes its text.
			end += 2
			for end < len(src) && isDigit(src[end]) {
				end++
			}
		case c == '[':
			// A [...] group may hold anything but ']', ':' and the
			// white space \t \n \f \r and ' ' (not \v); without its ']'
			// it is not part of the spec.
			i := end + 1
			for i < len(src) && !isGroupStop(src[i]) {
				i++
			}
			if i == len(src) || src[i] != ']' {
				return end
			}
			end = i + 1
		default:
			return end
		}
	}
	return end
}

// lineEnd returns the offset of the newline ending the line that holds
// start, or the end of src.
func lineEnd(src string, start int) int {
	if i := strings.IndexByte(src[start:], '\n'); i >= 0 {
		return start + i
	}
	return len(src)
}

// identEnd returns the end of the run of letters, digits and '_' that
// starts at or after start.
func identEnd(src string, start int) int {
	for start < len(src) && isIdentByte(src[start]) {
		start++
	}
	return start
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentStart(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

func isIdentByte(c byte) bool { return isIdentStart(c) || isDigit(c) }

// isSpecByte reports whether c may appear in a probe spec part.
func isSpecByte(c byte) bool { return isIdentByte(c) || strings.IndexByte(".+-*?", c) >= 0 }

// isPathByte reports whether c may appear in a probe spec part that is a
// path.
func isPathByte(c byte) bool { return isIdentByte(c) || strings.IndexByte("./+-*?@#~", c) >= 0 }

// isGroupStop reports whether c ends a [...] group in a probe spec part.
func isGroupStop(c byte) bool {
	return c == ']' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
