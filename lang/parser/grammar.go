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
// taking every span from the tokens' positions. A Tokens field is filled by
// participle with the tokens a struct matched, which gives its span.

// program = [shebang] import* [config] import* (mapDecl | probe)* EOF.
// An empty program is rejected after parsing, with its own message.
// Imports may come before or after the config block, as in bpftrace
// (imports.go); map declarations and probes in any order.
type program struct {
	Shebang       *lexer.Token  `parser:"@Shebang?"`
	ImportsBefore []*importDecl `parser:"@@*"`
	Config        *configBlock  `parser:"@@?"`
	Imports       []*importDecl `parser:"@@*"`
	Items         []*topItem    `parser:"@@* EOF"`
}

// topItem is one item of the program's body: macro definitions, map
// declarations and probes may come in any order.
type topItem struct {
	Decl  *mapDecl   `parser:"  @@"`
	Probe *probe     `parser:"| @@"`
	Macro *macroDecl `parser:"| @@"`
}

// macroDecl = "macro" name "(" [param ("," param)*] ")" block, a param
// being a variable, a map or a name: `macro add($a, @m, x) { ... }`. The
// parameter list is parsed as optional only so that convert.go can say
// what to write without it: upstream requires it, even empty.
type macroDecl struct {
	Tokens []lexer.Token
	Name   lexer.Token   `parser:"\"macro\":Ident @Ident"`
	Open   *lexer.Token  `parser:"( @\"(\""`
	Params []*macroParam `parser:"  ( @@ ( \",\" @@ )* )? \")\" )?"`
	Body   *block        `parser:"@@"`
}

type macroParam struct {
	Tok lexer.Token `parser:"@( Var | Map | Ident )"`
}

// mapDecl = "let" map "=" kind "(" expr ")" ";", as in
// `let @a = lruhash(100);`.
type mapDecl struct {
	Tokens []lexer.Token
	Map    lexer.Token `parser:"\"let\" @Map \"=\""`
	Kind   lexer.Token `parser:"@Ident \"(\""`
	Size   *expr       `parser:"@@ \")\" \";\""`
}

// configBlock = "config" "=" "{" (";" | name "=" expr)* "}", before the
// probes. Items are separated by ';', the last one's optional.
type configBlock struct {
	Tokens []lexer.Token
	Items  []*configItem `parser:"\"config\":Ident \"=\" \"{\":Punct ( \";\" | @@ )* \"}\""`
}

type configItem struct {
	Tokens []lexer.Token
	Name   lexer.Token `parser:"@Ident \"=\""`
	Value  *expr       `parser:"@@ (?= \";\" | \"}\")"`
}

// probe = spec ("," spec)* ["/" expr "/"] block. A spec is a ProbeSpec
// token such as `kprobe:vfs_read`, or a bare word such as BEGIN. The
// scanner tells a predicate's closing '/' (PredEnd) from a division, so the
// expression parser never has to.
type probe struct {
	Tokens []lexer.Token // the specs are the tokens before the predicate or the block
	Pred   *expr         `parser:"(?! \"macro\") ( ProbeSpec | Ident ) ( \",\" ( ProbeSpec | Ident ) )* ( PredStart @@ PredEnd )?"`
	Body   *block        `parser:"@@"`
}

// block = "{" (";" | stmt)* "}". The opening brace is typed so that a
// BlockTooDeep token, whose text is also "{", does not match it. The
// lookahead for "}" ends the list before every kind of statement is tried
// and fails on it: 9% fewer allocations parsing one-line probes.
type block struct {
	Tokens []lexer.Token
	Stmts  []*stmt `parser:"\"{\":Punct ( (?! \"}\") ( \";\" | @@ ) )* \"}\""`
}

