package parser

import (
	"errors"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// parseInt decodes an integer literal: decimal, hex 0x1F, octal 017,
// binary 0b101, with '_' allowed between digits (1_000). It reports an
// error at the literal and returns false when the text is not a valid
// literal or does not fit in 64 bits.
func (p *exprParser) parseInt(t *lexer.Token) (uint64, bool) {
	text := t.Value
	// strconv's base-0 syntax matches bpftrace's except for Go's 0o
	// prefix, which bpftrace does not have.
	if len(text) > 1 && (text[1] == 'o' || text[1] == 'O') {
		p.failTok(t, "invalid integer literal %s", text)
		return 0, false
	}
	value, err := strconv.ParseUint(text, 0, 64)
	switch {
	case err == nil:
		return value, true
	case errors.Is(err, strconv.ErrRange):
		p.failTok(t, "integer literal %s is out of range", clip(text))
	default:
		p.failTok(t, "invalid integer literal %s", text)
	}
	return 0, false
}

// decodeString returns the value of a string literal token (quotes
// included), decoding the escapes \n \t \r \\ \" \' \xNN and octal \NNN
// (\0 is the one-digit case). An unknown escape is an error at the escape.
func (p *exprParser) decodeString(t *lexer.Token) string {
	body := t.Value[1 : len(t.Value)-1]
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		// The lexer guarantees a character after every backslash.
		escStart := 1 + i // bytes into the token
		e := body[i+1]
		switch e {
		case 'n':
			b.WriteByte('\n')
			i += 2
		case 't':
			b.WriteByte('\t')
			i += 2
		case 'r':
			b.WriteByte('\r')
			i += 2
		case '\\', '"', '\'':
			b.WriteByte(e)
			i += 2
		case 'x':
			n := countDigits(body[i+2:], 2, isHexDigit)
			if n == 0 {
				p.failAt(posAt(t, escStart), posAt(t, escStart+2), `invalid escape sequence '\x': expected hex digits`)
				return ""
			}
			v, _ := strconv.ParseUint(body[i+2:i+2+n], 16, 8)
			b.WriteByte(byte(v))
			i += 2 + n
		case '0', '1', '2', '3', '4', '5', '6', '7':
			n := countDigits(body[i+1:], 3, isOctalDigit)
			v, _ := strconv.ParseUint(body[i+1:i+1+n], 8, 16)
			if v > 0xff {
				p.failAt(posAt(t, escStart), posAt(t, escStart+1+n), `octal escape '\%s' is out of range`, body[i+1:i+1+n])
				return ""
			}
			b.WriteByte(byte(v))
			i += 1 + n
		default:
			size := escapedRuneSize(body[i+1:])
			p.failAt(posAt(t, escStart), posAt(t, escStart+1+size), "invalid escape character %s", describeChar(`\`+body[i+1:i+1+size]))
			return ""
		}
	}
	return b.String()
}

// countDigits counts up to max leading bytes of s that satisfy ok.
func countDigits(s string, max int, ok func(byte) bool) int {
	n := 0
	for n < len(s) && n < max && ok(s[n]) {
		n++
	}
	return n
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isOctalDigit(c byte) bool { return '0' <= c && c <= '7' }

// escapedRuneSize is the byte length of the (possibly multi-byte) character
// that starts s, so an error message never cuts a UTF-8 sequence in half.
func escapedRuneSize(s string) int {
	for i := range s {
		if i > 0 {
			return i
		}
	}
	return len(s)
}
