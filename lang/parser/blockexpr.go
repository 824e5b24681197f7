package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// parseBlockExpr parses a block expression, `{ let $a = 1; $a }`, where
// an operand starts with '{'. The statements inside are the grammar's, so
// the block is parsed by participle (blockGrammar) from the current token
// on and converted as any block is; the expression parser goes on after
// its '}'.
func (p *exprParser) parseBlockExpr() ast.Expr {
	open := p.tok
	g, err := blockGrammar()
	if err != nil {
		p.failTok(&open, "internal parser error: %v", err)
		return &ast.Ident{Span: spanOf(&open, &open)}
	}
	tree, err := g.ParseFromLexer(p.lex, participle.AllowTrailing(true))
	if err != nil {
		if p.err == nil {
			p.err = fromParticiple(err, nil)
			p.tok = lexer.Token{Type: lexer.EOF, Pos: p.lex.Peek().Pos}
		}
		return &ast.Ident{Span: spanOf(&open, &open)}
	}
	p.prev = tree.Tokens[len(tree.Tokens)-1]
	p.tok = *p.lex.Peek()
	c := &converter{}
	b, value := c.valueBlock(tree)
	if c.err != nil {
		p.failAt(c.err.Pos, c.err.End, "%s", c.err.Msg)
		return &ast.Ident{Span: b.Span}
	}
	if value == nil {
		p.failAt(b.Pos(), b.End(), "a block used as a value must end in an expression without ';'")
		return &ast.Ident{Span: b.Span}
	}
	return &ast.BlockExpr{Span: b.Span, Stmts: b.Stmts, Value: value}
}

// valueBlock converts a block that may be a block expression: when its
// last statement is an expression with no ';' after it, that expression is
// returned apart as the block's value, and the block holds the
// statements before it.
func (c *converter) valueBlock(b *block) (*ast.Block, ast.Expr) {
	out := c.block(b)
	if c.err != nil || len(out.Stmts) == 0 {
		return out, nil
	}
	last, ok := out.Stmts[len(out.Stmts)-1].(*ast.ExprStmt)
	if !ok || isPunct(&b.Tokens[len(b.Tokens)-2], ";") {
		return out, nil
	}
	out.Stmts = out.Stmts[:len(out.Stmts)-1]
	return out, last.X
}

// blockStmt converts a block in statement position: a block expression
// (an ExprStmt holding it) when it ends in a value, else a plain block.
func (c *converter) blockStmt(b *block) ast.Stmt {
	out, value := c.valueBlock(b)
	if value == nil {
		return out
	}
	return &ast.ExprStmt{Span: out.Span, X: &ast.BlockExpr{Span: out.Span, Stmts: out.Stmts, Value: value}}
}

// macro converts a macro definition.
func (c *converter) macro(m *macroDecl) *ast.Macro {
	out := &ast.Macro{
		Span: spanOf(&m.Tokens[0], &m.Tokens[len(m.Tokens)-1]),
		Name: &ast.Ident{Span: spanOf(&m.Name, &m.Name), Name: m.Name.Value},
	}
	if m.Open == nil && c.err == nil {
		// Upstream's grammar requires the list, even empty.
		c.err = errorAt(posOf(&m.Name), endOf(&m.Name), "macro %s needs a parameter list, even an empty one: write macro %s() { ... }", m.Name.Value, m.Name.Value)
	}
	for _, param := range m.Params {
		t := &param.Tok
		sp := spanOf(t, t)
		switch kindOf(t) {
		case tokVar:
			out.Params = append(out.Params, &ast.Var{Span: sp, Name: t.Value})
		case tokMap:
			out.Params = append(out.Params, &ast.MapExpr{Span: sp, Name: t.Value})
		default:
			out.Params = append(out.Params, &ast.Ident{Span: sp, Name: t.Value})
		}
	}
	out.Body, out.Value = c.valueBlock(m.Body)
	return out
}
