// Package parser turns bpfscript source (bpftrace syntax) into an ast.Program.
//
// Parse is the entry point. It returns a tree in which every node carries
// its exact source span, or a diag.List holding the first error found, with
// the span of the offending token so that diag.Render can put a caret under
// it.
//
// # Lexing
//
// Tokens come from a hand-written scanner (lexer.go) that works byte by
// byte. A regular-expression lexer would have to compile its patterns when
// the program starts, and that was the largest part of a launch's package
// initialisation; the scanner needs no set-up at all. It is stateful,
// because the same characters mean different things in different places:
//
//   - Outside blocks, a word containing colons is a whole probe spec, so
//     `uprobe:/lib/libc.so.6:malloc` or `software:cpu-clock:100000` is one
//     token rather than a dozen.
//   - Between a probe's spec and its body, `/` opens a predicate, and inside
//     the predicate a `/` at the top level closes it: `/pid == 1/` is not a
//     division. Parentheses and brackets switch back to ordinary expression
//     lexing, so `/(a / 2) > 1/` divides. The lexer therefore emits distinct
//     PredStart and PredEnd tokens and the parser never has to guess.
//   - Inside braces every `/` divides and braces nest.
//
// The state is a stack in principle, but only Root-Pred-Paren… and
// Root-Body… occur, so the scanner keeps the top state and a depth.
// Whitespace and comments are skipped; an unterminated string or comment
// and a character that starts no token (one UTF-8 character, or one byte
// if the input is not UTF-8) become error tokens that the parser reports.
// Tokens are pulled one at a time so that errors come out in source order.
//
// # Parsing
//
// The grammar is small and error messages matter more than brevity, so the
// parser is hand-written recursive descent over those tokens (parser.go for
// probes and statements, expr.go for expressions) instead of a declarative
// grammar, which cannot express the predicate rule or give bpftrace-like
// messages. Binary operators are parsed by precedence climbing driven by a
// single table, binaryLevels, that follows C: `||` binds loosest, then
// `&&`, `|`, `^`, `&`, `== !=`, `< <= > >=`, `<< >>`, `+ -` and `* / %`;
// all are left-associative. The ternary `?:` sits below them
// (right-associative), unary `- ~ ! ++ --` above them, and postfix
// `.field ->field [index] (call) ++ --` above those.
//
// Statements are separated by ';'. The ';' after a block's last statement
// and after an if statement's closing brace may be left out. `while`, `for`,
// `unroll`, `break` and `continue` are reserved and rejected with "not
// supported yet".
//
// Expressions, and separately blocks, may nest at most 1000 levels deep
// (maxNesting); past that the parser stops with "expression nested too
// deeply" or "block nested too deeply". Every stage after the parser walks
// the tree recursively, and without the bound a pathological script would
// exhaust the goroutine stack, which is fatal rather than a panic.
//
// The parser stops at the first error: errors are sticky (parser.failAt
// records the first one and turns the input into EOF so that every loop
// winds down), which keeps the grammar free of error plumbing without using
// panics for control flow. Parse also recovers from any panic and reports it
// as an error, so no input can crash the caller.
package parser
