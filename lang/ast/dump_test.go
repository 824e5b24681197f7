package ast_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// The parser's golden files (lang/parser/testdata/*.ast) cover the dump of
// every node kind; these tests cover what parsed trees cannot reach.

func TestFprintHandBuilt(t *testing.T) {
	tree := &ast.Program{Probes: []*ast.Probe{{
		Specs: []*ast.ProbeSpec{{Raw: "BEGIN"}},
		Body: &ast.Block{Stmts: []ast.Stmt{
			&ast.ExprStmt{X: &ast.IntLit{Value: 16, Raw: "0x10"}},
			&ast.ExprStmt{X: &ast.IntLit{Value: 7}}, // no Raw: built, not parsed
			&ast.IfStmt{Cond: &ast.Ident{Name: "a"}},
		}},
	}}}
	var b strings.Builder
	if err := ast.Fprint(&b, tree); err != nil {
		t.Fatal(err)
	}
	want := `Program
  Probe BEGIN
    Block
      Int 16 (0x10)
      Int 7
      If
        Ident a
        <nil>
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

type failingWriter struct{ n int }

var errWrite = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errWrite
	}
	w.n--
	return len(p), nil
}

func TestFprintWriteError(t *testing.T) {
	tree := &ast.Program{Probes: []*ast.Probe{{Body: &ast.Block{}}}}
	if err := ast.Fprint(&failingWriter{n: 1}, tree); !errors.Is(err, errWrite) {
		t.Errorf("Fprint returned %v, want the writer's error", err)
	}
}

// alien is a Node that is not one of the ast types.
type alien struct{ ast.Span }

func TestFprintUnknownNode(t *testing.T) {
	var b strings.Builder
	err := ast.Fprint(&b, alien{})
	if err == nil || !strings.Contains(err.Error(), "alien") {
		t.Errorf("Fprint(alien) = %v, want an error naming the type", err)
	}
}
