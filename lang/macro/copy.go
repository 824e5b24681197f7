package macro

import "github.com/bpfscript/bpfscript/lang/ast"

// The copy of a tree in an env: every node is new, so that no node stands
// in two places (the checker and the compiler key what they learn by
// node), macro calls are expanded, and a macro body's variables, maps and
// parameters are replaced as the env says.

var copyEnv = &env{copyOnly: true}

func (x *expander) block(ev *env, b *ast.Block) *ast.Block {
	if b == nil {
		return nil
	}
	out := &ast.Block{Span: b.Span, Stmts: make([]ast.Stmt, len(b.Stmts))}
	for i, s := range b.Stmts {
		out.Stmts[i] = x.stmt(ev, s)
	}
	return out
}

func (x *expander) stmt(ev *env, s ast.Stmt) ast.Stmt {
	if !x.grow(s) {
		return s
	}
	switch s := s.(type) {
	case *ast.Block:
		return x.block(ev, s)
	case *ast.ExprStmt:
		if !ev.copyOnly {
			if m, args, ok := x.macroCall(ev, s.X); ok {
				switch out := x.call(ev, s.X, m, x.exprs(ev, args), true).(type) {
				case *ast.BlockExpr:
					return &ast.ExprStmt{Span: s.Span, X: out}
				case *ast.Block:
					return out
				}
				return s
			}
		}
		return &ast.ExprStmt{Span: s.Span, X: x.expr(ev, s.X)}
	case *ast.AssignStmt:
		return &ast.AssignStmt{Span: s.Span, Op: s.Op, LHS: x.expr(ev, s.LHS), RHS: x.expr(ev, s.RHS)}
	case *ast.LetStmt:
		if ev.macro != nil {
			if _, isParam := ev.exprs[s.Var.Name]; isParam || isVarParam(ev.macro, s.Var.Name) {
				x.errorf(s.Var, "let %s hides the parameter %s of macro '%s'", s.Var.Name, s.Var.Name, ev.macro.Name.Name)
			}
		}
		out := &ast.LetStmt{Span: s.Span, Var: x.variable(ev, s.Var), Type: x.typeName(ev, s.Type)}
		if s.Value != nil {
			out.Value = x.expr(ev, s.Value)
		}
		return out
	case *ast.IfStmt:
		out := &ast.IfStmt{Span: s.Span, Cond: x.expr(ev, s.Cond), Then: x.block(ev, s.Then)}
		if s.Else != nil {
			out.Else = x.stmt(ev, s.Else)
		}
		return out
	case *ast.WhileStmt:
		return &ast.WhileStmt{Span: s.Span, Cond: x.expr(ev, s.Cond), Body: x.block(ev, s.Body)}
	case *ast.UnrollStmt:
		return &ast.UnrollStmt{Span: s.Span, Count: x.expr(ev, s.Count), Body: x.block(ev, s.Body)}
	case *ast.ForStmt:
		out := &ast.ForStmt{Span: s.Span, Var: x.variable(ev, s.Var), Body: x.block(ev, s.Body)}
		if s.Map != nil {
			out.Map = x.expr(ev, s.Map).(*ast.MapExpr)
		} else {
			out.From, out.To = x.expr(ev, s.From), x.expr(ev, s.To)
		}
		return out
	case *ast.ReturnStmt:
		return &ast.ReturnStmt{Span: s.Span}
	case *ast.BreakStmt:
		return &ast.BreakStmt{Span: s.Span}
	case *ast.ContinueStmt:
		return &ast.ContinueStmt{Span: s.Span}
	}
	return s
}

// grow counts one more node copied at n and reports whether the
// expansion may go on; past maxNodes it reports the expansion as too
// large, once, at n.
func (x *expander) grow(n ast.Node) bool {
	x.nodes++
	if x.nodes <= maxNodes {
		return true
	}
	if !x.tooLarge {
		x.tooLarge = true
		x.errorf(n, "macro expansion too large: the program grows past %d nodes", maxNodes)
	}
	return false
}

// isVarParam reports whether name is a $ parameter of m.
func isVarParam(m *ast.Macro, name string) bool {
	for _, p := range m.Params {
		if v, ok := p.(*ast.Var); ok && v.Name == name {
			return true
		}
	}
	return false
}

func (x *expander) exprs(ev *env, es []ast.Expr) []ast.Expr {
	if es == nil {
		return nil
	}
	out := make([]ast.Expr, len(es))
	for i, e := range es {
		out[i] = x.expr(ev, e)
	}
	return out
}

