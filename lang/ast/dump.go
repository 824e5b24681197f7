package ast

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Fprint writes an indented tree of n to w, one node per line, children
// indented two spaces under their parent. It is what `bpfscript -d ast`
// shows and what the parser's golden files hold, so the format is stable:
//
//	Program
//	  Probe tracepoint:syscalls:sys_enter_openat
//	    Pred
//	      Binary ==
//	        Ident pid
//	        Int 1
//	    Block
//	      Assign =
//	        Map @[...]
//	          Ident comm
//	        Call count
//
// Expression statements print as their expression. Positions are left out
// so that dumps survive edits that only move code.
func Fprint(w io.Writer, n Node) error {
	d := &dumper{w: w}
	d.node(n, 0)
	return d.err
}

// dumper writes lines and keeps the first write error.
type dumper struct {
	w   io.Writer
	err error
}

func (d *dumper) line(depth int, format string, args ...any) {
	if d.err != nil {
		return
	}
	_, d.err = fmt.Fprintf(d.w, "%s%s\n", strings.Repeat("  ", depth), fmt.Sprintf(format, args...))
}

// labelled prints a label line and n one level below it; Pred and Else
// are not nodes of their own but read better marked.
func (d *dumper) labelled(depth int, label string, n Node) {
	d.line(depth, "%s", label)
	d.node(n, depth+1)
}

