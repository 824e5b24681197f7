package types

import "github.com/bpfscript/bpfscript/lang/ast"

// configTypes gives the expressions of the config block types, as Info
// promises for every expression of the tree. lang/config checks the
// block: its names and values are settings of the run, not values of the
// program, so they are typed as none.
func (c *checker) configTypes(block *ast.ConfigBlock) {
	if block == nil {
		return
	}
	for _, it := range block.Items {
		if it == nil {
			continue
		}
		for _, n := range []ast.Node{it.Name, it.Value} {
			if n == nil {
				continue
			}
			ast.Inspect(n, func(n ast.Node) bool {
				if e, ok := n.(ast.Expr); ok {
					c.record(e, VoidT)
				}
				return true
			})
		}
	}
}
