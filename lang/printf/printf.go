package printf

import (
	"fmt"
	"strings"
)

// Directive is one piece of a format string: either literal text or one
// conversion.
type Directive struct {
	// Lit is the literal text when Verb is 0, with "%%" turned into "%".
	// For a conversion it is the directive as written, e.g. "%-5lld".
	Lit string
	// Verb is the conversion character (d i u x X o s c p r), or 0 for
	// literal text.
	Verb     byte
	Flags    string // any of "-0+ #", in the order written
	Width    int
	HasWidth bool
	Prec     int
	HasPrec  bool
	// Length is the length modifier: "", "h", "hh", "l", "ll", "z", "j"
	// or "t".
	Length string
	// Raw is the form of a %r (buffer) conversion: 0 for %r (printable
	// bytes as themselves, others as \xNN), 'x' for %rx (every byte as
	// \xNN) and 'h' for %rh (hex pairs separated by spaces).
	Raw byte
	// Start and End are the byte offsets of the piece in the format:
	// format[Start:End] is the text it was parsed from.
	Start, End int
}

// IntVerb reports whether the conversion takes an integer argument.
func (d Directive) IntVerb() bool {
	switch d.Verb {
	case 'd', 'i', 'u', 'x', 'X', 'o', 'c', 'p':
		return true
	}
	return false
}

// Signed reports whether an integer conversion reads its argument as signed.
func (d Directive) Signed() bool { return d.Verb == 'd' || d.Verb == 'i' }

// Bits is the width in bits an integer conversion reads its argument at: 8
// for hh, 16 for h, and 64 otherwise. Unlike C, bpftrace prints a %d with no
// length modifier at 64 bits (upstream formats it as a long long), so only
// h and hh truncate. %c is always 8 bits and %p always 64.
func (d Directive) Bits() int {
	switch d.Verb {
	case 'p':
		return 64
	case 'c':
		return 8
	}
	switch d.Length {
	case "hh":
		return 8
	case "h":
		return 16
	}
	return 64
}

// Error is a problem with one directive. Start and End are byte offsets of
// the offending text in the format, so callers can point into the string
// literal.
type Error struct {
	Start, End int
	Msg        string
}

func (e *Error) Error() string { return e.Msg }

// Parse splits format into directives. Adjacent literal text, including
// "%%", becomes a single literal directive.
func Parse(format string) ([]Directive, error) {
	var dirs []Directive
	var lit strings.Builder
	litStart := 0
	flushLit := func(end int) {
		if end > litStart {
			dirs = append(dirs, Directive{Lit: lit.String(), Start: litStart, End: end})
		}
		lit.Reset()
	}
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			lit.WriteByte(c)
			i++
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			lit.WriteByte('%')
			i += 2
			continue
		}
		flushLit(i)
		d, err := parseConversion(format, i)
		if err != nil {
			return nil, err
		}
		dirs = append(dirs, d)
		i = d.End
		litStart = i
	}
	flushLit(len(format))
	return dirs, nil
}

// parseConversion parses the conversion that starts with the '%' at
// format[start].
func parseConversion(format string, start int) (Directive, error) {
	d := Directive{Start: start}
	i := start + 1
	fail := func(end int, msg string, args ...any) (Directive, error) {
		if end > len(format) {
			end = len(format)
		}
		text := format[start:end]
		return Directive{}, &Error{Start: start, End: end, Msg: text + ": " + fmt.Sprintf(msg, args...)}
	}

	for i < len(format) && strings.IndexByte("-0+ #", format[i]) >= 0 {
		if strings.IndexByte(d.Flags, format[i]) >= 0 {
			return fail(i+1, "repeated flag '%c'", format[i])
		}
		d.Flags += string(format[i])
		i++
	}
	if i < len(format) && format[i] == '*' {
		return fail(i+1, "'*' width is not supported; write the width in the format")
	}
	d.Width, d.HasWidth, i = parseNumber(format, i)
	if d.Width < 0 {
		return fail(i, "width is too large")
	}
	if i < len(format) && format[i] == '.' {
		i++
		if i < len(format) && format[i] == '*' {
			return fail(i+1, "'*' precision is not supported; write the precision in the format")
		}
		d.HasPrec = true
		d.Prec, _, i = parseNumber(format, i)
		if d.Prec < 0 {
			return fail(i, "precision is too large")
		}
	}
	for _, l := range []string{"hh", "h", "ll", "l", "z", "j", "t"} {
		if strings.HasPrefix(format[i:], l) {
			d.Length = l
			i += len(l)
			break
		}
	}
	if i >= len(format) {
		if i == start+1 {
			return fail(i, "trailing '%%' (write %%%% for a literal percent sign)")
		}
		return fail(i, "missing conversion character at end of format")
	}
	d.Verb = format[i]
	i++
	if d.Verb == 'r' && i < len(format) && (format[i] == 'x' || format[i] == 'h') {
		d.Raw = format[i]
		i++
	}
	d.End = i
	d.Lit = format[start:i]
	switch d.Verb {
	case 'd', 'i', 'u', 'x', 'X', 'o', 'p':
	case 's', 'c', 'r':
		if d.Length != "" {
			return fail(i, "length modifier '%s' cannot be used with %%%c", d.Length, d.Verb)
		}
	default:
		return fail(i, "unknown conversion")
	}
	return d, nil
}

// maxField bounds widths and precisions so that formatting cannot be asked
// to allocate absurd amounts of padding.
const maxField = 1 << 16

// parseNumber reads a decimal number at format[i:]. It returns -1 for a
// number larger than maxField.
func parseNumber(format string, i int) (n int, ok bool, next int) {
	for i < len(format) && format[i] >= '0' && format[i] <= '9' {
		ok = true
		if n <= maxField {
			n = n*10 + int(format[i]-'0')
		}
		i++
	}
	if n > maxField {
		n = -1
	}
	return n, ok, i
}
