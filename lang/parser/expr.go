package parser

import (
	"strconv"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// binaryLevels is the single table that drives binary operator precedence,
// loosest first, following C. Every level is left-associative. The ternary
// operator sits below all of them and unary and postfix operators above.
var binaryLevels = [][]string{
	{"||"},
	{"&&"},
	{"|"},
	{"^"},
	{"&"},
	{"==", "!="},
	{"<", "<=", ">", ">="},
	{"<<", ">>"},
	{"+", "-"},
	{"*", "/", "%"},
}

// binaryPrec maps an operator to its level in binaryLevels, counting from 1.
var binaryPrec = func() map[string]int {
	m := make(map[string]int)
	for i, level := range binaryLevels {
		for _, op := range level {
			m[op] = i + 1
		}
	}
	return m
}()

// parseExpr parses a full expression: a ternary, the loosest form.
func (p *parser) parseExpr() ast.Expr {
	return p.parseTernary()
}

// parseTernary parses `cond ? then : else`, right-associative, so
// `a ? b : c ? d : e` is `a ? b : (c ? d : e)`.
func (p *parser) parseTernary() ast.Expr {
	start := p.tok.start
	defer func(depth int) { p.exprDepth = depth }(p.exprDepth)
	if !p.nest(&p.exprDepth, "expression") {
		return &ast.Ident{Span: p.span(start, start)}
	}
	cond := p.parseBinary(1)
	if !p.tok.is("?") {
		return cond
	}
	p.next()
	then := p.parseExpr()
	p.expect(":")
	els := p.parseTernary()
	return &ast.TernaryExpr{Span: p.spanFrom(start), Cond: cond, Then: then, Else: els}
}

// parseBinary parses a chain of binary operators of precedence minPrec or
// tighter by precedence climbing. Inside a predicate the lexer turns the
// closing '/' into tokPredEnd, so it never reads as a division here.
//
// A chain such as 1+1+...+1 makes a left-deep tree, so every operator in
// it counts as one level of nesting.
func (p *parser) parseBinary(minPrec int) ast.Expr {
	start := p.tok.start
	defer func(depth int) { p.exprDepth = depth }(p.exprDepth)
	x := p.parseUnary()
	for p.err == nil {
		op := p.tok
		prec, isBinary := binaryPrec[op.text]
		if op.kind != tokPunct || !isBinary || prec < minPrec {
			return x
		}
		if !p.nest(&p.exprDepth, "expression") {
			return x
		}
		p.next()
		y := p.parseBinary(prec + 1)
		x = &ast.BinaryExpr{Span: p.spanFrom(start), Op: op.text, OpPos: p.pos(op.start), X: x, Y: y}
	}
	return x
}

// parseUnary parses prefix operators: - ~ ! and pre-increment/decrement.
func (p *parser) parseUnary() ast.Expr {
	op := p.tok
	if op.kind != tokPunct {
		return p.parsePostfix()
	}
	switch op.text {
	case "-", "~", "!", "++", "--":
		defer func(depth int) { p.exprDepth = depth }(p.exprDepth)
		if !p.nest(&p.exprDepth, "expression") {
			return &ast.Ident{Span: p.span(op.start, op.end)}
		}
	}
	switch op.text {
	case "-", "~", "!":
		p.next()
		x := p.parseUnary()
		return &ast.UnaryExpr{Span: p.spanFrom(op.start), Op: op.text, X: x}
	case "++", "--":
		p.next()
		x := p.parseUnary()
		if p.err == nil && !isAssignable(x) {
			p.failNode(x, "'%s' needs a variable or a map", op.text)
		}
		return &ast.IncDecExpr{Span: p.spanFrom(op.start), Op: op.text, X: x}
	}
	return p.parsePostfix()
}

// parsePostfix parses a primary expression followed by any number of
// .field, ->field and [index] suffixes, and at most one ++ or --.
//
// Like a chain of binary operators, every suffix is one level of nesting.
func (p *parser) parsePostfix() ast.Expr {
	start := p.tok.start
	defer func(depth int) { p.exprDepth = depth }(p.exprDepth)
	x := p.parsePrimary()
	for p.err == nil {
		if t := p.tok; !t.is(".") && !t.is("->") && !t.is("[") && !t.is("++") && !t.is("--") {
			return x
		}
		if !p.nest(&p.exprDepth, "expression") {
			return x
		}
		switch {
		case p.tok.is("."):
			if lit, ok := x.(*ast.IntLit); ok && p.tok.start == lit.End().Offset {
				p.failAt(lit.Pos().Offset, p.tok.end, "floating-point numbers are not supported")
				return x
			}
			p.next()
			x = p.parseField(start, x, false)
		case p.tok.is("->"):
			p.next()
			x = p.parseField(start, x, true)
		case p.tok.is("["):
			p.next()
			index := p.parseExpr()
			p.expect("]")
			x = &ast.IndexExpr{Span: p.spanFrom(start), X: x, Index: index}
		case p.tok.is("++"), p.tok.is("--"):
			op := p.tok
			if !isAssignable(x) {
				p.failNode(x, "'%s' needs a variable or a map", op.text)
				return x
			}
			p.next()
			return &ast.IncDecExpr{Span: p.spanFrom(start), Op: op.text, Post: true, X: x}
		default:
			return x
		}
	}
	return x
}

// parseField parses the name after '.' or '->'. After '.', a decimal
// number selects a tuple element: `t.0`. The lexer never makes `0.1` one
// token, so `t.0.1` is two field accesses.
func (p *parser) parseField(start int, x ast.Expr, arrow bool) ast.Expr {
	t := p.tok
	switch {
	case t.kind == tokIdent:
	case t.kind == tokNumber && !arrow && isDecimalDigits(t.text):
	default:
		if arrow {
			p.unexpected("a field name")
		} else {
			p.unexpected("a field name or a tuple index")
		}
		return x
	}
	p.next()
	return &ast.FieldExpr{Span: p.spanFrom(start), X: x, Field: t.text, Arrow: arrow}
}

func isDecimalDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (p *parser) parsePrimary() ast.Expr {
	t := p.tok
	sp := p.span(t.start, t.end)
	switch t.kind {
	case tokNumber:
		p.next()
		value, ok := p.parseInt(t)
		if !ok {
			return &ast.IntLit{Span: sp, Raw: t.text}
		}
		return &ast.IntLit{Span: sp, Value: value, Raw: t.text}
	case tokString:
		p.next()
		return &ast.StrLit{Span: sp, Value: p.decodeString(t)}
	case tokVar:
		p.next()
		return &ast.Var{Span: sp, Name: t.text}
	case tokPosParam:
		p.next()
		index, err := strconv.Atoi(t.text[1:])
		if err != nil {
			p.failAt(t.start, t.end, "positional parameter %s is out of range", clip(t.text))
		}
		return &ast.PosParam{Span: sp, Index: index}
	case tokParamCount:
		p.next()
		return &ast.PosParam{Span: sp, Count: true}
	case tokMap:
		return p.parseMap()
	case tokIdent:
		if keywords[t.text] {
			p.unexpected("expression")
			return &ast.Ident{Span: sp, Name: t.text}
		}
		if unsupportedKeywords[t.text] {
			p.failUnsupported(t)
			return &ast.Ident{Span: sp, Name: t.text}
		}
		p.next()
		if p.tok.is("(") {
			return p.parseCall(t)
		}
		return &ast.Ident{Span: sp, Name: t.text}
	case tokPunct:
		if t.text == "(" {
			return p.parseParenOrTuple()
		}
	}
	p.unexpected("expression")
	return &ast.Ident{Span: sp}
}

// parseMap parses `@`, `@name` and `@name[k1, k2, ...]`.
func (p *parser) parseMap() ast.Expr {
	t := p.tok
	p.next()
	m := &ast.MapExpr{Name: t.text}
	if p.tok.is("[") {
		p.next()
		m.Keys = p.parseExprList("]")
	}
	m.Span = p.spanFrom(t.start)
	return m
}

// parseCall parses the argument list after a function name; the current
// token is '('.
func (p *parser) parseCall(name token) ast.Expr {
	p.next() // (
	var args []ast.Expr
	if p.tok.is(")") {
		p.next()
	} else {
		args = p.parseExprList(")")
	}
	return &ast.CallExpr{
		Span:     p.spanFrom(name.start),
		Name:     name.text,
		NameSpan: p.span(name.start, name.end),
		Args:     args,
	}
}

// parseParenOrTuple parses `(x)` or a tuple `(a, b, ...)`.
func (p *parser) parseParenOrTuple() ast.Expr {
	start := p.tok.start
	p.next() // (
	first := p.parseExpr()
	if !p.tok.is(",") {
		p.expect(")")
		return &ast.ParenExpr{Span: p.spanFrom(start), X: first}
	}
	p.next()
	elems := append([]ast.Expr{first}, p.parseExprList(")")...)
	return &ast.TupleExpr{Span: p.spanFrom(start), Elems: elems}
}

// parseExprList parses one or more comma-separated expressions and the
// closing token.
func (p *parser) parseExprList(closing string) []ast.Expr {
	var list []ast.Expr
	for p.err == nil {
		list = append(list, p.parseExpr())
		if !p.tok.is(",") {
			break
		}
		p.next()
	}
	if !p.tok.is(closing) {
		p.unexpected("',' or " + quote(closing))
		return list
	}
	p.next()
	return list
}
