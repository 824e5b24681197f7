package types

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// Fprint writes what the checker learned about prog, for `-d types`: the
// maps with their key and value types, then each probe with its attach
// points (and the record `args` denotes), its variables, and the type of
// every expression in source order.
func (info *Info) Fprint(w io.Writer, prog *ast.Program) error {
	p := &printer{w: w}
	p.maps(info)
	if prog != nil {
		for i, probe := range prog.Probes {
			if probe == nil {
				continue
			}
			p.probe(info, i, probe)
		}
	}
	return p.err
}

// printer writes a dump and keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) maps(info *Info) {
	names := make([]string, 0, len(info.Maps))
	for name := range info.Maps {
		names = append(names, name)
	}
	sort.Strings(names)
	p.printf("maps:\n")
	for _, name := range names {
		m := info.Maps[name]
		key := ""
		if m.Key != nil {
			key = "[" + m.Key.String() + "]"
		}
		decl := ""
		if m.Decl != Undeclared {
			decl = fmt.Sprintf(", declared %s(%d)", m.Decl, m.MaxEntries)
		}
		p.printf("  %s%s: %s  (first use %s%s)\n", m.Name, key, m.Value, at(m.Pos), decl)
	}
}

func (p *printer) probe(info *Info, i int, node *ast.Probe) {
	specs := make([]string, 0, len(node.Specs))
	for _, s := range node.Specs {
		if s != nil {
			specs = append(specs, s.Raw)
		}
	}
	p.printf("probe %d at %s: %s\n", i+1, at(node.Pos()), strings.Join(specs, ", "))
	for _, probe := range info.Probes {
		if probe.Node != node {
			continue
		}
		for _, a := range probe.Attach {
			p.attach(a)
		}
	}
	p.vars(info, node)
	p.exprTypes(info, node)
}

func (p *printer) attach(a *AttachPoint) {
	switch {
	case a.Args != nil:
		p.printf("  attach %s  args %s, %d bytes\n", a.Name, a.Args, a.Args.Size)
		for _, f := range a.Args.Fields {
			extra := ""
			if f.Type.Kind == Pointer {
				extra = " (" + f.Type.Space.String() + ")"
			}
			if f.DataLoc {
				extra = " (data_loc)"
			}
			p.printf("    %-16s %s%s at %d\n", f.Name, f.Type, extra, f.Offset)
		}
	case a.Freq != 0:
		p.printf("  attach %s  %d Hz\n", a.Name, a.Freq)
	case a.PeriodNS != 0:
		p.printf("  attach %s  every %d ns\n", a.Name, a.PeriodNS)
	default:
		p.printf("  attach %s\n", a.Name)
	}
}

// within reports whether n lies in the source range of probe.
func within(n ast.Node, probe *ast.Probe) bool {
	return n.Pos().Offset >= probe.Pos().Offset && n.End().Offset <= probe.End().Offset
}

func (p *printer) vars(info *Info, node *ast.Probe) {
	seen := map[*Variable]bool{}
	var vars []*Variable
	for occ, v := range info.Vars {
		if within(occ, node) && !seen[v] {
			seen[v] = true
			vars = append(vars, v)
		}
	}
	sort.Slice(vars, func(i, j int) bool { return vars[i].Pos.Offset < vars[j].Pos.Offset })
	for _, v := range vars {
		p.printf("  var %s %s  (declared %s)\n", v.Name, v.Type, at(v.Pos))
	}
}

func (p *printer) exprTypes(info *Info, node *ast.Probe) {
	var exprs []ast.Expr
	for e := range info.Types {
		if within(e, node) {
			exprs = append(exprs, e)
		}
	}
	// Source order, and outer expressions before the ones they contain.
	sort.Slice(exprs, func(i, j int) bool {
		a, b := exprs[i], exprs[j]
		if a.Pos().Offset != b.Pos().Offset {
			return a.Pos().Offset < b.Pos().Offset
		}
		return a.End().Offset > b.End().Offset
	})
	for _, e := range exprs {
		p.printf("  %-7s %s :: %s\n", at(e.Pos()), ExprString(e), info.Types[e])
	}
}

