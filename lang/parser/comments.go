package parser

import "strings"

// Comment is one comment of a source file, as written: its text with the
// `//` or `/* */`, and its byte range [Start, End).
type Comment struct {
	Text       string
	Start, End int
}

// Comments lists the comments of src in order, found where the scanner
// skips them, so that a `//` inside a string or a probe spec is no
// comment. It is for tools that print programs back (bpfscript fmt); the
// parser itself drops comments. src should parse: scanning stops at the
// first token that is an error.
func Comments(src string) []Comment {
	s := newScanner(src)
	var out []Comment
	prev := 0
	for {
		tok := s.next()
		end := tok.start
		if tok.kind == tokEOF {
			end = len(src)
		}
		// Between two tokens there is only whitespace and comments.
		out = appendComments(out, src, prev, end)
		if tok.kind == tokEOF || tok.kind >= tokUnterminatedString {
			return out
		}
		prev = tok.end
	}
}

// appendComments adds the comments in src[from:to], a stretch of only
// whitespace and comments.
func appendComments(out []Comment, src string, from, to int) []Comment {
	for i := from; i < to; i++ {
		if src[i] != '/' || i+1 >= to {
			continue
		}
		var end int
		switch src[i+1] {
		case '/':
			end = to
			if j := strings.IndexByte(src[i:to], '\n'); j >= 0 {
				end = i + j
			}
		case '*':
			j := strings.Index(src[i+2:to], "*/")
			if j < 0 {
				return out
			}
			end = i + 2 + j + 2
		default:
			continue
		}
		out = append(out, Comment{Text: src[i:end], Start: i, End: end})
		i = end - 1
	}
	return out
}
