package parser

import (
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// misplacedConfig returns the error for a config block after a probe,
// which the grammar reads as a probe named config followed by a stray '=',
// or nil when e is about something else.
func misplacedConfig(file, src string, e *diag.Error) *diag.Error {
	off := e.Pos.Offset
	if off <= 0 || off >= len(src) || src[off] != '=' {
		return nil
	}
	before := strings.TrimRight(src[:off], " \t\r\n")
	start := len(before) - len("config")
	if !strings.HasSuffix(before, "config") || start > 0 && isIdentByte(src[start-1]) {
		return nil
	}
	line := strings.Count(src[:start], "\n") + 1
	col := start - (strings.LastIndexByte(src[:start], '\n') + 1) + 1
	pos := ast.Pos{File: file, Offset: start, Line: line, Col: col}
	end := pos
	end.Offset, end.Col = start+len("config"), col+len("config")
	return errorAt(pos, end, "the config block must come before the probes")
}
