package macro

import (
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Expand replaces every macro call in prog's probes by the macro's body
// and reports every misuse it finds as a diag.List. A program without
// macro definitions is left as it is, at no cost.
func Expand(prog *ast.Program) error {
	if len(prog.Macros) == 0 {
		return nil
	}
	x := &expander{macros: map[string]*ast.Macro{}, gens: map[string]generated{}}
	x.collect(prog.Macros)
	top := &env{}
	for _, p := range prog.Probes {
		if p.Pred != nil {
			p.Pred = x.expr(top, p.Pred)
		}
		p.Body = x.block(top, p.Body)
	}
	return x.errs.Err()
}

// expander holds the macros of one program and the errors found.
type expander struct {
	macros map[string]*ast.Macro
	errs   diag.List
	// gens records the names given to macros' variables, so that a
	// call whose arguments hold an expansion of the same macro gives its
	// own variables other names (see varName).
	gens map[string]generated
	// nodes counts the nodes copied, to stop expansions that grow
	// exponentially (`macro b(x) { a(a(x)) }` with a doubling a, nested).
	nodes    int
	tooLarge bool
}

// maxNodes bounds the nodes an expansion may make: far more than any real
// program, few enough to fail fast rather than exhaust memory.
const maxNodes = 1 << 18

type generated struct {
	macro string
	gen   int
}

// env is the context a node is copied in: nil fields at the top level (a
// probe), where nothing is renamed.
type env struct {
	macro *ast.Macro
	stack []string            // the macros being expanded, outermost first
	vars  map[string]string   // $param -> the caller's variable; other variables -> their new names
	maps  map[string]string   // @param -> the caller's map
	exprs map[string]ast.Expr // bare-name param -> the caller's expression
	owned map[string]bool     // the variables the body creates (assigns or declares)
	// copyOnly copies nodes as they are: an argument already expanded
	// in its caller's context, substituted into a body.
	copyOnly bool
}

func (x *expander) errorf(n ast.Node, format string, args ...any) {
	x.errs.Addf(n, format, args...)
}

// collect indexes the definitions, reporting a name defined twice and a
// parameter named twice.
func (x *expander) collect(macros []*ast.Macro) {
	for _, m := range macros {
		if old, ok := x.macros[m.Name.Name]; ok {
			x.errorf(m.Name, "macro '%s' is already defined at %s", m.Name.Name, where(old.Pos(), m.Pos()))
			continue
		}
		x.macros[m.Name.Name] = m
		seen := map[string]bool{}
		for _, p := range m.Params {
			name := paramName(p)
			if seen[name] {
				x.errorf(p, "macro '%s' has two parameters named %s", m.Name.Name, name)
			}
			seen[name] = true
		}
	}
}

// paramName is a parameter as written: $a, @m or x.
func paramName(p ast.Expr) string {
	switch p := p.(type) {
	case *ast.Var:
		return p.Name
	case *ast.MapExpr:
		return p.Name
	case *ast.Ident:
		return p.Name
	}
	return ""
}

// where formats the position of a definition for a message about a use
// at from: line:col, with the file's name when it is another file.
func where(p, from ast.Pos) string {
	if p.File != from.File {
		return p.String()
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// macroCall returns the macro e calls, if it calls one: a call by name,
// or a bare name. A bare name that is a parameter of the macro being
// expanded is that parameter, not a call.
func (x *expander) macroCall(ev *env, e ast.Expr) (*ast.Macro, []ast.Expr, bool) {
	switch e := e.(type) {
	case *ast.CallExpr:
		m, ok := x.macros[e.Name]
		return m, e.Args, ok
	case *ast.Ident:
		if _, isParam := ev.exprs[e.Name]; isParam {
			return nil, nil, false
		}
		m, ok := x.macros[e.Name]
		return m, nil, ok
	}
	return nil, nil, false
}

// call expands a call of m at e, whose arguments (already expanded in
// the caller's context) are args. asStmt is set for a call that is a
// statement, where a body ending in a statement is allowed. It returns
// the expansion: a *ast.BlockExpr, or an *ast.Block for a statement
// call of a body without a value; nil after an error.
func (x *expander) call(ev *env, e ast.Expr, m *ast.Macro, args []ast.Expr, asStmt bool) ast.Node {
	name := m.Name.Name
	for i, s := range ev.stack {
		if s == name {
			chain := strings.Join(append(ev.stack[i:], name), " > ")
			x.errorf(e, "recursive macro call: %s (macro '%s' is defined at %s)", chain, name, where(m.Pos(), e.Pos()))
			return nil
		}
	}
	_, bare := e.(*ast.Ident)
	switch {
	case bare && len(m.Params) > 0:
		x.errorf(e, "macro '%s' takes %s: call it as %s(...) (defined at %s)", name, count(len(m.Params)), name, where(m.Pos(), e.Pos()))
		return nil
	case len(args) != len(m.Params):
		x.errorf(e, "macro '%s' takes %s, not %d (defined at %s)", name, count(len(m.Params)), len(args), where(m.Pos(), e.Pos()))
		return nil
	case m.Value == nil && !asStmt:
		x.errorf(e, "macro '%s' gives no value: its body ends in a statement, not an expression without ';' (defined at %s)", name, where(m.Pos(), e.Pos()))
		return nil
	}
	inner := &env{
		macro: m,
		stack: append(append([]string(nil), ev.stack...), name),
		vars:  map[string]string{},
		maps:  map[string]string{},
		exprs: map[string]ast.Expr{},
		owned: created(m),
	}
	ok := true
	for i, p := range m.Params {
		if !x.bind(inner, e, p, args[i]) {
			ok = false
		}
	}
	if !ok {
		return nil
	}
	gen := x.generation(name, args)
	for v := range inner.owned {
		if _, isParam := inner.vars[v]; !isParam {
			inner.vars[v] = x.varName(name, v, gen)
		}
	}
	errs := len(x.errs)
	body := x.block(inner, m.Body)
	var value ast.Expr
	if m.Value != nil {
		value = x.expr(inner, m.Value)
	}
	if len(x.errs) > errs {
		return nil
	}
	sp := ast.Span{Start: e.Pos(), Stop: e.End()}
	if value == nil {
		return &ast.Block{Span: sp, Stmts: body.Stmts}
	}
	return &ast.BlockExpr{Span: sp, Stmts: body.Stmts, Value: value}
}

// bind binds parameter p of the macro being expanded to the argument a
// of the call at e, checking that the argument is of the parameter's
// kind.
func (x *expander) bind(ev *env, e ast.Expr, p, a ast.Expr) bool {
	name := ev.macro.Name.Name
	defined := where(ev.macro.Pos(), e.Pos())
	switch p := p.(type) {
	case *ast.Var:
		v, ok := a.(*ast.Var)
		if !ok {
			x.errorf(a, "macro '%s' takes a scratch variable for %s, not %s (defined at %s)", name, p.Name, kindOf(a), defined)
			return false
		}
		ev.vars[p.Name] = v.Name
	case *ast.MapExpr:
		m, ok := a.(*ast.MapExpr)
		if !ok || m.Keys != nil {
			x.errorf(a, "macro '%s' takes a map for %s, not %s (defined at %s)", name, p.Name, kindOf(a), defined)
			return false
		}
		ev.maps[p.Name] = m.Name
	case *ast.Ident:
		ev.exprs[p.Name] = a
	}
	return true
}

// kindOf names what an argument is, for a message about a wrong one.
func kindOf(a ast.Expr) string {
	switch a := a.(type) {
	case *ast.Var:
		return "a scratch variable"
	case *ast.MapExpr:
		if a.Keys != nil {
			return "a map element"
		}
		return "a map"
	}
	return "an expression"
}

func count(n int) string {
	switch n {
	case 0:
		return "no arguments"
	case 1:
		return "1 argument"
	}
	return fmt.Sprintf("%d arguments", n)
}

// created lists the variables m's body creates: those it assigns, lets,
// loops over or increments, other than its $ parameters. Any other
// variable the body reads is the caller's, which a macro cannot see.
func created(m *ast.Macro) map[string]bool {
	params := map[string]bool{}
	for _, p := range m.Params {
		if v, ok := p.(*ast.Var); ok {
			params[v.Name] = true
		}
	}
	owned := map[string]bool{}
	add := func(x ast.Expr) {
		if v, ok := x.(*ast.Var); ok && !params[v.Name] {
			owned[v.Name] = true
		}
	}
	// Inspect goes into block expressions too.
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			add(n.LHS)
		case *ast.LetStmt:
			add(n.Var)
		case *ast.ForStmt:
			add(n.Var)
		}
		return true
	}
	ast.Inspect(m.Body, visit)
	if m.Value != nil {
		ast.Inspect(m.Value, visit)
	}
	return owned
}

// generation is the generation of the variables of an expansion of the
// macro name with arguments args: one more than that of any expansion of
// the same macro inside the arguments, whose variables would otherwise
// share names with this one's (`f(f(1))`).
func (x *expander) generation(name string, args []ast.Expr) int {
	gen := 1
	for _, a := range args {
		ast.Inspect(a, func(n ast.Node) bool {
			if v, ok := n.(*ast.Var); ok {
				if g, ok := x.gens[v.Name]; ok && g.macro == name {
					gen = max(gen, g.gen+1)
				}
			}
			return true
		})
	}
	return gen
}

// varName is the name variable v of macro name gets in an expansion of
// generation gen: $$name_v, or $$name_v_gen past the first.
func (x *expander) varName(name, v string, gen int) string {
	out := "$$" + name + "_" + strings.TrimPrefix(v, "$")
	if gen > 1 {
		out += fmt.Sprintf("_%d", gen)
	}
	x.gens[out] = generated{macro: name, gen: gen}
	return out
}
