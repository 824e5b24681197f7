package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/names"
)

// isTypeName reports whether name is a type the language knows without
// BTF: bool, the fixed-size integers, also in their C spellings, and the
// sized types string and buffer. A parenthesised one is always a cast; the
// checker turns the name into a type. (A switch rather than a map: nothing
// to build at start-up.)
func isTypeName(name string) bool {
	switch strings.TrimSuffix(name, "_t") {
	case "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64":
		return true
	}
	return name == "bool" || name == "string" || name == "buffer"
}

// typeExpr is a type annotation in the grammar (`let $x: uint16`), parsed
// by the expression parser's parseTypeName.
type typeExpr struct {
	T *ast.TypeName
}

// Parse implements participle.Parseable.
func (e *typeExpr) Parse(lex *lexer.PeekingLexer) error {
	start := lex.Cursor()
	p := &exprParser{lex: lex}
	p.tok = *lex.Peek()
	if kindOf(&p.tok) != tokIdent {
		p.unexpected("a type name")
	} else {
		e.T = p.parseTypeName()
	}
	if p.err != nil {
		if lex.Cursor() == start {
			lex.Next()
		}
		return p.err
	}
	return nil
}

// parseTypeName parses a type: a base name or `typeof(...)`, then any
// number of `*`, `[N]` and `[]` suffixes. The current token is the name.
// A kernel type (`struct foo *`) is an error: it needs BTF.
func (p *exprParser) parseTypeName() *ast.TypeName {
	if name, ok := p.kernelTypeAhead(); ok {
		p.failTok(&p.tok, "the kernel's types (%s) need its BTF types, which are not supported yet", name)
		return &ast.TypeName{Span: spanOf(&p.tok, &p.tok), Name: name}
	}
	name := p.tok
	p.next()
	t := &ast.TypeName{Name: name.Value}
	if name.Value == "typeof" && p.is("(") {
		p.next()
		t.Name = ""
		t.Of = p.parseTypeOperand()
		p.expect(")")
	}
	for p.err == nil {
		switch {
		case p.is("*"):
			p.next()
			t.Mods = append(t.Mods, ast.TypeMod{Pointer: true})
			continue
		case p.is("["):
			p.next()
			m := ast.TypeMod{}
			if kindOf(&p.tok) == tokNumber {
				n := p.tok
				p.next()
				v, err := strconv.ParseUint(n.Value, 0, 16)
				if err != nil || v == 0 {
					p.failTok(&n, "invalid array length %s", clip(n.Value))
				}
				m.Len = int(v)
			}
			p.expect("]")
			t.Mods = append(t.Mods, m)
			continue
		}
		break
	}
	t.Span = p.spanFrom(posOf(&name))
	return t
}

// parseTypeOperand parses the operand of a type context builtin (sizeof,
// typeof): a type or an expression. By bpftrace's rule a bare name is a
// type, never a macro: `sizeof(uint64_t)` is 8 even where a macro
// uint64_t exists; call syntax, `sizeof(uint64_t())`, makes it a call. So
// a name followed by nothing but `*`, `[N]` and `[]` suffixes up to the
// closing ')' is a type, and so is typeof(...); anything else is an
// expression. `(ident[1])` in parentheses is an expression.
func (p *exprParser) parseTypeOperand() ast.Expr {
	// typeof(typeof(...)) nests as expressions do.
	defer func(depth int) { p.depth = depth }(p.depth)
	if !p.nest() {
		return &ast.Ident{Span: spanOf(&p.tok, &p.tok)}
	}
	if _, ok := p.kernelTypeAhead(); ok || p.typeOperandAhead() {
		t := p.parseTypeName()
		return &ast.TypeExpr{Span: t.Span, Type: t}
	}
	return p.parseExpr()
}

// typeOperandAhead reports whether the tokens from the current one are a
// type up to a closing ')': a name and suffixes, or typeof( ... ). It
// consumes nothing.
func (p *exprParser) typeOperandAhead() bool {
	if kindOf(&p.tok) != tokIdent || keywords[p.tok.Value] || p.tok.Value == "true" || p.tok.Value == "false" {
		return false
	}
	cp := p.lex.MakeCheckpoint()
	defer p.lex.LoadCheckpoint(cp)
	p.lex.Next() // the name
	if p.tok.Value == "typeof" && isPunct(p.lex.Peek(), "(") {
		return true
	}
	_, ok := skipTypeMods(p.lex)
	return ok
}