// variable is the variable v stands for in ev: in a macro's body, the
// caller's for a $ parameter and a new name for the body's own.
func (x *expander) variable(ev *env, v *ast.Var) *ast.Var {
	out := &ast.Var{Span: v.Span, Name: v.Name}
	if ev.macro == nil || ev.copyOnly {
		return out
	}
	if name, ok := ev.vars[v.Name]; ok {
		out.Name = name
		return out
	}
	x.errorf(v, "macro '%s' cannot see %s: a macro sees only its parameters and the variables it creates", ev.macro.Name.Name, v.Name)
	return out
}

func (x *expander) expr(ev *env, e ast.Expr) ast.Expr {
	if e == nil || !x.grow(e) {
		return e
	}
	if !ev.copyOnly {
		if id, ok := e.(*ast.Ident); ok {
			if arg, isParam := ev.exprs[id.Name]; isParam {
				return x.expr(copyEnv, arg)
			}
		}
		if m, args, ok := x.macroCall(ev, e); ok {
			if out, ok := x.call(ev, e, m, x.exprs(ev, args), false).(*ast.BlockExpr); ok {
				return out
			}
			return x.expr(copyEnv, e)
		}
	}
	switch e := e.(type) {
	case *ast.IntLit:
		out := *e
		return &out
	case *ast.StrLit:
		out := *e
		return &out
	case *ast.BoolLit:
		out := *e
		return &out
	case *ast.PosParam:
		out := *e
		return &out
	case *ast.Ident:
		out := *e
		return &out
	case *ast.Var:
		return x.variable(ev, e)
	case *ast.MapExpr:
		out := &ast.MapExpr{Span: e.Span, Name: e.Name, Keys: x.exprs(ev, e.Keys)}
		if ev.macro != nil && !ev.copyOnly {
			if name, ok := ev.maps[e.Name]; ok {
				out.Name = name
			} else {
				x.errorf(e, "macro '%s' cannot see %s: a macro sees only the maps passed to it", ev.macro.Name.Name, e.Name)
			}
		}
		return out
	case *ast.CallExpr:
		return &ast.CallExpr{Span: e.Span, Name: e.Name, NameSpan: e.NameSpan, Args: x.exprs(ev, e.Args)}
	case *ast.BinaryExpr:
		return &ast.BinaryExpr{Span: e.Span, Op: e.Op, OpPos: e.OpPos, X: x.expr(ev, e.X), Y: x.expr(ev, e.Y)}
	case *ast.UnaryExpr:
		return &ast.UnaryExpr{Span: e.Span, Op: e.Op, X: x.expr(ev, e.X)}
	case *ast.IncDecExpr:
		return &ast.IncDecExpr{Span: e.Span, Op: e.Op, Post: e.Post, X: x.expr(ev, e.X)}
	case *ast.TernaryExpr:
		return &ast.TernaryExpr{Span: e.Span, Cond: x.expr(ev, e.Cond), Then: x.expr(ev, e.Then), Else: x.expr(ev, e.Else)}
	case *ast.FieldExpr:
		return &ast.FieldExpr{Span: e.Span, X: x.expr(ev, e.X), Field: e.Field, Arrow: e.Arrow}
	case *ast.IndexExpr:
		return &ast.IndexExpr{Span: e.Span, X: x.expr(ev, e.X), Index: x.expr(ev, e.Index)}
	case *ast.TupleExpr:
		return &ast.TupleExpr{Span: e.Span, Elems: x.exprs(ev, e.Elems)}
	case *ast.ParenExpr:
		return &ast.ParenExpr{Span: e.Span, X: x.expr(ev, e.X)}
	case *ast.CastExpr:
		return &ast.CastExpr{Span: e.Span, Type: x.typeName(ev, e.Type), X: x.expr(ev, e.X)}
	case *ast.TypeExpr:
		return x.typeExpr(ev, e)
	case *ast.RecordExpr:
		out := &ast.RecordExpr{Span: e.Span, Fields: make([]*ast.RecordField, len(e.Fields))}
		for i, f := range e.Fields {
			out.Fields[i] = &ast.RecordField{Span: f.Span, Name: f.Name, Value: x.expr(ev, f.Value)}
		}
		return out
	case *ast.BlockExpr:
		out := &ast.BlockExpr{Span: e.Span, Stmts: make([]ast.Stmt, len(e.Stmts)), Value: x.expr(ev, e.Value)}
		for i, s := range e.Stmts {
			out.Stmts[i] = x.stmt(ev, s)
		}
		return out
	}
	return e
}
