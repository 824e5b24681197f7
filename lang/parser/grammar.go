package parser

import (
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar, as participle structs over the scanner's tokens (tokens.go
// names them: ProbeSpec, PredStart, Var, ...). Quoted strings are token
// texts. Expressions are the one production participle does not drive
// itself: expr and stmtExpr implement participle.Parseable with precedence
// climbing over the operator table (expr.go).
//
// Participle runs with no lookahead (UseLookahead(0)): a branch that has
// consumed a token is taken, so an error is reported where it happens
// rather than where a backtracking parser last had a choice. The grammar is
// LL(1) for that reason; the one place that needs two tokens, "else if"
// versus "else {", looks ahead explicitly with (?= ...).
//
// The structs only capture tokens; convert.go builds the ast from them,
// taking every span from the tokens' positions.

// program = [shebang] probe* EOF. An empty program is rejected after
// parsing, with its own message.
type program struct {
	Shebang *lexer.Token `parser:"@Shebang?"`
	Probes  []*probe     `parser:"@@* EOF"`
}

// probe = spec ("," spec)* [predicate] block.
type probe struct {
	Specs []*probeSpec `parser:"@@ ( \",\" @@ )*"`
	Pred  *predicate   `parser:"@@?"`
	Body  *block       `parser:"@@"`
}

// probeSpec is one attach point: `kprobe:vfs_read`, or a bare word such as
// BEGIN.
type probeSpec struct {
	Tok lexer.Token `parser:"@( ProbeSpec | Ident )"`
}

// predicate = "/" expr "/". The scanner tells the closing '/' from a
// division, so the expression parser never has to.
type predicate struct {
	Cond *expr `parser:"PredStart @@ PredEnd"`
}

// block = "{" (";" | stmt)* "}". The opening brace is typed so that a
// BlockTooDeep token, whose text is also "{", does not match it.
type block struct {
	Open  lexer.Token `parser:"@\"{\":Punct"`
	Stmts []*stmt     `parser:"( \";\" | @@ )*"`
	Close lexer.Token `parser:"@\"}\""`
}

// stmt is an if statement, or a simple statement that a ';' or the
// block's '}' must follow. An if statement needs no ';' after its '}'.
type stmt struct {
	If     *ifStmt     `parser:"  @@"`
	Simple *simpleStmt `parser:"| @@ (?= \";\" | \"}\")"`
}

// ifStmt = "if" "(" expr ")" block ("else" "if" "(" expr ")" block)*
// ["else" block]. The else-if chain is a list here; convert.go nests it as
// the ast does.
type ifStmt struct {
	If      lexer.Token `parser:"@\"if\""`
	Cond    *expr       `parser:"\"(\" @@ \")\""`
	Then    *block      `parser:"@@"`
	ElseIfs []*elseIf   `parser:"@@*"`
	Else    *block      `parser:"( \"else\" @@ )?"`
}

type elseIf struct {
	If   lexer.Token `parser:"(?= \"else\" \"if\") \"else\" @\"if\""`
	Cond *expr       `parser:"\"(\" @@ \")\""`
	Then *block      `parser:"@@"`
}

type simpleStmt struct {
	Let    *letStmt     `parser:"  @@"`
	Return *lexer.Token `parser:"| @\"return\""`
	Expr   *exprStmt    `parser:"| @@"`
}

// letStmt = "let" $var ["=" expr].
type letStmt struct {
	Let   lexer.Token `parser:"@\"let\""`
	Var   lexer.Token `parser:"@Var"`
	Value *expr       `parser:"( \"=\" @@ )?"`
}

// exprStmt is an expression, or an assignment: target op expr.
type exprStmt struct {
	X     *stmtExpr `parser:"@@"`
	Op    string    `parser:"( @( \"=\" | \"+=\" | \"-=\" | \"*=\" | \"/=\" | \"%=\" | \"&=\" | \"|=\" | \"^=\" | \"<<=\" | \">>=\" )"`
	Value *expr     `parser:"  @@ )?"`
}

// grammar builds the parser once per process, on first use, so that a
// program that never parses pays nothing at start-up.
var grammar = sync.OnceValues(func() (*participle.Parser[program], error) {
	return participle.Build[program](
		participle.Lexer(tokenDefinition{}),
		participle.UseLookahead(0),
	)
})
