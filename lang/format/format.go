package format

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// Source formats the program src, read from filename (for error
// positions). A program that does not parse is an error, the parser's
// diag.List; so is one with preprocessor lines, which the grammar does not
// see.
func Source(filename, src string) ([]byte, error) {
	if line := preprocessorLine(src); line > 0 {
		return nil, fmt.Errorf("%s:%d: cannot format a program with preprocessor lines (#include, #define, ...)", displayName(filename), line)
	}
	prog, err := parser.Parse(filename, src)
	if err != nil {
		return nil, err
	}
	p := &printer{src: src, buf: new(bytes.Buffer), comments: parser.Comments(src)}
	p.program(prog)
	if p.err != nil {
		return nil, fmt.Errorf("%s: %v", displayName(filename), p.err)
	}
	return p.buf.Bytes(), nil
}

func displayName(filename string) string {
	if filename == "" {
		return "stdin"
	}
	return filename
}

// preprocessorLine returns the number of the first line that starts with
// '#' other than a first-line "#!", or 0.
func preprocessorLine(src string) int {
	for n, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") && !(n == 0 && strings.HasPrefix(line, "#!")) {
			return n + 1
		}
	}
	return 0
}

// printer writes the canonical text of a program, weaving in the source's
// comments by position.
type printer struct {
	src      string
	buf      *bytes.Buffer
	comments []parser.Comment
	next     int // the first comment not yet printed
	indent   int
	// lastLine is the source line the output has reached: a source line
	// gap after it becomes one blank line.
	lastLine int
	// blockStart is set just after a "{": a blank line there is dropped.
	blockStart bool
	err        error
}

func (p *printer) program(prog *ast.Program) {
	if prog.Shebang != "" {
		p.buf.WriteString(prog.Shebang + "\n")
		p.lastLine = 1
	}
	// The config block and the imports, in the order written: either
	// may come first.
	configDone := prog.Config == nil
	for _, im := range prog.Imports {
		if !configDone && prog.Config.Pos().Offset < im.Pos().Offset {
			p.leading(prog.Config.Pos())
			p.config(prog.Config)
			configDone = true
		}
		p.leading(im.Pos())
		// The path as written: the escapes the author chose.
		p.buf.WriteString("import " + p.src[im.PathSpan.Start.Offset:im.PathSpan.Stop.Offset] + ";")
		p.trailing(im.End())
	}
	if !configDone {
		p.leading(prog.Config.Pos())
		p.config(prog.Config)
	}
	// Macros, map declarations and probes keep their source order.
	for _, item := range topItems(prog) {
		p.leading(item.Pos())
		switch item := item.(type) {
		case *ast.MapDecl:
			p.mapDecl(item)
		case *ast.Macro:
			p.macro(item)
		case *ast.Probe:
			p.probe(item)
		}
	}
	p.leading(ast.Pos{Offset: len(p.src), Line: lineOf(p.src, len(p.src))})
}

// config prints the config block, a setting a line.
func (p *printer) config(c *ast.ConfigBlock) {
	p.buf.WriteString("config = {\n")
	p.lastLine = c.Pos().Line
	p.blockStart = true
	p.indent++
	for _, it := range c.Items {
		p.leading(it.Pos())
		p.writeIndent()
		p.buf.WriteString(it.Name.Name + " = " + p.expr(it.Value) + ";")
		p.trailing(it.End())
	}
	p.commentsBefore(c.End().Offset - 1)
	p.blockStart = false
	p.indent--
	p.buf.WriteString("}")
	p.trailing(c.End())
}

// mapDecl prints `let @a = lruhash(100);` on its own line.
func (p *printer) mapDecl(d *ast.MapDecl) {
	p.buf.WriteString("let " + d.Map.Name + " = " + d.Kind.Name + "(" + p.expr(d.Size) + ");")
	p.trailing(d.End())
}

// lineOf is the 1-based line of offset in src.
func lineOf(src string, offset int) int {
	return strings.Count(src[:offset], "\n") + 1
}

// leading prints the comments that come before pos, each on its own line,
// then the blank line, if any, that separates pos from what came before.
func (p *printer) leading(pos ast.Pos) {
	p.commentsBefore(pos.Offset)
	p.gap(pos.Line)
}

// commentsBefore prints the comments that start before offset, each on
// its own line.
func (p *printer) commentsBefore(offset int) {
	for p.next < len(p.comments) && p.comments[p.next].Start < offset {
		c := p.comments[p.next]
		p.next++
		p.gap(lineOf(p.src, c.Start))
		p.writeIndent()
		p.buf.WriteString(c.Text + "\n")
		p.lastLine = lineOf(p.src, c.End)
	}
}

// gap writes one blank line when the source had at least one between the
// last thing printed and line.
func (p *printer) gap(line int) {
	if p.lastLine > 0 && line > p.lastLine+1 && !p.blockStart {
		p.buf.WriteString("\n")
	}
	p.blockStart = false
}

