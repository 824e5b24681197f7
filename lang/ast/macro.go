package ast

// BlockExpr is a block used as an expression, `{ let $a = 1; $a }`: its
// statements run in a scope of their own, then Value gives the block its
// value. A block whose last statement is an expression with no ';' after
// it is a BlockExpr wherever it stands; as a statement it is an ExprStmt
// holding one.
type BlockExpr struct {
	Span
	Stmts []Stmt
	Value Expr
}

func (*BlockExpr) exprNode() {}

// Macro is a macro definition at the top level of a program,
// `macro name($a, b, @c) { ... }`. Each parameter is a *Var (the call
// passes a scratch variable), a *MapExpr (a map) or an *Ident (an
// expression, substituted where the name is used). Body holds the
// statements; Value, when not nil, is the expression that ends the body
// without a ';' and gives a call its value.
type Macro struct {
	Span
	Name   *Ident
	Params []Expr
	Body   *Block
	Value  Expr
}
