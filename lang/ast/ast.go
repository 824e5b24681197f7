package ast

import "fmt"

// Pos is a position in a source file. Line and Col count from 1; Offset is
// the byte offset from the start of the file.
type Pos struct {
	File   string
	Offset int
	Line   int
	Col    int
}

func (p Pos) String() string {
	file := p.File
	if file == "" {
		file = "stdin"
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// IsValid reports whether the position was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Span is the source range of a node: Start is the first byte, Stop one past
// the last.
type Span struct {
	Start, Stop Pos
}

func (s Span) Pos() Pos { return s.Start }
func (s Span) End() Pos { return s.Stop }

// Node is any syntax tree node.
type Node interface {
	Pos() Pos
	End() Pos
}

// Program is a whole source file.
type Program struct {
	Span
	Shebang string       // the #! line without its newline, if any
	Config  *ConfigBlock // the config block, nil when there is none
	Imports []*Import    // the import statements, in source order
	Probes  []*Probe     // the blocks in source order
	Decls   []*MapDecl   // the map declarations in source order
	Macros  []*Macro     // the macro definitions in source order
}

// ConfigBlock is `config = { name = value; ... }` at the top of a program:
// settings of the run (config variables), in source order.
type ConfigBlock struct {
	Span
	Items []*ConfigItem
}

// ConfigItem is one `name = value` of a config block. Value is an
// expression as written (an *IntLit, a *StrLit, a *BoolLit, or an *Ident such as
// `perf`); the config variable's type decides what it may be.
type ConfigItem struct {
	Span
	Name  *Ident
	Value Expr
}

// Probe is one block: one or more attach points, an optional predicate and a
// body. `tracepoint:a:b, tracepoint:a:c /pid == 1/ { ... }`.
type Probe struct {
	Span
	Specs []*ProbeSpec
	Pred  Expr // nil when there is no predicate
	Body  *Block
}

// ProbeSpec is one attach point as written. The parser splits it at colons
// and keeps the provider as written ("t", "tracepoint", "BEGIN"); resolving
// aliases and wildcards is the checker's job.
//
//	tracepoint:syscalls:sys_enter_open*  Provider "tracepoint", Parts ["syscalls", "sys_enter_open*"]
//	interval:s:1                         Provider "interval",   Parts ["s", "1"]
//	BEGIN                                Provider "BEGIN",      Parts nil
type ProbeSpec struct {
	Span
	Raw      string
	Provider string
	Parts    []string
}

// ---- statements ----

// Stmt is a statement.
type Stmt interface {
	Node
	stmtNode()
}

// Block is a brace-delimited statement list; it opens a scope for `let`.
type Block struct {
	Span
	Stmts []Stmt
}

// ExprStmt is an expression evaluated for its effect: printf(...), exit(),
// @x++, count() on its own is an error the checker reports.
type ExprStmt struct {
	Span
	X Expr
}

// AssignStmt is `LHS Op RHS` where Op is "=" or a compound operator such as
// "+=" or "<<=". LHS is a *MapExpr or a *Var.
type AssignStmt struct {
	Span
	Op  string
	LHS Expr
	RHS Expr
}

// LetStmt declares a block-scoped variable: `let $x = expr;` or `let $x;`,
// optionally typed: `let $x: uint16 = 1;`.
type LetStmt struct {
	Span
	Var   *Var
	Type  *TypeName // nil when the type comes from the value
	Value Expr      // nil for a declaration without a value
}

// IfStmt is `if (Cond) Then [else Else]`. Else is nil, a *Block, or an
// *IfStmt for `else if`.
type IfStmt struct {
	Span
	Cond Expr
	Then *Block
	Else Stmt
}

// ReturnStmt ends the probe's execution.
type ReturnStmt struct {
	Span
}

func (*Block) stmtNode()      {}
func (*ExprStmt) stmtNode()   {}
func (*AssignStmt) stmtNode() {}
func (*LetStmt) stmtNode()    {}
func (*IfStmt) stmtNode()     {}
func (*ReturnStmt) stmtNode() {}

// ---- expressions ----

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// IntLit is an integer literal. Raw is the text as written ("0x10", "1_000").
// Negative numbers are a UnaryExpr "-" around an IntLit.
type IntLit struct {
	Span
	Value uint64
	Raw   string
}

// StrLit is a string literal with its escapes already decoded.
type StrLit struct {
	Span
	Value string
}

// Ident is a bare identifier: a builtin variable such as pid, comm, args.
type Ident struct {
	Span
	Name string
}

// Var is a scratch variable; Name includes the "$" ("$x").
type Var struct {
	Span
	Name string
}

// PosParam is a positional parameter: $1..$N (Index N) or $# (Count true).
type PosParam struct {
	Span
	Index int
	Count bool
}

// MapExpr is a map reference: "@" or "@name", with Keys when subscripted
// (`@x[a, b]` has two keys). Keys is nil for a scalar map.
type MapExpr struct {
	Span
	Name string
	Keys []Expr
}

// CallExpr is a function call such as printf("%d\n", pid) or count().
type CallExpr struct {
	Span
	Name     string
	NameSpan Span // the function name only, for errors about the name
	Args     []Expr
}

// BinaryExpr is X Op Y with Op one of
// + - * / % & | ^ << >> && || < <= > >= == !=.
type BinaryExpr struct {
	Span
	Op    string
	OpPos Pos
	X, Y  Expr
}

// UnaryExpr is Op X with Op one of - ~ !.
type UnaryExpr struct {
	Span
	Op string
	X  Expr
}

// IncDecExpr is ++X, --X, X++ or X--; X is a *Var or a *MapExpr.
type IncDecExpr struct {
	Span
	Op   string // "++" or "--"
	Post bool
	X    Expr
}

// TernaryExpr is Cond ? Then : Else, or the elvis operator Cond ?: Else
// when Then is nil: Cond, evaluated once, if it is true, else Else.
type TernaryExpr struct {
	Span
	Cond, Then, Else Expr
}

// FieldExpr is X.Field or X->Field (Arrow). Tuple element access `t.0` is a
// FieldExpr with Field "0".
type FieldExpr struct {
	Span
	X     Expr
	Field string
	Arrow bool
}

// IndexExpr is X[Index] on an array or pointer (args.argv[0]).
type IndexExpr struct {
	Span
	X     Expr
	Index Expr
}

// TupleExpr is (a, b, ...), or the one-element tuple (a,).
type TupleExpr struct {
	Span
	Elems []Expr
}

// ParenExpr is (X); kept so that spans and dumps follow the source.
type ParenExpr struct {
	Span
	X Expr
}

func (*IntLit) exprNode()      {}
func (*StrLit) exprNode()      {}
func (*Ident) exprNode()       {}
func (*Var) exprNode()         {}
func (*PosParam) exprNode()    {}
func (*MapExpr) exprNode()     {}
func (*CallExpr) exprNode()    {}
func (*BinaryExpr) exprNode()  {}
func (*UnaryExpr) exprNode()   {}
func (*IncDecExpr) exprNode()  {}
func (*TernaryExpr) exprNode() {}
func (*FieldExpr) exprNode()   {}
func (*IndexExpr) exprNode()   {}
func (*TupleExpr) exprNode()   {}
func (*ParenExpr) exprNode()   {}
