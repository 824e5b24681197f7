package preproc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// macro is a #define: object-like (NAME body) or function-like
// (NAME(a, b) body, with params).
type macro struct {
	name     string
	fn       bool     // function-like, even with no parameters: F()
	params   []string // __VA_ARGS__ last when variadic
	variadic bool
	body     string
}

// parseDefine parses the rest of a #define directive.
func parseDefine(f *file, line int, d directive) (*macro, error) {
	rest, col := skipBlanks(d.rest, d.restCol)
	bad := func(c, w int, format string, args ...any) error {
		return diag.List{f.errorf(line, c, max(w, 1), format, args...)}
	}
	if rest == "" || rest == "\r" {
		return nil, bad(d.keywordCol, len(d.keyword), "#define needs a macro name")
	}
	end := identEnd(rest, 0)
	if end == 0 || !isIdentStart(rest[0]) {
		return nil, bad(col, numberEnd(rest, 0), "macro name must be an identifier")
	}
	m := &macro{name: rest[:end]}
	if m.name == "defined" {
		return nil, bad(col, end, "\"defined\" cannot be a macro name")
	}
	i := end
	if i < len(rest) && rest[i] == '(' {
		m.fn = true
		i++
		for {
			for i < len(rest) && isBlank(rest[i]) {
				i++
			}
			if i < len(rest) && rest[i] == ')' && len(m.params) == 0 {
				i++
				break
			}
			var param string
			switch {
			case strings.HasPrefix(rest[i:], "..."):
				param, m.variadic = "__VA_ARGS__", true
				i += 3
			case i < len(rest) && isIdentStart(rest[i]):
				j := identEnd(rest, i)
				param = rest[i:j]
				if slices.Contains(m.params, param) {
					return nil, bad(col+i, j-i, "duplicate parameter %s of macro %s", param, m.name)
				}
				i = j
			default:
				return nil, bad(col+i, 1, "expected a parameter name in the parameter list of macro %s", m.name)
			}
			m.params = append(m.params, param)
			for i < len(rest) && isBlank(rest[i]) {
				i++
			}
			if i < len(rest) && rest[i] == ')' {
				i++
				break
			}
			if i >= len(rest) || rest[i] != ',' || m.variadic {
				return nil, bad(col+i, 1, "expected ',' or ')' in the parameter list of macro %s", m.name)
			}
			i++
		}
	} else if i < len(rest) && !isBlank(rest[i]) {
		return nil, bad(col+i, 1, "expected a space after the macro name %s", m.name)
	}
	m.body = strings.TrimSpace(rest[i:])
	return m, nil
}

// Limits on expansion, so that a macro bomb (each macro using the previous
// one twice) is an error rather than memory exhausted.
const (
	maxExpansionDepth = 200
	maxExpansionBytes = 1 << 20
)

// expander expands macros in text.
type expander struct {
	macros map[string]*macro
	size   int // bytes produced by the expansions of one call, against maxExpansionBytes
}

// call is a macro call found in text: the macro, the call's byte range and
// its arguments as written.
type call struct {
	m          *macro
	start, end int
	args       []string
}

// callError is a problem with a call, at a byte offset of the text.
type callError struct {
	offset, width int
	msg           string
}

func (e *callError) Error() string { return e.msg }

// scan walks text and calls visit for each macro call that active
// macros allow, copying the rest to b. Strings, comments, numbers and the
// names in $var, $1 and @map are never macro names.
func (x *expander) scan(b *strings.Builder, text string, disabled []string, visit func(c *call) error) error {
	for i := 0; i < len(text); {
		c := text[i]
		start := i
		switch {
		case c == '"' || c == '\'':
			i = quotedEnd(text, i)
		case c == '/' && i+1 < len(text) && text[i+1] == '/':
			i = len(text)
			if j := strings.IndexByte(text[start:], '\n'); j >= 0 {
				i = start + j
			}
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			i, _ = commentEnd(text, i)
		case c == '$' || c == '@':
			i++
			for i < len(text) && isIdentChar(text[i]) {
				i++
			}
		case '0' <= c && c <= '9':
			i = numberEnd(text, i)
		case isIdentStart(c):
			i = identEnd(text, i)
			m := x.macros[text[start:i]]
			if m == nil || slices.Contains(disabled, m.name) {
				break
			}
			cl := &call{m: m, start: start, end: i}
			if m.fn {
				j := i
				for j < len(text) && (isBlank(text[j]) || text[j] == '\n') {
					j++
				}
				if j >= len(text) || text[j] != '(' {
					break // a function-like macro's name alone is no call
				}
				var err error
				if cl.args, cl.end, err = callArgs(text, j); err != nil {
					return &callError{offset: start, width: i - start, msg: fmt.Sprintf("unterminated call of macro %s: no ')' closes its '('", m.name)}
				}
				if err := checkArity(cl); err != nil {
					err.offset, err.width = start, cl.end-start
					return err
				}
			}
			if err := visit(cl); err != nil {
				return err
			}
			i = cl.end
			continue
		default:
			i++
		}
		b.WriteString(text[start:i])
	}
	return nil
}