func (d *dumper) node(n Node, depth int) {
	// A nil pointer in an interface is not == nil; print it rather than
	// dereference it, so half-built trees can be dumped while debugging.
	if n == nil || reflect.ValueOf(n).Kind() == reflect.Pointer && reflect.ValueOf(n).IsNil() {
		d.line(depth, "<nil>")
		return
	}
	switch n := n.(type) {
	case *Program:
		d.line(depth, "Program")
		if n.Shebang != "" {
			d.line(depth+1, "Shebang %s", n.Shebang)
		}
		if n.Config != nil {
			d.node(n.Config, depth+1)
		}
		for _, im := range n.Imports {
			d.node(im, depth+1)
		}
		for _, m := range n.Macros {
			d.node(m, depth+1)
		}
		for _, p := range n.Decls {
			d.node(p, depth+1)
		}
		for _, p := range n.Probes {
			d.node(p, depth+1)
		}
	case *MapDecl:
		d.line(depth, "MapDecl %s %s", n.Map.Name, n.Kind.Name)
		d.node(n.Size, depth+1)
	case *Probe:
		raw := make([]string, len(n.Specs))
		for i, s := range n.Specs {
			raw[i] = s.Raw
		}
		d.line(depth, "Probe %s", strings.Join(raw, ", "))
		if n.Pred != nil {
			d.labelled(depth+1, "Pred", n.Pred)
		}
		d.node(n.Body, depth+1)
	case *ProbeSpec:
		d.line(depth, "ProbeSpec %s", n.Raw)
	case *Import:
		d.line(depth, "Import %q", n.Path)
	case *ConfigBlock:
		d.line(depth, "Config")
		for _, it := range n.Items {
			d.node(it, depth+1)
		}
	case *ConfigItem:
		d.line(depth, "Set %s", n.Name.Name)
		d.node(n.Value, depth+1)
	case *Block:
		d.line(depth, "Block")
		for _, s := range n.Stmts {
			d.node(s, depth+1)
		}
	case *ExprStmt:
		d.node(n.X, depth)
	case *BlockExpr:
		d.line(depth, "BlockExpr")
		for _, s := range n.Stmts {
			d.node(s, depth+1)
		}
		d.labelled(depth+1, "Value", n.Value)
	case *Macro:
		params := make([]string, len(n.Params))
		for i, p := range n.Params {
			switch p := p.(type) {
			case *Var:
				params[i] = p.Name
			case *MapExpr:
				params[i] = p.Name
			case *Ident:
				params[i] = p.Name
			}
		}
		d.line(depth, "Macro %s(%s)", n.Name.Name, strings.Join(params, ", "))
		d.node(n.Body, depth+1)
		if n.Value != nil {
			d.labelled(depth+1, "Value", n.Value)
		}
	case *AssignStmt:
		d.line(depth, "Assign %s", n.Op)
		d.node(n.LHS, depth+1)
		d.node(n.RHS, depth+1)
	case *LetStmt:
		if n.Type != nil {
			d.line(depth, "Let %s: %s", n.Var.Name, n.Type)
			d.typeofOperand(n.Type, depth+1)
		} else {
			d.line(depth, "Let %s", n.Var.Name)
		}
		if n.Value != nil {
			d.node(n.Value, depth+1)
		}
	case *IfStmt:
		d.line(depth, "If")
		d.node(n.Cond, depth+1)
		d.node(n.Then, depth+1)
		if n.Else != nil {
			d.labelled(depth+1, "Else", n.Else)
		}
	case *ReturnStmt:
		d.line(depth, "Return")
	case *WhileStmt:
		d.line(depth, "While")
		d.node(n.Cond, depth+1)
		d.node(n.Body, depth+1)
	case *UnrollStmt:
		d.line(depth, "Unroll")
		d.node(n.Count, depth+1)
		d.node(n.Body, depth+1)
	case *ForStmt:
		d.line(depth, "For %s", n.Var.Name)
		if n.Map != nil {
			d.node(n.Map, depth+1)
		} else {
			d.node(n.From, depth+1)
			d.node(n.To, depth+1)
		}
		d.node(n.Body, depth+1)
	case *BreakStmt:
		d.line(depth, "Break")
	case *ContinueStmt:
		d.line(depth, "Continue")
	case *IntLit:
		if n.Raw != "" && n.Raw != strconv.FormatUint(n.Value, 10) {
			d.line(depth, "Int %d (%s)", n.Value, n.Raw)
		} else {
			d.line(depth, "Int %d", n.Value)
		}
	case *StrLit:
		d.line(depth, "Str %s", strconv.Quote(n.Value))
	case *Ident:
		d.line(depth, "Ident %s", n.Name)
	case *Var:
		d.line(depth, "Var %s", n.Name)
	case *PosParam:
		if n.Count {
			d.line(depth, "PosParam $#")
		} else {
			d.line(depth, "PosParam $%d", n.Index)
		}
	case *MapExpr:
		if n.Keys == nil {
			d.line(depth, "Map %s", n.Name)
			return
		}
		d.line(depth, "Map %s[...]", n.Name)
		for _, k := range n.Keys {
			d.node(k, depth+1)
		}
	case *CallExpr:
		d.line(depth, "Call %s", n.Name)
		for _, a := range n.Args {
			d.node(a, depth+1)
		}
	case *BinaryExpr:
		d.line(depth, "Binary %s", n.Op)
		d.node(n.X, depth+1)
		d.node(n.Y, depth+1)
	case *UnaryExpr:
		d.line(depth, "Unary %s", n.Op)
		d.node(n.X, depth+1)
	case *IncDecExpr:
		if n.Post {
			d.line(depth, "IncDec x%s", n.Op)
		} else {
			d.line(depth, "IncDec %sx", n.Op)
		}
		d.node(n.X, depth+1)
	case *TernaryExpr:
		if n.Then == nil {
			d.line(depth, "Elvis")
			d.node(n.Cond, depth+1)
			d.node(n.Else, depth+1)
			break
		}
		d.line(depth, "Ternary")
		d.node(n.Cond, depth+1)
		d.node(n.Then, depth+1)
		d.node(n.Else, depth+1)
	case *FieldExpr:
		if n.Arrow {
			d.line(depth, "Field ->%s", n.Field)
		} else {
			d.line(depth, "Field .%s", n.Field)
		}
		d.node(n.X, depth+1)
	case *IndexExpr:
		d.line(depth, "Index")
		d.node(n.X, depth+1)
		d.node(n.Index, depth+1)
	case *TupleExpr:
		d.line(depth, "Tuple")
		for _, e := range n.Elems {
			d.node(e, depth+1)
		}
	case *ParenExpr:
		d.line(depth, "Paren")
		d.node(n.X, depth+1)
	case *CastExpr:
		d.line(depth, "Cast %s", n.Type)
		d.typeofOperand(n.Type, depth+1)
		d.node(n.X, depth+1)
	case *BoolLit:
		d.line(depth, "Bool %t", n.Value)
	case *RecordExpr:
		d.line(depth, "Record")
		for _, f := range n.Fields {
			d.line(depth+1, "%s =", f.Name)
			d.node(f.Value, depth+2)
		}
	case *TypeName:
		d.line(depth, "Type %s", n)
		d.typeofOperand(n, depth+1)
	case *TypeExpr:
		d.line(depth, "Type %s", n.Type)
		d.typeofOperand(n.Type, depth+1)
	default:
		if d.err == nil {
			d.err = fmt.Errorf("ast.Fprint: unknown node type %T", n)
		}
	}
}

// typeofOperand dumps the expression of a type `typeof(expr)`, which the
// type's one-line rendering shows as typeof(...).
func (d *dumper) typeofOperand(t *TypeName, depth int) {
	if _, ok := t.Of.(*TypeExpr); !ok && t.Of != nil {
		d.node(t.Of, depth)
	}
}
