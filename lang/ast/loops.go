package ast

// WhileStmt is `while (Cond) Body`: bpftrace deprecates it in favour of
// for loops, but scripts still use it.
type WhileStmt struct {
	Span
	Cond Expr
	Body *Block
}

// UnrollStmt is `unroll (Count) Body`: Body compiled Count times, Count a
// constant.
type UnrollStmt struct {
	Span
	Count Expr
	Body  *Block
}

// ForStmt is `for (Var : From..To) Body` over the integers from From up
// to To, To excluded, or `for (Var : Map) Body` over a map's entries, when
// Map is set and From and To are nil.
type ForStmt struct {
	Span
	Var      *Var
	Map      *MapExpr
	From, To Expr
	Body     *Block
}

// BreakStmt ends the innermost loop.
type BreakStmt struct {
	Span
}

// ContinueStmt goes on with the innermost loop's next iteration.
type ContinueStmt struct {
	Span
}

func (*WhileStmt) stmtNode()    {}
func (*UnrollStmt) stmtNode()   {}
func (*ForStmt) stmtNode()      {}
func (*BreakStmt) stmtNode()    {}
func (*ContinueStmt) stmtNode() {}
