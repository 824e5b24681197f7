package parser

import (
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// converter builds the ast from the grammar's structs. Expressions arrive
// built (expr.go); everything else takes its span from the tokens the
// structs captured, so every node spans exactly its source text.
//
// It also enforces the one limit the token stream cannot: blocks may nest
// at most maxNesting deep, and each "else if" counts as a level because the
// ast nests it inside the previous if. (The stream already stops braces
// nested too deeply, which bounds participle's recursion.) Errors are
// sticky; the tree is discarded when err is set.
type converter struct {
	depth int // blocks open around the current node
	err   *diag.Error
}

func (c *converter) program(tree *program, stream *tokenStream) *ast.Program {
	start := ast.Pos{File: stream.file, Line: 1, Col: 1}
	prog := &ast.Program{Span: ast.Span{Start: start, Stop: stream.srcEnd}}
	if tree.Shebang != nil {
		prog.Shebang = strings.TrimRight(tree.Shebang.Value, "\r")
	}
	if tree.Config != nil {
		prog.Config = c.config(tree.Config)
	}
	prog.Imports = c.imports(tree.ImportsBefore, tree.Imports)
	for _, it := range tree.Items {
		if it.Macro != nil {
			prog.Macros = append(prog.Macros, c.macro(it.Macro))
		} else if it.Decl != nil {
			prog.Decls = append(prog.Decls, c.mapDecl(it.Decl))
		} else {
			prog.Probes = append(prog.Probes, c.probe(it.Probe))
		}
	}
	// An imported file may hold the probes, and a file of map
	// declarations may be imported (compile checks that some file has
	// probes).
	if len(prog.Probes) == 0 && len(prog.Imports) == 0 && len(prog.Decls) == 0 && len(prog.Macros) == 0 {
		c.err = errorAt(stream.lastEnd, stream.lastEnd, "empty program: expected at least one probe")
	}
	return prog
}

func (c *converter) mapDecl(d *mapDecl) *ast.MapDecl {
	return &ast.MapDecl{
		Span: spanOf(&d.Tokens[0], &d.Tokens[len(d.Tokens)-1]),
		Map:  &ast.MapExpr{Span: spanOf(&d.Map, &d.Map), Name: d.Map.Value},
		Kind: &ast.Ident{Span: spanOf(&d.Kind, &d.Kind), Name: d.Kind.Value},
		Size: d.Size.X,
	}
}

func (c *converter) config(b *configBlock) *ast.ConfigBlock {
	out := &ast.ConfigBlock{Span: spanOf(&b.Tokens[0], &b.Tokens[len(b.Tokens)-1])}
	for _, it := range b.Items {
		name := &ast.Ident{Span: spanOf(&it.Name, &it.Name), Name: it.Name.Value}
		out.Items = append(out.Items, &ast.ConfigItem{
			Span:  ast.Span{Start: name.Pos(), Stop: it.Value.X.End()},
			Name:  name,
			Value: it.Value.X,
		})
	}
	return out
}

func (c *converter) probe(p *probe) *ast.Probe {
	probe := &ast.Probe{}
	for i := range p.Tokens {
		t := &p.Tokens[i]
		if isPunct(t, ",") {
			continue
		}
		if kind := kindOf(t); kind != tokProbeSpec && kind != tokIdent {
			break
		}
		spec := &ast.ProbeSpec{Span: spanOf(t, t), Raw: t.Value, Provider: t.Value}
		if kindOf(t) == tokProbeSpec {
			fields := strings.Split(t.Value, ":")
			spec.Provider, spec.Parts = fields[0], fields[1:]
		}
		probe.Specs = append(probe.Specs, spec)
	}
	if p.Pred != nil {
		probe.Pred = p.Pred.X
	}
	probe.Body = c.block(p.Body)
	probe.Span = spanOf(&p.Tokens[0], &p.Tokens[len(p.Tokens)-1])
	return probe
}

func (c *converter) block(b *block) *ast.Block {
	defer func(depth int) { c.depth = depth }(c.depth)
	open, closing := &b.Tokens[0], &b.Tokens[len(b.Tokens)-1]
	if !c.nest(posOf(open), endOf(open)) {
		return &ast.Block{}
	}
	out := &ast.Block{Span: spanOf(open, closing)}
	for _, s := range b.Stmts {
		out.Stmts = append(out.Stmts, c.stmt(s))
	}
	return out
}

// nest enters one level of block nesting and reports whether the
// conversion may go on; past maxNesting it records an error over the
// token at [start, end) that opened the level.
func (c *converter) nest(start, end ast.Pos) bool {
	c.depth++
	if c.depth > maxNesting && c.err == nil {
		c.err = errorAt(start, end, "block nested too deeply (more than %d levels)", maxNesting)
	}
	return c.err == nil
}

func (c *converter) stmt(s *stmt) ast.Stmt {
	switch {
	case s.If != nil:
		return c.ifStmt(s.If)
	case s.Let != nil:
		l := s.Let
		stmt := &ast.LetStmt{Var: &ast.Var{Span: spanOf(&l.Var, &l.Var), Name: l.Var.Value}}
		stmt.Span = ast.Span{Start: posOf(&l.Tokens[0]), Stop: stmt.Var.End()}
		if l.Type != nil {
			stmt.Type = l.Type.T
			stmt.Span.Stop = stmt.Type.End()
		}
		if l.Value != nil {
			stmt.Value = l.Value.X
			stmt.Span.Stop = stmt.Value.End()
		}
		return stmt
	case s.Return != nil:
		return &ast.ReturnStmt{Span: spanOf(s.Return, s.Return)}
	case s.Break != nil:
		return &ast.BreakStmt{Span: spanOf(s.Break, s.Break)}
	case s.Continue != nil:
		return &ast.ContinueStmt{Span: spanOf(s.Continue, s.Continue)}
	case s.While != nil:
		w := s.While
		return &ast.WhileStmt{Span: spanOf(&w.Tokens[0], &w.Tokens[len(w.Tokens)-1]), Cond: w.Cond.X, Body: c.block(w.Body)}
	case s.Unroll != nil:
		u := s.Unroll
		return &ast.UnrollStmt{Span: spanOf(&u.Tokens[0], &u.Tokens[len(u.Tokens)-1]), Count: u.Count.X, Body: c.block(u.Body)}
	case s.For != nil:
		return c.forStmt(s.For)
	case s.Block != nil:
		return c.blockStmt(s.Block)
	case s.Op == "":
		return &ast.ExprStmt{Span: ast.Span{Start: s.X.X.Pos(), Stop: s.X.X.End()}, X: s.X.X}
	}
	return &ast.AssignStmt{
		Span: ast.Span{Start: s.X.X.Pos(), Stop: s.Value.X.End()},
		Op:   s.Op,
		LHS:  s.X.X,
		RHS:  s.Value.X,
	}
}

// ifStmt converts an if statement with its else-if chain, which the ast
// nests: each else-if is the Else of the if before it, spanning from its
// 'if' to the end of the chain.
func (c *converter) ifStmt(s *ifStmt) *ast.IfStmt {
	defer func(depth int) { c.depth = depth }(c.depth)
	chain := []*ast.IfStmt{{Cond: s.Cond.X, Then: c.block(s.Then)}}
	starts := []ast.Pos{posOf(&s.Tokens[0])}
	for _, e := range s.ElseIfs {
		ifTok := &e.Tokens[1] // after "else"
		if !c.nest(posOf(ifTok), endOf(ifTok)) {
			return &ast.IfStmt{}
		}
		chain = append(chain, &ast.IfStmt{Cond: e.Cond.X, Then: c.block(e.Then)})
		starts = append(starts, posOf(ifTok))
	}
	last := chain[len(chain)-1]
	end := last.Then.End()
	if s.Else != nil {
		last.Else = c.block(s.Else)
		end = last.Else.End()
	}
	for i := len(chain) - 1; i >= 0; i-- {
		chain[i].Span = ast.Span{Start: starts[i], Stop: end}
		if i > 0 {
			chain[i-1].Else = chain[i]
		}
	}
	return chain[0]
}

// forStmt converts a for loop. Without "..", what follows the ':' must be
// a map.
func (c *converter) forStmt(f *forStmt) ast.Stmt {
	out := &ast.ForStmt{
		Span: spanOf(&f.Tokens[0], &f.Tokens[len(f.Tokens)-1]),
		Var:  &ast.Var{Span: spanOf(&f.Var, &f.Var), Name: f.Var.Value},
	}
	switch {
	case c.err != nil:
	case f.Open != nil && f.Close == nil:
		c.err = errorAt(posOf(f.Open), endOf(f.Open), "unclosed '(' of the for loop: write for ($x : ...) { } or leave both parentheses out")
	case f.Open == nil && f.Close != nil:
		c.err = errorAt(posOf(f.Close), endOf(f.Close), "unexpected ')': the for loop has no '(' (write for ($x : ...) { } or leave both parentheses out)")
	}
	if f.End != nil {
		out.From, out.To = f.Start.X, f.End.X
	} else if m, ok := f.Start.X.(*ast.MapExpr); ok && len(m.Keys) == 0 {
		out.Map = m
	} else if c.err == nil {
		x := f.Start.X
		c.err = errorAt(x.Pos(), x.End(), "a for loop goes over a map (@m) or a range (start..end)")
	}
	out.Body = c.block(f.Body)
	return out
}