// trailing prints the comment that follows end on its line, if any, and
// ends the line.
func (p *printer) trailing(end ast.Pos) {
	if p.next < len(p.comments) {
		c := p.comments[p.next]
		if c.Start >= end.Offset && lineOf(p.src, c.Start) == end.Line && !strings.Contains(c.Text, "\n") {
			p.next++
			p.buf.WriteString(" " + c.Text)
		}
	}
	p.buf.WriteString("\n")
	p.lastLine = end.Line
}

func (p *printer) writeIndent() {
	p.buf.WriteString(strings.Repeat("\t", p.indent))
}

// probe prints a block as bpftrace's tools are written: the attach points,
// the predicate on its own line, the braces on theirs. A block written on
// one line with simple statements stays on one line.
func (p *printer) probe(probe *ast.Probe) {
	specs := make([]string, len(probe.Specs))
	for i, s := range probe.Specs {
		specs[i] = s.Raw
	}
	first, last := probe.Specs[0].Pos().Line, probe.Specs[len(probe.Specs)-1].Pos().Line
	sep := ", "
	if first != last {
		sep = ",\n"
	}
	p.buf.WriteString(strings.Join(specs, sep))
	if p.oneLine(probe) {
		if probe.Pred != nil {
			p.buf.WriteString(" /" + p.expr(probe.Pred) + "/")
		}
		p.buf.WriteString(" {")
		for _, s := range probe.Body.Stmts {
			p.buf.WriteString(" " + p.simple(s))
		}
		p.buf.WriteString(" }")
		p.trailing(probe.End())
		return
	}
	if probe.Pred != nil {
		p.buf.WriteString("\n/" + p.expr(probe.Pred) + "/")
	}
	p.buf.WriteString("\n")
	p.block(probe.Body)
	p.trailing(probe.End())
}

// oneLine reports whether a probe's body was written on one line, on the
// line of its last attach point and predicate, with only simple
// statements and no comment inside.
func (p *printer) oneLine(probe *ast.Probe) bool {
	line := probe.Body.Pos().Line
	if probe.Body.End().Line != line || probe.Specs[len(probe.Specs)-1].Pos().Line != line {
		return false
	}
	if probe.Pred != nil && probe.Pred.Pos().Line != line {
		return false
	}
	return p.inline(probe.Body.Span, probe.Body.Stmts)
}

// block prints { statements } with the braces on their own lines, the
// opening one at the current indent (the caller has written what goes
// before it on the line).
func (p *printer) block(b *ast.Block) {
	p.buf.WriteString("{\n")
	p.lastLine = b.Pos().Line
	p.blockStart = true
	p.indent++
	for i, s := range b.Stmts {
		p.leading(s.Pos())
		p.writeIndent()
		p.stmt(s)
		if i == len(b.Stmts)-1 && isBlockExprStmt(s) {
			// Without it, the block would end in a value and be a
			// block expression itself.
			p.buf.Truncate(p.buf.Len() - 1)
			p.buf.WriteString(";\n")
		}
	}
	// Comments before the closing brace stay inside the block; blank
	// lines before it go.
	p.commentsBefore(b.End().Offset - 1)
	p.blockStart = false
	p.indent--
	p.writeIndent()
	p.buf.WriteString("}")
}

// stmt prints a statement that starts at the current indent and ends its
// line.
func (p *printer) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.Block:
		p.block(s)
	case *ast.IfStmt:
		p.ifStmt(s)
	case *ast.WhileStmt:
		p.buf.WriteString("while (" + p.expr(s.Cond) + ") ")
		p.block(s.Body)
	case *ast.UnrollStmt:
		p.buf.WriteString("unroll(" + p.expr(s.Count) + ") ")
		p.block(s.Body)
	case *ast.ForStmt:
		if s.Map != nil {
			p.buf.WriteString("for (" + s.Var.Name + " : " + p.expr(s.Map) + ") ")
		} else {
			p.buf.WriteString("for (" + s.Var.Name + " : " + p.expr(s.From) + ".." + p.expr(s.To) + ") ")
		}
		p.block(s.Body)
	default:
		p.buf.WriteString(p.simple(s))
	}
	p.trailing(s.End())
}

func (p *printer) ifStmt(s *ast.IfStmt) {
	p.buf.WriteString("if (" + p.expr(s.Cond) + ") ")
	p.block(s.Then)
	switch e := s.Else.(type) {
	case nil:
	case *ast.IfStmt:
		p.buf.WriteString(" else ")
		p.ifStmt(e)
	case *ast.Block:
		p.buf.WriteString(" else ")
		p.block(e)
	default:
		p.fail(e)
	}
}