// skipTypeMods consumes type suffixes (`*`, `[N]`, `[]`) and reports
// whether any was a pointer and whether a ')' follows them (which it
// leaves unconsumed).
func skipTypeMods(lex *lexer.PeekingLexer) (pointer, closed bool) {
	for {
		t := lex.Peek()
		switch {
		case isPunct(t, "*"):
			pointer = true
			lex.Next()
		case isPunct(t, "["):
			lex.Next()
			if kindOf(lex.Peek()) == tokNumber {
				lex.Next()
			}
			if !isPunct(lex.Peek(), "]") {
				return pointer, false
			}
			lex.Next()
		default:
			return pointer, isPunct(t, ")")
		}
	}
}

// castAhead reports whether the tokens after a '(' (the current token
// onwards) are the type of a cast: a known type name, typeof(...), a name
// with a pointer suffix (`(a*)$x`, which no expression reads as), or
// another name with array suffixes or none, in parentheses followed by
// something that starts an operand, as in `(foo)$x`: a cast to a type the
// checker (or a macro's type parameter) resolves. A bare name followed by
// `*` is a cast of a dereference unless it is a builtin variable, as in
// bpftrace: `(foo)*$x` casts, `(pid)*tid` multiplies. It consumes nothing.
func (p *exprParser) castAhead() bool {
	if kindOf(&p.tok) != tokIdent || keywords[p.tok.Value] || unsupportedKeywords[p.tok.Value] {
		return false
	}
	if isTypeName(p.tok.Value) {
		return true
	}
	cp := p.lex.MakeCheckpoint()
	defer p.lex.LoadCheckpoint(cp)
	p.lex.Next() // the name
	if p.tok.Value == "typeof" && isPunct(p.lex.Peek(), "(") {
		return true
	}
	bare := isPunct(p.lex.Peek(), ")")
	pointer, closed := skipTypeMods(p.lex)
	if !closed {
		return false
	}
	if pointer {
		return true
	}
	p.lex.Next()
	after := p.lex.Peek()
	if bare && isPunct(after, "*") {
		// `(myident)*$a` casts a dereference, but `(pid)*tid`
		// multiplies: a builtin variable is a value, never a type.
		return !names.IsBuiltinVar(p.tok.Value)
	}
	switch kindOf(after) {
	case tokVar, tokNumber, tokString, tokPosParam, tokParamCount, tokMap:
		return true
	case tokIdent:
		return !keywords[after.Value]
	}
	return false
}

// kernelTypeAhead reports whether the tokens after a '(' start a C type
// of the kernel's, such as `struct sock *`: a cast that needs BTF. It
// returns the type's name and consumes nothing.
func (p *exprParser) kernelTypeAhead() (string, bool) {
	if kindOf(&p.tok) != tokIdent {
		return "", false
	}
	switch p.tok.Value {
	case "struct", "union", "enum":
		cp := p.lex.MakeCheckpoint()
		defer p.lex.LoadCheckpoint(cp)
		p.lex.Next() // the keyword
		if name := p.lex.Peek(); kindOf(name) == tokIdent {
			return p.tok.Value + " " + name.Value, true
		}
	}
	return "", false
}

// recordAhead reports whether the tokens after a '(' start a record
// literal: a name followed by '='. It consumes nothing.
func (p *exprParser) recordAhead() bool {
	if kindOf(&p.tok) != tokIdent {
		return false
	}
	cp := p.lex.MakeCheckpoint()
	defer p.lex.LoadCheckpoint(cp)
	p.lex.Next()
	next := p.lex.Peek()
	return isAssignOp(next) && next.Value == "="
}

// parseCast parses `(type)operand` after the '('; the operand binds as a
// unary expression does, so `(uint8)$x + 1` casts $x only.
func (p *exprParser) parseCast(start ast.Pos) ast.Expr {
	t := p.parseTypeName()
	p.expect(")")
	x := p.parseUnary()
	return &ast.CastExpr{Span: p.spanFrom(start), Type: t, X: x}
}

// parseRecord parses `name = value, ...)` after the '('.
func (p *exprParser) parseRecord(start ast.Pos) ast.Expr {
	r := &ast.RecordExpr{}
	seen := map[string]bool{}
	for p.err == nil {
		name := p.tok
		if kindOf(&name) != tokIdent {
			p.unexpected("a field name")
			break
		}
		p.next()
		if !isAssignOp(&p.tok) || p.tok.Value != "=" {
			p.unexpected("'='")
			break
		}
		p.next()
		value := p.parseExpr()
		if seen[name.Value] {
			p.failTok(&name, "duplicate field '%s' in record", name.Value)
			break
		}
		seen[name.Value] = true
		r.Fields = append(r.Fields, &ast.RecordField{
			Span:  ast.Span{Start: posOf(&name), Stop: endOf(&p.prev)},
			Name:  name.Value,
			Value: value,
		})
		if !p.is(",") {
			break
		}
		p.next()
	}
	p.expect(")")
	r.Span = p.spanFrom(start)
	return r
}