// ExprString renders an expression back as source text, fully
// parenthesised where the tree has explicit parentheses only.
func ExprString(e ast.Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e ast.Expr) {
	switch e := e.(type) {
	case *ast.IntLit:
		if e.Raw != "" {
			b.WriteString(e.Raw)
		} else {
			b.WriteString(strconv.FormatUint(e.Value, 10))
		}
	case *ast.StrLit:
		b.WriteString(strconv.Quote(e.Value))
	case *ast.Ident:
		b.WriteString(e.Name)
	case *ast.Var:
		b.WriteString(e.Name)
	case *ast.PosParam:
		if e.Count {
			b.WriteString("$#")
		} else {
			fmt.Fprintf(b, "$%d", e.Index)
		}
	case *ast.MapExpr:
		b.WriteString(e.Name)
		if e.Keys != nil {
			b.WriteByte('[')
			writeList(b, e.Keys)
			b.WriteByte(']')
		}
	case *ast.CallExpr:
		b.WriteString(e.Name)
		b.WriteByte('(')
		writeList(b, e.Args)
		b.WriteByte(')')
	case *ast.BinaryExpr:
		writeExpr(b, e.X)
		b.WriteString(" " + e.Op + " ")
		writeExpr(b, e.Y)
	case *ast.UnaryExpr:
		b.WriteString(e.Op)
		writeExpr(b, e.X)
	case *ast.IncDecExpr:
		if !e.Post {
			b.WriteString(e.Op)
		}
		writeExpr(b, e.X)
		if e.Post {
			b.WriteString(e.Op)
		}
	case *ast.TernaryExpr:
		writeExpr(b, e.Cond)
		if e.Then == nil {
			b.WriteString(" ?: ")
			writeExpr(b, e.Else)
			break
		}
		b.WriteString(" ? ")
		writeExpr(b, e.Then)
		b.WriteString(" : ")
		writeExpr(b, e.Else)
	case *ast.FieldExpr:
		writeExpr(b, e.X)
		if e.Arrow {
			b.WriteString("->")
		} else {
			b.WriteByte('.')
		}
		b.WriteString(e.Field)
	case *ast.IndexExpr:
		writeExpr(b, e.X)
		b.WriteByte('[')
		writeExpr(b, e.Index)
		b.WriteByte(']')
	case *ast.TupleExpr:
		b.WriteByte('(')
		writeList(b, e.Elems)
		if len(e.Elems) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *ast.CastExpr:
		b.WriteByte('(')
		writeType(b, e.Type)
		b.WriteByte(')')
		writeExpr(b, e.X)
	case *ast.TypeExpr:
		writeType(b, e.Type)
	case *ast.BoolLit:
		b.WriteString(strconv.FormatBool(e.Value))
	case *ast.RecordExpr:
		b.WriteByte('(')
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Name + " = ")
			writeExpr(b, f.Value)
		}
		b.WriteByte(')')
	case *ast.ParenExpr:
		b.WriteByte('(')
		writeExpr(b, e.X)
		b.WriteByte(')')
	case *ast.BlockExpr:
		// The statements are elided: a type listing is about the value.
		b.WriteString("{ ")
		if len(e.Stmts) > 0 {
			b.WriteString("...; ")
		}
		writeExpr(b, e.Value)
		b.WriteString(" }")
	default:
		b.WriteString("?")
	}
}

// writeType writes a type as written, typeof's operand included.
func writeType(b *strings.Builder, t *ast.TypeName) {
	if t.Of == nil {
		b.WriteString(t.String())
		return
	}
	b.WriteString("typeof(")
	writeExpr(b, t.Of)
	b.WriteString(")" + t.ModString())
}

func writeList(b *strings.Builder, es []ast.Expr) {
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, e)
	}
}