// simple is the text of a statement that fits on one line, with its
// semicolon.
func (p *printer) simple(s ast.Stmt) string {
	switch s := s.(type) {
	case *ast.ExprStmt:
		if isBlockExprStmt(s) {
			return p.expr(s.X) // ends in '}', as a block does
		}
		return p.expr(s.X) + ";"
	case *ast.AssignStmt:
		return p.expr(s.LHS) + " " + s.Op + " " + p.expr(s.RHS) + ";"
	case *ast.LetStmt:
		decl := "let " + s.Var.Name
		if s.Type != nil {
			decl += ": " + p.typeName(s.Type)
		}
		if s.Value == nil {
			return decl + ";"
		}
		return decl + " = " + p.expr(s.Value) + ";"
	case *ast.ReturnStmt:
		return "return;"
	case *ast.BreakStmt:
		return "break;"
	case *ast.ContinueStmt:
		return "continue;"
	}
	p.fail(s)
	return ""
}

// expr is the text of an expression. Parentheses are nodes of their own,
// so printing the tree as it is keeps its meaning.
func (p *printer) expr(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.IntLit:
		if e.Raw != "" {
			return e.Raw
		}
		return strconv.FormatUint(e.Value, 10)
	case *ast.StrLit:
		// As written: the escapes the author chose.
		return p.src[e.Pos().Offset:e.End().Offset]
	case *ast.Ident:
		return e.Name
	case *ast.Var:
		return e.Name
	case *ast.PosParam:
		if e.Count {
			return "$#"
		}
		return "$" + strconv.Itoa(e.Index)
	case *ast.MapExpr:
		if e.Keys == nil {
			return e.Name
		}
		return e.Name + "[" + p.list(e.Keys) + "]"
	case *ast.CallExpr:
		return e.Name + "(" + p.list(e.Args) + ")"
	case *ast.BinaryExpr:
		return p.expr(e.X) + " " + e.Op + " " + p.expr(e.Y)
	case *ast.UnaryExpr:
		x := p.expr(e.X)
		if e.Op == "-" && strings.HasPrefix(x, "-") {
			x = " " + x // - -1, not the decrement --1
		}
		return e.Op + x
	case *ast.IncDecExpr:
		if e.Post {
			return p.expr(e.X) + e.Op
		}
		return e.Op + p.expr(e.X)
	case *ast.TernaryExpr:
		if e.Then == nil {
			return p.expr(e.Cond) + " ?: " + p.expr(e.Else)
		}
		return p.expr(e.Cond) + " ? " + p.expr(e.Then) + " : " + p.expr(e.Else)
	case *ast.FieldExpr:
		if e.Arrow {
			return p.expr(e.X) + "->" + e.Field
		}
		if _, ok := e.X.(*ast.IntLit); ok {
			return p.expr(e.X) + " ." + e.Field // 0 .0, not the float 0.0
		}
		return p.expr(e.X) + "." + e.Field
	case *ast.IndexExpr:
		return p.expr(e.X) + "[" + p.expr(e.Index) + "]"
	case *ast.TupleExpr:
		if len(e.Elems) == 1 {
			return "(" + p.expr(e.Elems[0]) + ",)"
		}
		return "(" + p.list(e.Elems) + ")"
	case *ast.BoolLit:
		return strconv.FormatBool(e.Value)
	case *ast.CastExpr:
		return "(" + p.typeName(e.Type) + ")" + p.expr(e.X)
	case *ast.TypeExpr:
		return p.typeName(e.Type)
	case *ast.RecordExpr:
		fields := make([]string, len(e.Fields))
		for i, f := range e.Fields {
			fields[i] = f.Name + " = " + p.expr(f.Value)
		}
		return "(" + strings.Join(fields, ", ") + ")"
	case *ast.ParenExpr:
		return "(" + p.expr(e.X) + ")"
	case *ast.BlockExpr:
		return p.blockExpr(e)
	}
	p.fail(e)
	return ""
}

// list is the text of a comma-separated list (arguments, keys, tuple
// elements). Where the source broke the line between two elements, the
// break stays, the next line indented one tab past the statement.
func (p *printer) list(es []ast.Expr) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			if e.Pos().Line > es[i-1].End().Line {
				b.WriteString(",\n" + strings.Repeat("\t", p.indent+1))
			} else {
				b.WriteString(", ")
			}
		}
		b.WriteString(p.expr(e))
	}
	return b.String()
}

// fail records a node the printer does not know: the grammar grew and
// the printer did not. Formatting then fails rather than drop code.
func (p *printer) fail(n ast.Node) {
	if p.err == nil {
		p.err = fmt.Errorf("%s: cannot format a %T yet", n.Pos(), n)
	}
}

// typeName renders a type as written: int32*[4], typeof($x + 1)*.
func (p *printer) typeName(t *ast.TypeName) string {
	if t.Of == nil {
		return t.String()
	}
	return "typeof(" + p.expr(t.Of) + ")" + t.ModString()
}
