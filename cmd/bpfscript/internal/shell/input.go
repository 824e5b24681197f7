package shell

import "strings"

// chunkKind says what the text typed so far is, and whether it is whole.
type chunkKind int

const (
	emptyChunk      chunkKind = iota // blanks and comments: nothing to run
	incompleteChunk                  // more lines to come: a brace, string or comment is open
	programChunk                     // one or more probe blocks, attached as a program
	statementChunk                   // statements, run once at once
)

// classify says what src, the lines typed since the last prompt, is. A
// program is whole when its braces balance after at least one block; a
// statement when its braces balance. Braces count outside strings and
// comments, so `printf("{")` is whole.
func classify(src string) chunkKind {
	sc := scanBraces(src)
	if sc.open {
		return incompleteChunk
	}
	lead := leadingWord(src)
	switch {
	case lead.empty:
		return emptyChunk
	case !lead.program:
		if sc.depth > 0 {
			return incompleteChunk
		}
		return statementChunk
	case sc.depth > 0 || sc.blocks == 0:
		return incompleteChunk
	default:
		return programChunk
	}
}

// braces is what scanBraces finds.
type braces struct {
	depth  int  // braces opened and not closed
	blocks int  // braces opened at depth 0
	open   bool // src ends inside a string or a block comment
}

// scanBraces counts braces outside strings ("..." with backslash escapes),
// line comments and block comments.
func scanBraces(src string) braces {
	var b braces
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '"':
			i++
			for i < len(src) && src[i] != '"' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(src) {
				b.open = true
			}
		case c == '/' && strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				b.open = true
				return b
			}
			i += 2 + end + 1
		case c == '{':
			if b.depth == 0 {
				b.blocks++
			}
			b.depth++
		case c == '}':
			if b.depth > 0 {
				b.depth--
			}
		}
	}
	return b
}

// lead is what the first word of a chunk says about it.
type lead struct {
	empty   bool // only blanks and comments
	program bool // it starts a probe block (or another top-level item)
}

// topLevel are the words that start a program rather than a statement
// although no colon follows them.
var topLevel = map[string]bool{
	"BEGIN": true, "END": true, "begin": true, "end": true,
	"struct": true, "config": true, "fn": true, "macro": true, "import": true,
}

// leadingWord reads the first word of src past blanks and comments: a probe
// spec ("tracepoint:..." or "t:...", a word followed by a colon or a
// comma), a preprocessor line (#include) or a top-level keyword starts a
// program; anything else (@x = 1, print(@m), if ...) is a statement.
func leadingWord(src string) lead {
	i := 0
	for i < len(src) {
		switch {
		case src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r':
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return lead{empty: true}
			}
			i += 2 + end + 2
		default:
			return wordAt(src[i:])
		}
	}
	return lead{empty: true}
}

func wordAt(s string) lead {
	if s[0] == '#' {
		return lead{program: true}
	}
	n := 0
	for n < len(s) && isWordByte(s[n]) {
		n++
	}
	if n == 0 {
		return lead{}
	}
	if topLevel[s[:n]] {
		return lead{program: true}
	}
	rest := strings.TrimLeft(s[n:], " \t")
	return lead{program: strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, ",")}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
