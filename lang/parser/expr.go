package parser

import (
	"strconv"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
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

// expr is an expression in the grammar. Participle hands its tokens to
// Parse, which parses them by precedence climbing: a table-driven loop is
// both faster and clearer for operators than one grammar struct per
// precedence level.
type expr struct {
	X ast.Expr
}

// Parse implements participle.Parseable.
func (e *expr) Parse(lex *lexer.PeekingLexer) error {
	x, err := parseExprFrom(lex, false)
	e.X = x
	return err
}

// stmtExpr is the expression that starts a statement. If an assignment
// operator follows it, it must be a variable or a map; checking that here,
// before the operator is consumed, reports it before anything later.
type stmtExpr struct {
	X ast.Expr
}

// Parse implements participle.Parseable.
func (e *stmtExpr) Parse(lex *lexer.PeekingLexer) error {
	x, err := parseExprFrom(lex, true)
	e.X = x
	return err
}

// parseExprFrom parses one expression from lex.
//
// It returns participle.NextMatch, consuming nothing, when the first token
// is '}' or the end of input, which end a block: participle then reports
// what it expected there, or ends the block. Any other token that starts
// no expression is an error here ("expecting expression"). When it fails
// it has always consumed at least one token: participle backtracks over a
// failed branch that consumed nothing and would try something else, so the
// error would be lost.
func parseExprFrom(lex *lexer.PeekingLexer, stmt bool) (ast.Expr, error) {
	first := lex.Peek()
	if first.EOF() || kindOf(first) == tokPunct && first.Value == "}" {
		return nil, participle.NextMatch
	}
	// A statement keyword starts no expression statement: the grammar
	// tries its own statement next. Expression statements come first
	// there, as they are the most common: each alternative participle
	// tries costs it a reflected struct.
	if stmt && kindOf(first) == tokIdent && keywords[first.Value] && first.Value != "else" {
		return nil, participle.NextMatch
	}
	// Nor does a '{': the grammar's block statement takes it, block
	// expression or not.
	if stmt && isPunct(first, "{") {
		return nil, participle.NextMatch
	}
	start := lex.Cursor()
	p := &exprParser{lex: lex}
	p.tok = *lex.Peek()
	x := p.parseExpr()
	if p.err == nil && stmt && isAssignOp(&p.tok) && !isAssignable(x) {
		switch {
		case !isDiscard(x):
			p.failNode(x, "cannot assign to this expression: expected a map or a variable")
		case p.tok.Value != "=":
			p.failTok(&p.tok, "'_' only discards a value: expected '=', not '%s'", p.tok.Value)
		}
	}
	if p.err != nil {
		if lex.Cursor() == start {
			lex.Next()
		}
		return nil, p.err
	}
	return x, nil
}

// exprParser is a recursive-descent parser for one expression with one
// token of lookahead (tok, not yet consumed from lex).
//
// Errors are sticky: the first call to failAt records the error and turns
// the current token into EOF, so every loop winds down and callers simply
// return what they have.
type exprParser struct {
	lex   *lexer.PeekingLexer
	tok   lexer.Token // the current token
	prev  lexer.Token // the token consumed last, for node ends
	err   *diag.Error
	depth int // nesting of the expression so far; see nest
}

// next consumes the current token.
func (p *exprParser) next() {
	if p.err != nil {
		return
	}
	p.prev = p.tok
	p.lex.Next()
	p.tok = *p.lex.Peek()
}

// is reports whether the current token is the punctuation or operator text.
func (p *exprParser) is(text string) bool { return isPunct(&p.tok, text) }

// spanFrom spans from start to the end of the last consumed token.
func (p *exprParser) spanFrom(start ast.Pos) ast.Span {
	return ast.Span{Start: start, Stop: endOf(&p.prev)}
}

// failAt records an error from start to end unless one is already
// recorded, and stops the parse.
func (p *exprParser) failAt(start, end ast.Pos, format string, args ...any) {
	if p.err != nil {
		return
	}
	p.err = errorAt(start, end, format, args...)
	p.tok = lexer.Token{Type: lexer.EOF, Pos: p.tok.Pos}
}

// failTok records an error over the token t.
func (p *exprParser) failTok(t *lexer.Token, format string, args ...any) {
	p.failAt(posOf(t), endOf(t), format, args...)
}

// failNode records an error spanning node n.
func (p *exprParser) failNode(n ast.Node, format string, args ...any) {
	p.failAt(n.Pos(), n.End(), format, args...)
}

// unexpected reports the current token as a syntax error, or its own
// error if it is an error token.
func (p *exprParser) unexpected(expecting string) {
	if p.err == nil {
		p.err = unexpectedToken(&p.tok, expecting)
		p.tok = lexer.Token{Type: lexer.EOF, Pos: p.tok.Pos}
	}
}

// expect consumes the punctuation text or reports a syntax error.
func (p *exprParser) expect(text string) {
	if !p.is(text) {
		p.unexpected(quote(text))
		return
	}
	p.next()
}

// nest enters one level of expression nesting and reports whether parsing
// may go on; past maxNesting it records a positioned error. Callers
// restore p.depth when they return.
func (p *exprParser) nest() bool {
	p.depth++
	if p.depth > maxNesting {
		p.failTok(&p.tok, "expression nested too deeply (more than %d levels)", maxNesting)
		return false
	}
	return p.err == nil
}

// parseExpr parses a full expression: a ternary, the loosest form.
func (p *exprParser) parseExpr() ast.Expr {
	return p.parseTernary()
}

// parseTernary parses `cond ? then : else`, right-associative, so
// `a ? b : c ? d : e` is `a ? b : (c ? d : e)`, and the elvis operator
// `a ?: b` (a when it is true, else b), a TernaryExpr without Then.
func (p *exprParser) parseTernary() ast.Expr {
	start := posOf(&p.tok)
	defer func(depth int) { p.depth = depth }(p.depth)
	if !p.nest() {
		return &ast.Ident{Span: ast.Span{Start: start, Stop: start}}
	}
	cond := p.parseBinary(1)
	if !p.is("?") {
		return cond
	}
	p.next()
	if p.is(":") {
		p.next()
		els := p.parseTernary()
		return &ast.TernaryExpr{Span: p.spanFrom(start), Cond: cond, Else: els}
	}
	then := p.parseExpr()
	p.expect(":")
	els := p.parseTernary()
	return &ast.TernaryExpr{Span: p.spanFrom(start), Cond: cond, Then: then, Else: els}
}

// parseBinary parses a chain of binary operators of precedence minPrec or
// tighter by precedence climbing. Inside a predicate the scanner turns the
// closing '/' into a PredEnd token, so it never reads as a division here.
//
// A chain such as 1+1+...+1 makes a left-deep tree, so every operator in
// it counts as one level of nesting.
func (p *exprParser) parseBinary(minPrec int) ast.Expr {
	start := posOf(&p.tok)
	defer func(depth int) { p.depth = depth }(p.depth)
	x := p.parseUnary()
	for p.err == nil {
		op := p.tok
		prec, isBinary := binaryPrec[op.Value]
		if kindOf(&op) != tokPunct || !isBinary || prec < minPrec {
			return x
		}
		if !p.nest() {
			return x
		}
		p.next()
		y := p.parseBinary(prec + 1)
		x = &ast.BinaryExpr{Span: p.spanFrom(start), Op: op.Value, OpPos: posOf(&op), X: x, Y: y}
	}
	return x
}

// parseUnary parses prefix operators: - ~ ! * & and pre-increment/decrement.
func (p *exprParser) parseUnary() ast.Expr {
	op := p.tok
	if kindOf(&op) != tokPunct {
		return p.parsePostfix()
	}
	switch op.Value {
	case "-", "~", "!", "*", "&", "++", "--":
		defer func(depth int) { p.depth = depth }(p.depth)
		if !p.nest() {
			return &ast.Ident{Span: spanOf(&op, &op)}
		}
	}
	switch op.Value {
	case "-", "~", "!", "*", "&": // * dereferences a pointer, & takes an address
		p.next()
		x := p.parseUnary()
		return &ast.UnaryExpr{Span: p.spanFrom(posOf(&op)), Op: op.Value, X: x}
	case "++", "--":
		p.next()
		x := p.parseUnary()
		if p.err == nil && !isAssignable(x) {
			p.failNode(x, "'%s' needs a variable or a map", op.Value)
		}
		return &ast.IncDecExpr{Span: p.spanFrom(posOf(&op)), Op: op.Value, X: x}
	}
	return p.parsePostfix()
}

// parsePostfix parses a primary expression followed by any number of
// .field, ->field and [index] suffixes, and at most one ++ or --.
//
// Like a chain of binary operators, every suffix is one level of nesting.
func (p *exprParser) parsePostfix() ast.Expr {
	start := posOf(&p.tok)
	defer func(depth int) { p.depth = depth }(p.depth)
	x := p.parsePrimary()
	for p.err == nil {
		if !p.is(".") && !p.is("->") && !p.is("[") && !p.is("++") && !p.is("--") {
			return x
		}
		if !p.nest() {
			return x
		}
		switch {
		case p.is("."):
			if lit, ok := x.(*ast.IntLit); ok && p.tok.Pos.Offset == lit.End().Offset {
				p.failAt(lit.Pos(), endOf(&p.tok), "floating-point numbers are not supported")
				return x
			}
			p.next()
			x = p.parseField(start, x, false)
		case p.is("->"):
			p.next()
			x = p.parseField(start, x, true)
		case p.is("["):
			p.next()
			index := p.parseExpr()
			p.expect("]")
			x = &ast.IndexExpr{Span: p.spanFrom(start), X: x, Index: index}
		default: // ++ or --
			op := p.tok
			if !isAssignable(x) {
				p.failNode(x, "'%s' needs a variable or a map", op.Value)
				return x
			}
			p.next()
			return &ast.IncDecExpr{Span: p.spanFrom(start), Op: op.Value, Post: true, X: x}
		}
	}
	return x
}

// parseField parses the name after '.' or '->'. After '.', a decimal
// number selects a tuple element: `t.0`. The scanner never makes `0.1` one
// token, so `t.0.1` is two field accesses.
func (p *exprParser) parseField(start ast.Pos, x ast.Expr, arrow bool) ast.Expr {
	t := p.tok
	switch kind := kindOf(&t); {
	case kind == tokIdent:
	case kind == tokNumber && !arrow && isDecimalDigits(t.Value):
	default:
		if arrow {
			p.unexpected("a field name")
		} else {
			p.unexpected("a field name or a tuple index")
		}
		return x
	}
	p.next()
	return &ast.FieldExpr{Span: p.spanFrom(start), X: x, Field: t.Value, Arrow: arrow}
}

func isDecimalDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (p *exprParser) parsePrimary() ast.Expr {
	t := p.tok
	sp := spanOf(&t, &t)
	switch kindOf(&t) {
	case tokNumber:
		p.next()
		value, ok := p.parseInt(&t)
		if !ok {
			return &ast.IntLit{Span: sp, Raw: t.Value}
		}
		return &ast.IntLit{Span: sp, Value: value, Raw: t.Value}
	case tokString:
		p.next()
		return &ast.StrLit{Span: sp, Value: p.decodeString(&t)}
	case tokVar:
		p.next()
		return &ast.Var{Span: sp, Name: t.Value}
	case tokPosParam:
		p.next()
		index, err := strconv.Atoi(t.Value[1:])
		if err != nil {
			p.failTok(&t, "positional parameter %s is out of range", clip(t.Value))
		}
		return &ast.PosParam{Span: sp, Index: index}
	case tokParamCount:
		p.next()
		return &ast.PosParam{Span: sp, Count: true}
	case tokMap:
		return p.parseMap()
	case tokIdent:
		if keywords[t.Value] {
			p.unexpected("expression")
			return &ast.Ident{Span: sp, Name: t.Value}
		}
		if unsupportedKeywords[t.Value] {
			p.failUnsupported(&t)
			return &ast.Ident{Span: sp, Name: t.Value}
		}
		p.next()
		if p.is("(") {
			return p.parseCall(&t)
		}
		if t.Value == "true" || t.Value == "false" {
			return &ast.BoolLit{Span: sp, Value: t.Value == "true"}
		}
		return &ast.Ident{Span: sp, Name: t.Value}
	case tokPunct:
		switch t.Value {
		case "(":
			return p.parseParenOrTuple()
		case "{":
			return p.parseBlockExpr()
		}
	}
	p.unexpected("expression")
	return &ast.Ident{Span: sp}
}

// parseMap parses `@`, `@name` and `@name[k1, k2, ...]`.
func (p *exprParser) parseMap() ast.Expr {
	t := p.tok
	p.next()
	m := &ast.MapExpr{Name: t.Value}
	if p.is("[") {
		p.next()
		m.Keys = p.parseExprList("]")
	}
	m.Span = p.spanFrom(posOf(&t))
	return m
}

// parseCall parses the argument list after a function name; the current
// token is '('.
func (p *exprParser) parseCall(name *lexer.Token) ast.Expr {
	p.next() // (
	var args []ast.Expr
	if isTypeContext(name.Value) && !p.is(")") {
		args = []ast.Expr{p.parseTypeOperand()}
		p.expect(")")
	} else if p.is(")") {
		p.next()
	} else {
		args = p.parseExprList(")")
	}
	return &ast.CallExpr{
		Span:     p.spanFrom(posOf(name)),
		Name:     name.Value,
		NameSpan: spanOf(name, name),
		Args:     args,
	}
}

// parseParenOrTuple parses `(x)`, a tuple `(a, b, ...)` or `(a,)`, a
// cast `(uint32)x` or a record `(a = 1, b = 2)`.
func (p *exprParser) parseParenOrTuple() ast.Expr {
	start := posOf(&p.tok)
	p.next() // (
	if name, ok := p.kernelTypeAhead(); ok {
		p.failTok(&p.tok, "casts to the kernel's types (%s) need its BTF types, which are not supported yet", name)
		return &ast.Ident{Span: p.spanFrom(start), Name: name}
	}
	switch {
	case p.castAhead():
		return p.parseCast(start)
	case p.recordAhead():
		return p.parseRecord(start)
	}
	first := p.parseExpr()
	if !p.is(",") {
		p.expect(")")
		return &ast.ParenExpr{Span: p.spanFrom(start), X: first}
	}
	p.next()
	if p.is(")") {
		p.next()
		return &ast.TupleExpr{Span: p.spanFrom(start), Elems: []ast.Expr{first}}
	}
	elems := append([]ast.Expr{first}, p.parseExprList(")")...)
	return &ast.TupleExpr{Span: p.spanFrom(start), Elems: elems}
}

// parseExprList parses one or more comma-separated expressions and the
// closing token.
func (p *exprParser) parseExprList(closing string) []ast.Expr {
	var list []ast.Expr
	for p.err == nil {
		list = append(list, p.parseExpr())
		if !p.is(",") {
			break
		}
		p.next()
	}
	if !p.is(closing) {
		p.unexpected("',' or " + quote(closing))
		return list
	}
	p.next()
	return list
}

// isTypeContext reports whether a call's argument is a type context, a
// type or an expression: sizeof(uint32), typeof($x), typeinfo(int8*).
func isTypeContext(name string) bool {
	return name == "sizeof" || name == "typeof" || name == "typeinfo"
}

func (p *exprParser) failUnsupported(t *lexer.Token) {
	p.failTok(t, "'%s' is not supported yet", t.Value)
}

// isAssignable reports whether x may appear left of an assignment or as the
// operand of ++ and --.
func isAssignable(x ast.Expr) bool {
	switch x.(type) {
	case *ast.Var, *ast.MapExpr:
		return true
	}
	return false
}

// isDiscard reports whether x is `_`, which `_ = expr;` assigns to
// discard the value of expr.
func isDiscard(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	return ok && id.Name == "_"
}

// assignOps are "=" and the compound assignment operators, which the token
// stream gives the type AssignOp.
var assignOps = map[string]bool{
	"=": true, "+=": true, "-=": true, "*=": true, "/=": true, "%=": true,
	"&=": true, "|=": true, "^=": true, "<<=": true, ">>=": true,
}

func isAssignOp(t *lexer.Token) bool { return kindOf(t) == tokAssignOp }

// isPunct reports whether t is the punctuation or operator text.
func isPunct(t *lexer.Token, text string) bool { return kindOf(t) == tokPunct && t.Value == text }
