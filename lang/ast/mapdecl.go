package ast

// MapDecl is a map declaration at the top level of a program,
// `let @a = lruhash(100);`: the BPF map type the map gets (Kind, as written:
// hash, lruhash, percpuhash or percpulruhash) and its max entries (Size, an
// expression the checker requires to be a positive integer constant).
type MapDecl struct {
	Span
	Map  *MapExpr
	Kind *Ident
	Size Expr
}
