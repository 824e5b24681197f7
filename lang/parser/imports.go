package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// importDecl = "import" string ";". Imports come before the probes, on
// either side of the config block; lang/imports reads the files.
type importDecl struct {
	Tokens []lexer.Token
	Path   lexer.Token `parser:"\"import\":Ident @String \";\""`
}

// imports converts the import statements of both places, in source order.
func (c *converter) imports(before, after []*importDecl) []*ast.Import {
	var out []*ast.Import
	for _, d := range append(before, after...) {
		p := &exprParser{}
		path := p.decodeString(&d.Path)
		if p.err != nil && c.err == nil {
			c.err = p.err
		}
		out = append(out, &ast.Import{
			Span:     spanOf(&d.Tokens[0], &d.Tokens[len(d.Tokens)-1]),
			Path:     path,
			PathSpan: spanOf(&d.Path, &d.Path),
		})
	}
	return out
}

// misplacedImport returns the error for an import after a probe, which the
// grammar reads as a probe named import followed by a stray string, or nil
// when e is about something else.
func misplacedImport(file, src string, e *diag.Error) *diag.Error {
	off := e.Pos.Offset
	if off <= 0 || off >= len(src) || src[off] != '"' {
		return nil
	}
	before := strings.TrimRight(src[:off], " \t\r\n")
	start := len(before) - len("import")
	if !strings.HasSuffix(before, "import") || start > 0 && isIdentByte(src[start-1]) {
		return nil
	}
	line := strings.Count(src[:start], "\n") + 1
	col := start - (strings.LastIndexByte(src[:start], '\n') + 1) + 1
	pos := ast.Pos{File: file, Offset: start, Line: line, Col: col}
	end := pos
	end.Offset, end.Col = start+len("import"), col+len("import")
	return errorAt(pos, end, "imports must come before the probes")
}
