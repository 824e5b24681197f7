package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// isTypeName reports whether name is a type the language knows without
// BTF: bool and the fixed-size integers, also in their C spellings. A
// parenthesised one is always a cast; the checker turns the name into a
// type. (A switch rather than a map: nothing to build at start-up.)
func isTypeName(name string) bool {
	switch strings.TrimSuffix(name, "_t") {
	case "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64":
		return true
	}
	return name == "bool"
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

// parseTypeName parses `name`, `name[N]` or `name[]`; the current token
// is the name.
func (p *exprParser) parseTypeName() *ast.TypeName {
	name := p.tok
	p.next()
	t := &ast.TypeName{Name: name.Value}
	if p.is("[") {
		p.next()
		t.Array = true
		if kindOf(&p.tok) == tokNumber {
			n := p.tok
			p.next()
			v, err := strconv.ParseUint(n.Value, 0, 16)
			if err != nil || v == 0 {
				p.failTok(&n, "invalid array length %s", clip(n.Value))
			}
			t.Len = int(v)
		}
		p.expect("]")
	}
	t.Span = p.spanFrom(posOf(&name))
	return t
}

// castAhead reports whether the tokens after a '(' (the current token
// onwards) are the type of a cast: a known type name, or an unknown name
// in parentheses followed by something that starts an operand, as in
// `(foo)$x`, which can only be a cast to a type the checker will reject.
// It consumes nothing.
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
	if !isPunct(p.lex.Peek(), ")") {
		return false
	}
	p.lex.Next()
	switch after := p.lex.Peek(); kindOf(after) {
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
