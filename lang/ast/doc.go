// Package ast defines the untyped syntax tree of a bpfscript program.
//
// The parser (lang/parser) builds it; the checker (lang/types) reads it and
// records what it learns in side tables keyed by node, never in the tree
// itself, the way go/types treats go/ast. Every node carries the span of
// source it came from so that any later stage can report an error with a
// position and a caret.
package ast
