package preproc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// evalIf evaluates the expression of #if or #elif, as C does: defined(X)
// and defined X are 1 or 0, macros are expanded, identifiers left are 0,
// and the arithmetic is on 64-bit integers.
func (p *pp) evalIf(expr string) (int64, error) {
	if strings.TrimSpace(expr) == "" {
		return 0, errors.New("no expression")
	}
	expr, err := p.replaceDefined(expr)
	if err != nil {
		return 0, err
	}
	x := &expander{macros: p.macros}
	if expr, err = x.expand(expr, nil); err != nil {
		return 0, err
	}
	e := &ifParser{src: expr}
	e.next()
	v, err := e.ternary()
	if err == nil && e.tok != "" {
		err = fmt.Errorf("unexpected %q", e.tok)
	}
	return v, err
}

// replaceDefined replaces defined(X) and defined X with 1 or 0, before
// macros are expanded (X itself must not be).
func (p *pp) replaceDefined(expr string) (string, error) {
	if !strings.Contains(expr, "defined") {
		return expr, nil
	}
	var b strings.Builder
	for i := 0; i < len(expr); {
		if !isIdentStart(expr[i]) {
			if '0' <= expr[i] && expr[i] <= '9' {
				j := numberEnd(expr, i)
				b.WriteString(expr[i:j])
				i = j
				continue
			}
			b.WriteByte(expr[i])
			i++
			continue
		}
		j := identEnd(expr, i)
		if expr[i:j] != "defined" {
			b.WriteString(expr[i:j])
			i = j
			continue
		}
		rest, _ := skipBlanks(expr[j:], 0)
		paren := strings.HasPrefix(rest, "(")
		if paren {
			rest, _ = skipBlanks(rest[1:], 0)
		}
		n := identEnd(rest, 0)
		if n == 0 {
			return "", errors.New("defined needs a macro name")
		}
		name := rest[:n]
		rest = rest[n:]
		if paren {
			rest, _ = skipBlanks(rest, 0)
			if !strings.HasPrefix(rest, ")") {
				return "", errors.New("expected ')' after defined(" + name)
			}
			rest = rest[1:]
		}
		if _, ok := p.macros[name]; ok {
			b.WriteString(" 1 ")
		} else {
			b.WriteString(" 0 ")
		}
		i = len(expr) - len(rest)
	}
	return b.String(), nil
}

// ifParser evaluates an #if expression by precedence climbing, C's
// operators and precedence.
type ifParser struct {
	src string
	pos int
	tok string
}

// next moves to the next token: a number, an identifier, or an operator
// ("" at the end).
func (e *ifParser) next() {
	s := e.src
	for e.pos < len(s) && (isBlank(s[e.pos]) || s[e.pos] == '\n') {
		e.pos++
	}
	start := e.pos
	if start >= len(s) {
		e.tok = ""
		return
	}
	c := s[start]
	switch {
	case '0' <= c && c <= '9':
		e.pos = numberEnd(s, start)
	case isIdentStart(c):
		e.pos = identEnd(s, start)
	case c == '\'':
		e.pos = quotedEnd(s, start)
	default:
		e.pos++
		for _, op := range []string{"<<", ">>", "<=", ">=", "==", "!=", "&&", "||"} {
			if strings.HasPrefix(s[start:], op) {
				e.pos = start + 2
				break
			}
		}
	}
	e.tok = s[start:e.pos]
}

// binaryPrec is the precedence of a binary operator, C's; 0 for other
// tokens. (A switch rather than a map: nothing to build at start-up.)
func binaryPrec(op string) int {
	switch op {
	case "||":
		return 1
	case "&&":
		return 2
	case "|":
		return 3
	case "^":
		return 4
	case "&":
		return 5
	case "==", "!=":
		return 6
	case "<", ">", "<=", ">=":
		return 7
	case "<<", ">>":
		return 8
	case "+", "-":
		return 9
	case "*", "/", "%":
		return 10
	}
	return 0
}

func (e *ifParser) ternary() (int64, error) {
	cond, err := e.binary(1)
	if err != nil || e.tok != "?" {
		return cond, err
	}
	e.next()
	a, err := e.ternary()
	if err != nil {
		return 0, err
	}
	if e.tok != ":" {
		return 0, errors.New("expected ':' in a ?: expression")
	}
	e.next()
	b, err := e.ternary()
	if err != nil {
		return 0, err
	}
	if cond != 0 {
		return a, nil
	}
	return b, nil
}

func (e *ifParser) binary(minPrec int) (int64, error) {
	l, err := e.unary()
	if err != nil {
		return 0, err
	}
	for {
		op := e.tok
		prec := binaryPrec(op)
		if prec == 0 || prec < minPrec {
			return l, nil
		}
		e.next()
		r, err := e.binary(prec + 1)
		if err != nil {
			return 0, err
		}
		if l, err = apply(op, l, r); err != nil {
			return 0, err
		}
	}
}

func apply(op string, l, r int64) (int64, error) {
	b := func(v bool) int64 {
		if v {
			return 1
		}
		return 0
	}
	switch op {
	case "||":
		return b(l != 0 || r != 0), nil
	case "&&":
		return b(l != 0 && r != 0), nil
	case "|":
		return l | r, nil
	case "^":
		return l ^ r, nil
	case "&":
		return l & r, nil
	case "==":
		return b(l == r), nil
	case "!=":
		return b(l != r), nil
	case "<":
		return b(l < r), nil
	case ">":
		return b(l > r), nil
	case "<=":
		return b(l <= r), nil
	case ">=":
		return b(l >= r), nil
	case "<<":
		return l << uint64(r&63), nil
	case ">>":
		return l >> uint64(r&63), nil
	case "+":
		return l + r, nil
	case "-":
		return l - r, nil
	case "*":
		return l * r, nil
	}
	if r == 0 {
		return 0, errors.New("division by zero")
	}
	if op == "/" {
		return l / r, nil
	}
	return l % r, nil
}

func (e *ifParser) unary() (int64, error) {
	tok := e.tok
	switch tok {
	case "":
		return 0, errors.New("unexpected end of the expression")
	case "!", "~", "-", "+":
		e.next()
		v, err := e.unary()
		switch tok {
		case "!":
			if v == 0 {
				return 1, err
			}
			return 0, err
		case "~":
			return ^v, err
		case "-":
			return -v, err
		}
		return v, err
	case "(":
		e.next()
		v, err := e.ternary()
		if err != nil {
			return 0, err
		}
		if e.tok != ")" {
			return 0, errors.New("expected ')'")
		}
		e.next()
		return v, nil
	}
	e.next()
	c := tok[0]
	switch {
	case '0' <= c && c <= '9':
		n := strings.TrimRight(tok, "uUlL")
		if len(n) > 1 && n[0] == '0' && n[1] != 'x' && n[1] != 'X' && n[1] != 'b' && n[1] != 'B' {
			n = "0o" + n[1:]
		}
		v, err := strconv.ParseInt(n, 0, 64)
		if err != nil {
			u, uerr := strconv.ParseUint(n, 0, 64)
			if uerr != nil {
				return 0, fmt.Errorf("bad number %s", tok)
			}
			v = int64(u)
		}
		return v, nil
	case isIdentStart(c):
		return 0, nil // an identifier no macro defines is 0
	case c == '\'':
		s, err := strconv.Unquote(tok)
		if err != nil || len(s) == 0 {
			return 0, fmt.Errorf("bad character constant %s", tok)
		}
		return int64(s[0]), nil
	}
	return 0, fmt.Errorf("unexpected %q", tok)
}
