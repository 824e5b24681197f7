package ast

// Inspect traverses the tree rooted at n in depth-first source order. It
// calls f(n); if that returns true it inspects each non-nil child of n and
// then calls f(nil), as go/ast.Inspect does, so a visitor can keep a stack.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	for _, child := range children(n) {
		Inspect(child, f)
	}
	f(nil)
}

// children lists the direct, non-nil children of n in source order.
func children(n Node) []Node {
	var out []Node
	// A nil interface field (an absent predicate or else branch) arrives
	// here as a nil Node; nil pointer fields are checked at the call site
	// because a typed nil inside an interface is not == nil.
	add := func(c Node) {
		if c != nil {
			out = append(out, c)
		}
	}
	switch n := n.(type) {
	case *Program:
		for _, m := range n.Macros {
			add(m)
		}
		for _, d := range n.Decls {
			add(d)
		}
		for _, p := range n.Probes {
			add(p)
		}
	case *MapDecl:
		if n.Map != nil {
			add(n.Map)
		}
		if n.Kind != nil {
			add(n.Kind)
		}
		add(n.Size)
	case *ConfigBlock:
		for _, it := range n.Items {
			add(it)
		}
	case *ConfigItem:
		if n.Name != nil {
			add(n.Name)
		}
		add(n.Value)
	case *Probe:
		for _, s := range n.Specs {
			add(s)
		}
		add(n.Pred)
		if n.Body != nil {
			add(n.Body)
		}
	case *Block:
		for _, s := range n.Stmts {
			add(s)
		}
	case *ExprStmt:
		add(n.X)
	case *BlockExpr:
		for _, s := range n.Stmts {
			add(s)
		}
		add(n.Value)
	case *Macro:
		if n.Name != nil {
			add(n.Name)
		}
		for _, p := range n.Params {
			add(p)
		}
		if n.Body != nil {
			add(n.Body)
		}
		add(n.Value)
	case *AssignStmt:
		add(n.LHS)
		add(n.RHS)
	case *LetStmt:
		if n.Var != nil {
			add(n.Var)
		}
		if n.Type != nil {
			add(n.Type)
		}
		add(n.Value)
	case *IfStmt:
		add(n.Cond)
		if n.Then != nil {
			add(n.Then)
		}
		add(n.Else)
	case *WhileStmt:
		add(n.Cond)
		if n.Body != nil {
			add(n.Body)
		}
	case *UnrollStmt:
		add(n.Count)
		if n.Body != nil {
			add(n.Body)
		}
	case *ForStmt:
		if n.Var != nil {
			add(n.Var)
		}
		if n.Map != nil {
			add(n.Map)
		}
		add(n.From)
		add(n.To)
		if n.Body != nil {
			add(n.Body)
		}
	case *MapExpr:
		for _, k := range n.Keys {
			add(k)
		}
	case *CallExpr:
		for _, a := range n.Args {
			add(a)
		}
	case *BinaryExpr:
		add(n.X)
		add(n.Y)
	case *UnaryExpr:
		add(n.X)
	case *IncDecExpr:
		add(n.X)
	case *TernaryExpr:
		add(n.Cond)
		add(n.Then)
		add(n.Else)
	case *FieldExpr:
		add(n.X)
	case *IndexExpr:
		add(n.X)
		add(n.Index)
	case *TupleExpr:
		for _, e := range n.Elems {
			add(e)
		}
	case *ParenExpr:
		add(n.X)
	case *CastExpr:
		if n.Type != nil {
			add(n.Type)
		}
		add(n.X)
	case *RecordExpr:
		for _, f := range n.Fields {
			add(f)
		}
	case *RecordField:
		add(n.Value)
	case *TypeName:
		add(n.Of)
	case *TypeExpr:
		if n.Type != nil {
			add(n.Type)
		}
	}
	return out
}
