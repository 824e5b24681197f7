package macro

import "github.com/bpfscript/bpfscript/lang/ast"

// Types in a macro body. A type parameter is passed as typeof(T) or
// typeof(expr), as in bpftrace, and used where a type is written:
// `macro p_cast(a, b) { (a*)b }` called as p_cast(typeof(uint8), -1)
// casts to uint8*. The base of a type named like an expression parameter
// is replaced by the argument's typeof; the type's suffixes stay.

// typeName copies a type written in ev: typeof's operand is copied as any
// expression, and a base that names a parameter becomes its typeof.
func (x *expander) typeName(ev *env, tn *ast.TypeName) *ast.TypeName {
	if tn == nil {
		return nil
	}
	out := &ast.TypeName{Span: tn.Span, Name: tn.Name, Mods: tn.Mods}
	if tn.Of != nil {
		out.Of = x.expr(ev, tn.Of)
		return out
	}
	if ev.copyOnly {
		return out
	}
	arg, isParam := ev.exprs[tn.Name]
	if !isParam {
		return out
	}
	if of, ok := typeofOperand(arg); ok {
		out.Name = ""
		out.Of = x.expr(copyEnv, of)
		return out
	}
	x.errorf(arg, "macro '%s' uses %s as a type: pass a type as typeof(...), not %s (defined at %s)", ev.macro.Name.Name, tn.Name, kindOf(arg), where(ev.macro.Pos(), arg.Pos()))
	return out
}

// typeExpr copies a type operand (sizeof(T)). A bare name that is a
// parameter stands for its argument: the type typeof passes, or the
// expression itself, whose type sizeof then takes.
func (x *expander) typeExpr(ev *env, e *ast.TypeExpr) ast.Expr {
	if tn := e.Type; !ev.copyOnly && tn.Of == nil && len(tn.Mods) == 0 {
		if arg, isParam := ev.exprs[tn.Name]; isParam {
			if _, ok := typeofOperand(arg); !ok {
				return x.expr(copyEnv, arg)
			}
		}
	}
	t := x.typeName(ev, e.Type)
	return &ast.TypeExpr{Span: t.Span, Type: t}
}

// typeofOperand returns the operand of a typeof(...) argument.
func typeofOperand(a ast.Expr) (ast.Expr, bool) {
	call, ok := a.(*ast.CallExpr)
	if !ok || call.Name != "typeof" || len(call.Args) != 1 {
		return nil, false
	}
	return call.Args[0], true
}