// stmt is an if statement, a loop, a block, or a simple statement that a
// ';' or the block's '}' must follow: let, return, an expression, or an
// assignment (target op expr). A statement that ends in a '}' needs no ';'
// after it. A block whose last statement is an expression with no ';' is a
// block expression (convert.go tells them apart).
type stmt struct {
	X        *stmtExpr    `parser:"  ( @@"`
	Op       string       `parser:"    ( @AssignOp"`
	Value    *expr        `parser:"      @@ )? (?= \";\" | \"}\") )"`
	If       *ifStmt      `parser:"| @@"`
	While    *whileStmt   `parser:"| @@"`
	Unroll   *unrollStmt  `parser:"| @@"`
	For      *forStmt     `parser:"| @@"`
	Let      *letStmt     `parser:"| ( @@"`
	Return   *lexer.Token `parser:"  | @\"return\""`
	Break    *lexer.Token `parser:"  | @\"break\""`
	Continue *lexer.Token `parser:"  | @\"continue\" ) (?= \";\" | \"}\")"`
	Block    *block       `parser:"| @@"`
}

// ifStmt = "if" "(" expr ")" block ("else" "if" "(" expr ")" block)*
// ["else" block]. The else-if chain is a list here; convert.go nests it as
// the ast does.
type ifStmt struct {
	Tokens  []lexer.Token
	Cond    *expr     `parser:"\"if\" \"(\" @@ \")\""`
	Then    *block    `parser:"@@"`
	ElseIfs []*elseIf `parser:"@@*"`
	Else    *block    `parser:"( \"else\" @@ )?"`
}

type elseIf struct {
	Tokens []lexer.Token
	Cond   *expr  `parser:"(?= \"else\" \"if\") \"else\" \"if\" \"(\" @@ \")\""`
	Then   *block `parser:"@@"`
}

// whileStmt = "while" "(" expr ")" block.
type whileStmt struct {
	Tokens []lexer.Token
	Cond   *expr  `parser:"\"while\" \"(\" @@ \")\""`
	Body   *block `parser:"@@"`
}

// unrollStmt = "unroll" "(" expr ")" block.
type unrollStmt struct {
	Tokens []lexer.Token
	Count  *expr  `parser:"\"unroll\" \"(\" @@ \")\""`
	Body   *block `parser:"@@"`
}

// forStmt = "for" ["("] $var ":" expr [".." expr] [")"] block: a range
// when ".." follows, otherwise a map (convert.go checks that it is one).
// The parentheses are optional, as in upstream's current parser
// (`for $i : 1..$n { }`); convert.go checks that both or neither are
// there.
type forStmt struct {
	Tokens []lexer.Token
	Open   *lexer.Token `parser:"\"for\" @\"(\"?"`
	Var    lexer.Token  `parser:"@Var \":\""`
	Start  *expr        `parser:"@@"`
	End    *expr        `parser:"( \"..\" @@ )?"`
	Close  *lexer.Token `parser:"@\")\"?"`
	Body   *block       `parser:"@@"`
}

// letStmt = "let" $var [":" type] ["=" expr].
type letStmt struct {
	Tokens []lexer.Token
	Var    lexer.Token `parser:"\"let\" @Var"`
	Type   *typeExpr   `parser:"( \":\" @@ )?"`
	Value  *expr       `parser:"( \"=\" @@ )?"`
}

// grammar builds the parser once per process, on first use, so that a
// program that never parses pays nothing at start-up. Prepare starts
// building it early.
var grammar = sync.OnceValues(func() (*participle.Parser[program], error) {
	return participle.Build[program](
		participle.Lexer(tokenDefinition{}),
		participle.UseLookahead(0),
	)
})

// blockGrammar parses a block expression where the expression parser
// meets a '{' (expr.go), with the grammar's own block rule. It is built
// apart from the program's grammar, on first use, so that programs
// without block expressions never pay for it.
var blockGrammar = sync.OnceValues(func() (*participle.Parser[block], error) {
	return participle.Build[block](
		participle.Lexer(tokenDefinition{}),
		participle.UseLookahead(0),
	)
})

// Prepare builds the grammar on a goroutine of its own, so that a program
// about to parse (the command, before it reads its script) overlaps the
// hundred or so microseconds it takes with other start-up work. Parse
// waits for it when it comes first.
func Prepare() {
	go grammar()
}
