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
//     division. Parentheses, brackets and the braces of a block
//     expression switch back to ordinary expression lexing, so
//     `/(a / 2) > 1/` divides. The lexer therefore emits distinct
//     PredStart and PredEnd tokens and the parser never has to guess.
//   - Inside braces every `/` divides and braces nest.
//
// The state is a stack in principle, but only Root-Pred-Paren… and
// Root-Body… occur, so the scanner keeps the top state and a depth.
// Whitespace and comments are skipped; an unterminated string or comment
// and a character that starts no token (one UTF-8 character, or one byte
// if the input is not UTF-8) become error tokens that the parser reports
// when it reaches them.
//
// # Parsing
//
// The grammar is declared as participle structs in grammar.go, readable in
// one place: program, probe, block, stmt, ifStmt, elseIf, letStmt.
// Participle drives them over the scanner's tokens: tokens.go implements
// lexer.Definition and lexer.Lexer over the scanner, keeps its token kinds
// (so the grammar names PredStart, PredEnd, ProbeSpec, Var, ...) and gives
// every token its line and column. Participle runs with no lookahead, so
// the first token of a branch commits to it and an error is reported where
// it happens; the one two-token choice, "else if" versus "else {", is an
// explicit (?= ...) lookahead.
//
// Expressions are the one production participle does not drive itself:
// expr and stmtExpr implement participle.Parseable and parse by precedence
// climbing (expr.go) driven by a single table, binaryLevels, that follows
// C: `||` binds loosest, then `&&`, `|`, `^`, `&`, `== !=`,
// `< <= > >=`, `<< >>`, `+ -` and `* / %`; all are left-associative. The
// ternary `?:` and the elvis operator `a ?: b` sit below them
// (right-associative), unary `- ~ ! ++ --`
// above them, and postfix `.field ->field [index] (call) ++ --` above
// those. The structs capture tokens and built expressions; convert.go turns
// them into lang/ast nodes, each spanning exactly its source text.
//
// A '{' where an operand is expected starts a block expression,
// `{ let $a = 1; $a }`: the expression parser hands the block to a second
// participle parser built for the block rule alone (blockexpr.go), so the
// statements inside are the grammar's. In statement position a '{' is the
// grammar's block statement; convert.go makes it a block expression when
// its last statement is an expression with no ';' after it. Top-level
// `macro name(params) { ... }` definitions parse here and are expanded by
// lang/macro.
//
// Statements are separated by ';'. The ';' after a block's last statement
// and after a statement ending in '}' may be left out. `while`, `for`,
// `unroll`, `break` and `continue` are reserved and rejected with "not
// supported yet".
//
// # Errors
//
// Parse stops at the first error and returns it as a diag.List with the
// span of the offending token, and bpftrace's (bison's) wording: "syntax
// error, unexpected X, expecting Y" (errors.go). Participle reports what it
// expected as the rest of the failed production; errors.go names its first
// element the way bpftrace would ("'{'", "expression", "probe"). Tokens
// that are errors in themselves (an unterminated string or comment, a
// stray character, a misplaced #! line) match no grammar rule, so parsing
// stops in front of the first one and it is reported then, in source
// order, although participle reads all tokens before it parses.
//
// Expressions, and separately blocks, may nest at most 1000 levels deep
// (maxNesting); past that the parser stops with "expression nested too
// deeply" or "block nested too deeply". Every stage after the parser walks
// the tree recursively, and without the bound a pathological script would
// exhaust the goroutine stack, which is fatal rather than a panic. The
// expression parser counts its own depth; the token stream marks a '{'
// nested too deeply, counting the parentheses and brackets open around it
// in the block (which also bounds participle's recursion through block
// expressions nested in parentheses), and
// convert.go counts the extra level of each "else if".
//
// Parse also recovers from any panic and reports it as an error, so no
// input can crash the caller. The grammar is built once per process, on
// the first Parse (sync.OnceValues), not at package initialisation.
package parser
