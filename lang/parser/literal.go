package parser

import (
	"errors"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// parseInt decodes an integer literal: decimal, hex 0x1F, octal 017,
// binary 0b101, with '_' allowed between digits (1_000), as the reference
// defines them, plus
//   - scientific notation on decimal integers, 2e3 = 2000 (integers only:
//     1e-3 is not a literal);
//   - a duration suffix on a decimal integer, turned into nanoseconds:
//     ns, us, ms, s, m, h, d (100ms = 100000000);
//   - C's integer suffixes u, l, ul, ll, ull in either case and order,
//     which bpftrace accepts for C headers and ignores (123UL = 123).
//
// It reports an error at the literal and returns false when the text is
// not a valid literal or does not fit in 64 bits.
func (p *exprParser) parseInt(t *lexer.Token) (uint64, bool) {
	text := t.Value
	// strconv's base-0 syntax matches bpftrace's except for Go's 0o
	// prefix, which bpftrace does not have.
	if len(text) > 1 && (text[1] == 'o' || text[1] == 'O') {
		p.failTok(t, "invalid integer literal %s", text)
		return 0, false
	}
	value, err := decodeInt(text)
	switch {
	case err == nil:
		return value, true
	case errors.Is(err, strconv.ErrRange):
		p.failTok(t, "integer literal %s is out of range", clip(text))
	case strings.HasSuffix(text, "e") && isDecimalNumber(text[:len(text)-1]):
		p.failTok(t, "invalid integer literal %s: scientific literals are integers, with a non-negative exponent (2e3)", text)
	default:
		p.failTok(t, "invalid integer literal %s", text)
	}
	return 0, false
}

// durationUnits are the duration suffixes in nanoseconds, longest first so
// that "ms" is not read as "m" after a digit "s".
var durationUnits = []struct {
	suffix string
	ns     uint64
}{
	{"ns", 1}, {"us", 1_000}, {"ms", 1_000_000},
	{"s", 1_000_000_000}, {"m", 60 * 1_000_000_000}, {"h", 3600 * 1_000_000_000}, {"d", 86400 * 1_000_000_000},
}

// decodeInt decodes the text of an integer literal (see parseInt). Its
// errors wrap strconv.ErrRange for a value that does not fit in 64 bits.
func decodeInt(text string) (uint64, error) {
	if isDecimalStart(text) {
		for _, u := range durationUnits {
			if digits, ok := strings.CutSuffix(text, u.suffix); ok && isDecimalNumber(digits) {
				n, err := strconv.ParseUint(digits, 10, 64)
				if err != nil {
					return 0, err
				}
				return mulChecked(n, u.ns)
			}
		}
		if m, e, ok := strings.Cut(text, "e"); ok && isDecimalNumber(m) && isDecimalNumber(e) {
			n, err := strconv.ParseUint(strings.ReplaceAll(m, "_", ""), 10, 64)
			if err != nil {
				return 0, err
			}
			exp, err := strconv.Atoi(strings.ReplaceAll(e, "_", ""))
			if err != nil {
				return 0, strconv.ErrRange
			}
			for range exp {
				if n, err = mulChecked(n, 10); err != nil {
					return 0, err
				}
			}
			return n, nil
		}
	}
	return strconv.ParseUint(stripCSuffix(text), 0, 64)
}

// stripCSuffix removes a C integer suffix: u or U, and l, L, ll or LL,
// in either order. A hex literal's digits never include u or l.
func stripCSuffix(text string) string {
	body := text
	cutU := func() bool {
		if b, ok := strings.CutSuffix(body, "u"); ok {
			body = b
			return true
		}
		if b, ok := strings.CutSuffix(body, "U"); ok {
			body = b
			return true
		}
		return false
	}
	cutL := func() bool {
		for _, l := range [...]string{"ll", "LL", "l", "L"} {
			if b, ok := strings.CutSuffix(body, l); ok {
				body = b
				return true
			}
		}
		return false
	}
	if cutU() {
		cutL()
	} else if cutL() {
		cutU()
	}
	if body == "" || body == "0x" || body == "0X" || strings.HasSuffix(body, "_") {
		return text // let strconv reject the original text
	}
	return body
}

// mulChecked multiplies two literal parts, reporting overflow as ErrRange.
func mulChecked(a, b uint64) (uint64, error) {
	if a != 0 && a*b/a != b {
		return 0, strconv.ErrRange
	}
	return a * b, nil
}

// isDecimalStart reports whether text starts like a decimal literal rather
// than a hex, octal or binary one.
func isDecimalStart(text string) bool {
	switch {
	case text == "":
		return false
	case text[0] >= '1' && text[0] <= '9':
		return true
	case text[0] == '0':
		// 0s and 0ms are durations; 017, 0x1f and 0b1 are not decimal.
		return len(text) > 1 && !isDigit(text[1]) && !strings.ContainsRune("xXbBoO_", rune(text[1]))
	}
	return false
}

// isDecimalNumber reports whether s is decimal digits, with single '_'
// separators between them.
func isDecimalNumber(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && s[i] != '_' {
			return false
		}
	}
	return true
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
