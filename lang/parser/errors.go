package parser

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// errorAt makes a positioned error from start to end.
func errorAt(start, end ast.Pos, format string, args ...any) *diag.Error {
	return &diag.Error{Pos: start, End: end, Msg: fmt.Sprintf(format, args...)}
}

// unexpectedToken reports t where something else was expected, in
// bison's words, as bpftrace does. A token that is an error in itself is
// reported as that error instead.
func unexpectedToken(t *lexer.Token, expecting string) *diag.Error {
	if err := tokenError(t); err != nil {
		return err
	}
	return errorAt(posOf(t), endOf(t), "syntax error, unexpected %s, expecting %s", describe(t), expecting)
}

// tokenError returns the error that an error token stands for, or nil.
func tokenError(t *lexer.Token) *diag.Error {
	switch kindOf(t) {
	case tokUnterminatedString:
		return errorAt(posOf(t), endOf(t), "unterminated string")
	case tokUnterminatedComment:
		return errorAt(posOf(t), posAt(t, 2), "unterminated comment")
	case tokStray:
		return errorAt(posOf(t), endOf(t), "invalid character %s", describeChar(t.Value))
	case tokMisplacedShebang:
		return errorAt(posOf(t), posAt(t, 1), "invalid character '#': a #! line must be the first line")
	case tokBlockTooDeep:
		return errorAt(posOf(t), endOf(t), "block nested too deeply (more than %d levels)", maxNesting)
	}
	return nil
}

// expectations names what the grammar expected, by the first element of
// participle's description of the rest of the production that failed:
// a production (struct) name, a token kind as <kind>, or a quoted text.
var expectations = map[string]string{
	"Block":       "'{'",
	"expr":        "expression",
	"<eof>":       "probe", // after a probe, only another probe may follow
	"<predend>":   "'/' to end the predicate",
	"<var>":       "a variable such as '$x'",
	"<probespec>": "probe",
	"<map>":       "a map such as '@a'",
	"<ident>":     "a name",
}

// fromParticiple converts an error participle returned into the parser's
// positioned error. Errors from expression parsing are already
// *diag.Error; participle's own are about a token the grammar did not
// expect there. afterPredicate lists the offsets of the tokens right after
// a predicate, for the one message that depends on the token before.
func fromParticiple(err error, afterPredicate []int) *diag.Error {
	var derr *diag.Error
	if errors.As(err, &derr) {
		return derr
	}
	var unexpected *participle.UnexpectedTokenError
	if !errors.As(err, &unexpected) {
		// Participle reports nothing else for this grammar; keep what it
		// says, at the position it gives.
		var perr participle.Error
		if errors.As(err, &perr) {
			p := perr.Position()
			pos := ast.Pos{File: p.Filename, Offset: p.Offset, Line: p.Line, Col: p.Column}
			return errorAt(pos, pos, "syntax error: %s", perr.Message())
		}
		return &diag.Error{Pos: ast.Pos{Line: 1, Col: 1}, Msg: "syntax error: " + err.Error()}
	}
	t := &unexpected.Unexpected
	expecting := expectation(unexpected.Message())
	if expecting == "'{'" && followsPredicate(t, afterPredicate) {
		// An operand right after the closing '/' almost always means the
		// predicate held a division, which ended it early.
		expecting = "'{' (a '/' ends the predicate: put a division in parentheses)"
	}
	return unexpectedToken(t, expecting)
}

// followsPredicate reports whether t is an operand right after a
// predicate's closing '/'.
func followsPredicate(t *lexer.Token, afterPredicate []int) bool {
	if kind := kindOf(t); kind != tokNumber && kind != tokPosParam && !isPunct(t, "(") {
		return false
	}
	return slices.Contains(afterPredicate, t.Pos.Offset)
}

// expectation turns participle's "unexpected token ... (expected REST)"
// into what bpfscript's messages say was expected. Without "(expected",
// the error comes from the only lookahead that can fail, the one after a
// simple statement.
func expectation(msg string) string {
	const marker = " (expected "
	i := strings.LastIndex(msg, marker)
	if i < 0 {
		return "';' or '}'"
	}
	rest := strings.TrimLeft(msg[i+len(marker):], "(")
	var first string
	if strings.HasPrefix(rest, `"`) {
		end := strings.IndexByte(rest[1:], '"')
		text, err := strconv.Unquote(rest[:end+2])
		if err != nil {
			return rest
		}
		return quote(text)
	}
	first = rest
	if end := strings.IndexAny(rest, " |)"); end >= 0 {
		first = rest[:end]
	}
	if phrase, ok := expectations[first]; ok {
		return phrase
	}
	return first
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
func describe(t *lexer.Token) string {
	switch kindOf(t) {
	case tokEOF:
		return "end of file"
	case tokIdent:
		if keywords[t.Value] || unsupportedKeywords[t.Value] {
			return "keyword " + quote(t.Value)
		}
		return "identifier " + quote(t.Value)
	case tokNumber:
		return "integer " + t.Value
	case tokString:
		text := t.Value
		if len(text) > 24 {
			text = text[:20] + `..."`
		}
		return "string " + text
	case tokVar:
		return "variable " + quote(t.Value)
	case tokPosParam, tokParamCount:
		return "positional parameter " + quote(t.Value)
	case tokMap:
		return "map " + quote(t.Value)
	case tokProbeSpec:
		return "probe " + quote(t.Value)
	case tokShebang:
		return "'#!'"
	}
	return quote(t.Value)
}

// keywords are words the grammar gives meaning to; they are never
// identifiers.
var keywords = map[string]bool{
	"if": true, "else": true, "let": true, "return": true,
	"while": true, "for": true, "unroll": true, "break": true, "continue": true,
	"macro": true,
}

// unsupportedKeywords are reserved for bpftrace constructs bpfscript does
// not implement yet, so that using one gets a clear message instead of a
// puzzling syntax error.
var unsupportedKeywords = map[string]bool{"import": true}

// clip shortens a long token quoted in a message; the caret shows where it is.
func clip(s string) string {
	if len(s) > 24 {
		return s[:20] + "..."
	}
	return s
}
