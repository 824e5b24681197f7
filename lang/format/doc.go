// Package format prints a bpfscript program in its canonical layout, as
// gofmt does for Go: `bpfscript fmt FILE`.
//
// The layout is the one of bpftrace's tools: attach points one per line
// when they were written on several, the predicate and each brace on a
// line of their own, a tab per nesting level, one space around binary
// operators and after commas, a statement per line; a line broken between
// two arguments stays broken, the rest indented a tab. A probe written on one
// line with only simple statements stays on one line. Blank lines between
// probes and statements are kept (several become one); those right inside
// braces go.
//
// Comments are kept. A comment on a line of its own stays before what
// follows it, one at the end of a line stays there; a comment in the
// middle of an expression or a statement moves to the line before the
// next statement. Literals keep their spelling (0x10, "\x41"): only the
// layout changes. A program with preprocessor lines (#include, #define) is
// refused, since the grammar does not see them.
package format