// callArgs splits the arguments of a call whose '(' is at text[open]; it
// returns them, and the end of the call (after its ')').
func callArgs(text string, open int) ([]string, int, error) {
	depth := 0
	var args []string
	argStart := open + 1
	for i := open; i < len(text); {
		switch c := text[i]; c {
		case '"', '\'':
			i = quotedEnd(text, i)
			continue
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				args = append(args, text[argStart:i])
				return args, i + 1, nil
			}
		case ',':
			if depth == 1 {
				args = append(args, text[argStart:i])
				argStart = i + 1
			}
		}
		i++
	}
	return nil, 0, fmt.Errorf("unterminated")
}

func checkArity(c *call) *callError {
	m, n := c.m, len(c.args)
	if n == 1 && strings.TrimSpace(c.args[0]) == "" && len(m.params) == 0 {
		c.args = nil
		return nil
	}
	want := len(m.params)
	switch {
	case m.variadic && n >= want-1:
		// The variadic part takes the rest, with its commas.
		if n > want {
			c.args = append(c.args[:want-1], strings.Join(c.args[want-1:], ","))
		}
		for len(c.args) < want {
			c.args = append(c.args, "")
		}
		return nil
	case !m.variadic && n == want:
		return nil
	}
	return &callError{msg: fmt.Sprintf("macro %s takes %d arguments, but the call gives %d", m.name, want, n)}
}

// expand returns text with every macro call expanded, macros in disabled
// excepted (those being expanded around it: a macro never expands within
// itself).
func (x *expander) expand(text string, disabled []string) (string, error) {
	if len(disabled) > maxExpansionDepth {
		return "", fmt.Errorf("macro expansion nested more than %d deep", maxExpansionDepth)
	}
	var b strings.Builder
	err := x.scan(&b, text, disabled, func(c *call) error {
		s, err := x.replace(c, disabled)
		if err != nil {
			return err
		}
		b.WriteString(s)
		return nil
	})
	return b.String(), err
}

// replace returns the expansion of one call: the body with its parameters
// replaced by the (expanded) arguments, itself expanded with the macro
// disabled.
func (x *expander) replace(c *call, disabled []string) (string, error) {
	m := c.m
	body := m.body
	if m.fn {
		var err error
		if body, err = x.substitute(m, c.args, disabled); err != nil {
			return "", err
		}
	}
	out, err := x.expand(body, append(disabled[:len(disabled):len(disabled)], m.name))
	if err != nil {
		return "", err
	}
	if x.size += len(out); x.size > maxExpansionBytes {
		return "", fmt.Errorf("macro expansion larger than %d bytes", maxExpansionBytes)
	}
	// The expansion stays on one line, so that lines keep their numbers.
	return strings.ReplaceAll(out, "\n", " "), nil
}

// substitute replaces the parameters in a function-like macro's body:
// #param is the argument as a string, a ## b pastes the two sides as
// written, and any other use is the argument expanded.
func (x *expander) substitute(m *macro, args []string, disabled []string) (string, error) {
	raw := func(name string) (string, bool) {
		if i := slices.Index(m.params, name); i >= 0 {
			return strings.TrimSpace(args[i]), true
		}
		return "", false
	}
	body := m.body
	var b strings.Builder
	for i := 0; i < len(body); {
		c := body[i]
		start := i
		switch {
		case c == '"' || c == '\'':
			i = quotedEnd(body, i)
			b.WriteString(body[start:i])
		case c == '#' && i+1 < len(body) && body[i+1] == '#':
			// Paste: drop the blanks on both sides.
			s := strings.TrimRight(b.String(), " \t")
			b.Reset()
			b.WriteString(s)
			i += 2
			for i < len(body) && isBlank(body[i]) {
				i++
			}
			if i < len(body) && isIdentStart(body[i]) {
				j := identEnd(body, i)
				if a, ok := raw(body[i:j]); ok {
					b.WriteString(a)
				} else {
					b.WriteString(body[i:j])
				}
				i = j
			}
		case c == '#':
			j := i + 1
			for j < len(body) && isBlank(body[j]) {
				j++
			}
			k := identEnd(body, j)
			a, ok := raw(body[j:k])
			if !ok {
				b.WriteByte(c)
				i++
				continue
			}
			b.WriteString(stringify(a))
			i = k
		case isIdentStart(c):
			i = identEnd(body, i)
			name := body[start:i]
			a, ok := raw(name)
			if !ok {
				b.WriteString(name)
				continue
			}
			if strings.HasPrefix(strings.TrimLeft(body[i:], " \t"), "##") {
				b.WriteString(a)
				continue
			}
			e, err := x.expand(a, disabled)
			if err != nil {
				return "", err
			}
			b.WriteString(e)
		case c == '$' || c == '@':
			i++
			i = identEnd(body, i)
			b.WriteString(body[start:i])
		case '0' <= c && c <= '9':
			i = numberEnd(body, i)
			b.WriteString(body[start:i])
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// stringify is #arg: the argument as a string literal.
func stringify(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}
