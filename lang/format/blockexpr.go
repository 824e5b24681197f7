package format

import (
	"bytes"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// topItems lists the macros, map declarations and probes of prog in
// source order.
func topItems(prog *ast.Program) []ast.Node {
	var items []ast.Node
	for _, m := range prog.Macros {
		items = append(items, m)
	}
	for _, d := range prog.Decls {
		items = append(items, d)
	}
	for _, probe := range prog.Probes {
		items = append(items, probe)
	}
	slices.SortStableFunc(items, func(a, b ast.Node) int { return a.Pos().Offset - b.Pos().Offset })
	return items
}

// macro prints a macro definition: its body as a block expression when it
// ends in a value, else as a block.
func (p *printer) macro(m *ast.Macro) {
	params := make([]string, len(m.Params))
	for i, param := range m.Params {
		params[i] = p.expr(param)
	}
	p.buf.WriteString("macro " + m.Name.Name + "(" + strings.Join(params, ", ") + ") ")
	if m.Value != nil {
		p.buf.WriteString(p.blockExpr(&ast.BlockExpr{Span: m.Body.Span, Stmts: m.Body.Stmts, Value: m.Value}))
	} else if p.inline(m.Body.Span, m.Body.Stmts) {
		p.buf.WriteString(p.inlineBlock(m.Body.Stmts, ""))
	} else {
		p.block(m.Body)
	}
	p.trailing(m.End())
}

// isBlockExprStmt reports whether s is a block expression standing as a
// statement.
func isBlockExprStmt(s ast.Stmt) bool {
	e, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	_, ok = e.X.(*ast.BlockExpr)
	return ok
}

// blockExpr is the text of a block expression: on one line when it was
// written on one with simple statements and no comment, else with a
// statement a line, one tab in from the statement that holds it.
func (p *printer) blockExpr(e *ast.BlockExpr) string {
	if p.inline(e.Span, e.Stmts) {
		return p.inlineBlock(e.Stmts, p.expr(e.Value))
	}
	// The block prints through the printer itself, so that its
	// comments and blank lines are handled as any block's, into a buffer
	// of its own: the caller places the text.
	saved := p.buf
	p.buf = new(bytes.Buffer)
	p.buf.WriteString("{\n")
	p.lastLine = e.Pos().Line
	p.blockStart = true
	p.indent++
	for _, s := range e.Stmts {
		p.leading(s.Pos())
		p.writeIndent()
		p.stmt(s)
	}
	p.leading(e.Value.Pos())
	p.writeIndent()
	p.buf.WriteString(p.expr(e.Value))
	p.trailing(e.Value.End())
	p.commentsBefore(e.End().Offset - 1)
	p.blockStart = false
	p.indent--
	p.writeIndent()
	p.buf.WriteString("}")
	text := p.buf.String()
	p.buf = saved
	return text
}

// inline reports whether a block spanning sp was written on one line with
// only simple statements and no comment inside.
func (p *printer) inline(sp ast.Span, stmts []ast.Stmt) bool {
	if sp.Start.Line != sp.Stop.Line {
		return false
	}
	for _, s := range stmts {
		switch s.(type) {
		case *ast.Block, *ast.IfStmt, *ast.WhileStmt, *ast.UnrollStmt, *ast.ForStmt:
			return false
		}
	}
	return p.next >= len(p.comments) || p.comments[p.next].Start >= sp.Stop.Offset
}

// inlineBlock is the one-line text of a block: its statements, then value
// (when not empty).
func (p *printer) inlineBlock(stmts []ast.Stmt, value string) string {
	parts := []string{"{"}
	for i, s := range stmts {
		text := p.simple(s)
		if i == len(stmts)-1 && value == "" && isBlockExprStmt(s) {
			text += ";"
		}
		parts = append(parts, text)
	}
	if value != "" {
		parts = append(parts, value)
	}
	return strings.Join(append(parts, "}"), " ")
}
