package parser

import (
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Parse parses a whole program. filename is used only in positions. On
// failure the error is a diag.List holding the first problem found.
func Parse(filename, src string) (prog *ast.Program, err error) {
	// The parser itself reports every problem as an error; this guard is
	// the last line of defence so that a bug in the scanner, the grammar
	// or participle never takes the caller down with it.
	defer func() {
		if r := recover(); r != nil {
			prog = nil
			err = diag.List{{
				Pos: ast.Pos{File: filename, Line: 1, Col: 1},
				Msg: fmt.Sprintf("internal parser error: %v", r),
			}}
		}
	}()
	return parse(filename, src)
}

// parse is Parse without the panic guard, so that tests and the fuzzer see
// panics as panics.
func parse(filename, src string) (*ast.Program, error) {
	g, err := grammar()
	if err != nil {
		return nil, diag.List{{Pos: ast.Pos{File: filename, Line: 1, Col: 1}, Msg: "internal parser error: " + err.Error()}}
	}
	stream := newTokenStream(filename, src)
	// The stream never fails, so neither does Upgrade.
	lex, _ := lexer.Upgrade(stream)
	tree, err := g.ParseFromLexer(lex)
	if err != nil {
		e := fromParticiple(err, stream.afterPredicate)
		if m := misplacedConfig(filename, src, e); m != nil {
			e = m
		}
		if m := misplacedImport(filename, src, e); m != nil {
			e = m
		}
		return nil, diag.List{e}
	}
	c := &converter{}
	prog := c.program(tree, stream)
	if c.err != nil {
		return nil, diag.List{c.err}
	}
	return prog, nil
}

// maxNesting bounds how deeply expressions and blocks may nest. The parser
// and every later stage walk the tree recursively, and a script of a
// million parentheses would exhaust the goroutine stack, a fatal error Go
// cannot recover from. bpftrace's generated parser stops at 10000.
const maxNesting = 1000
