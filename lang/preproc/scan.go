package preproc

import "strings"

// Lexical helpers shared by directives and expansion. The preprocessor
// works on text, as cpp does on tokens, but only needs to tell apart
// identifiers, numbers, strings, comments and everything else.

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || '0' <= c && c <= '9' }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// identEnd returns the end of the identifier starting at s[i].
func identEnd(s string, i int) int {
	for i < len(s) && isIdentChar(s[i]) {
		i++
	}
	return i
}

// numberEnd returns the end of the number (a C pp-number: digits, letters,
// '.', '_') starting at s[i], so that 0x1F or 10UL is one piece.
func numberEnd(s string, i int) int {
	for i < len(s) && (isIdentChar(s[i]) || s[i] == '.') {
		i++
	}
	return i
}

// quotedEnd returns the end of the string or character literal opened by
// the quote at s[i]: after its closing quote, or at the end of the line
// when it is unterminated (the parser reports that).
func quotedEnd(s string, i int) int {
	q := s[i]
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case q:
			return i + 1
		case '\n':
			return i
		}
	}
	return len(s)
}

// commentEnd returns the end of the block comment opened at s[i] ("/*"),
// and whether it closes.
func commentEnd(s string, i int) (int, bool) {
	if j := strings.Index(s[i+2:], "*/"); j >= 0 {
		return i + 2 + j + 2, true
	}
	return len(s), false
}

// isDirective reports whether line is a preprocessor directive: its first
// non-blank character is '#', and it is not a "#!" line.
func isDirective(line string) bool {
	i := 0
	for i < len(line) && isBlank(line[i]) {
		i++
	}
	return i < len(line) && line[i] == '#' && !strings.HasPrefix(line[i:], "#!")
}

// endsInComment reports whether a block comment is open at the end of line,
// given whether one was open at its start.
func endsInComment(line string, open bool) bool {
	i := 0
	if open {
		j := strings.Index(line, "*/")
		if j < 0 {
			return true
		}
		i = j + 2
	}
	for i < len(line) {
		switch c := line[i]; {
		case c == '"':
			i = quotedEnd(line, i)
		case c == '/' && i+1 < len(line) && line[i+1] == '/':
			return false
		case c == '/' && i+1 < len(line) && line[i+1] == '*':
			end, closed := commentEnd(line, i)
			if !closed {
				return true
			}
			i = end
		default:
			i++
		}
	}
	return false
}

// blankComments replaces the comments of a directive's text with spaces,
// one for one, so that columns still match the source. A block comment
// left open runs to the end of the text.
func blankComments(s string) string {
	if !strings.Contains(s, "/") {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '"' || c == '\'':
			i = quotedEnd(s, i)
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b); i++ {
				b[i] = ' '
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end, _ := commentEnd(s, i)
			for ; i < end; i++ {
				b[i] = ' '
			}
		default:
			i++
		}
	}
	return string(b)
}

// directive is a directive line: '#', the keyword and the rest. Columns
// count from 1 in the directive's first line.
type directive struct {
	keyword    string
	keywordCol int
	rest       string // after the keyword, comments blanked
	restCol    int    // column of rest[0]
}

func parseDirective(text string) directive {
	text = blankComments(text)
	i := strings.IndexByte(text, '#') + 1
	for i < len(text) && isBlank(text[i]) {
		i++
	}
	d := directive{keywordCol: i + 1}
	j := identEnd(text, i)
	d.keyword = text[i:j]
	d.rest, d.restCol = text[j:], j+1
	return d
}

// skipBlanks returns s and col past leading blanks.
func skipBlanks(s string, col int) (string, int) {
	i := 0
	for i < len(s) && isBlank(s[i]) {
		i++
	}
	return s[i:], col + i
}
