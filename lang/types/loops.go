package types

import "github.com/bpfscript/bpfscript/lang/ast"

// maxUnroll is bpftrace's limit on unroll's count: each repetition is
// code, and the program's instructions are limited.
const maxUnroll = 100

func (c *checker) whileStmt(s *ast.WhileStmt) {
	if t := c.expr(s.Cond); !isCondition(t) {
		c.errorf(s.Cond, "condition must be an integer or pointer, not %s", t)
	}
	c.loopBody(s.Body)
}

// loopBody checks the body of a loop, where break and continue are valid.
func (c *checker) loopBody(b *ast.Block) {
	c.loops++
	c.block(b)
	c.loops--
}

func (c *checker) unrollStmt(s *ast.UnrollStmt) {
	c.expr(s.Count)
	n, ok := c.requireConst(s.Count, "unroll's count")
	switch {
	case !ok:
	case n < 1 || n > maxUnroll:
		c.errorf(s.Count, "unroll's count must be from 1 to %d, not %d", maxUnroll, n)
	default:
		if c.info.Unrolls == nil {
			c.info.Unrolls = map[*ast.UnrollStmt]int{}
		}
		c.info.Unrolls[s] = int(n)
	}
	// The body is not a loop: break and continue in it belong to a loop
	// around the unroll, as each repetition is inlined.
	c.block(s.Body)
}

func (c *checker) forStmt(s *ast.ForStmt) {
	varType := Int64
	if s.Map != nil {
		varType = c.forMapType(s.Map)
	} else {
		for _, e := range []ast.Expr{s.From, s.To} {
			if t := c.expr(e); t.Kind != Int && t.Kind != Invalid {
				c.errorf(e, "a for loop's range needs integers, not %s", t)
			}
		}
	}
	// The loop variable lives in a scope of its own around the body, and
	// may not hide a variable already visible: bpftrace refuses that too.
	if old := c.lookupVar(s.Var.Name); old != nil {
		c.errorf(s.Var, "variable '%s' is already declared at %s", s.Var.Name, at(old.Pos))
	}
	v := &Variable{Name: s.Var.Name, Pos: s.Var.Pos(), Type: varType}
	c.scopes = append(c.scopes, scope{s.Var.Name: v})
	c.useVar(s.Var, v)
	c.loopBody(s.Body)
	c.scopes = c.scopes[:len(c.scopes)-1]
}

// loopControl checks a break or continue statement.
func (c *checker) loopControl(s ast.Stmt, what string) {
	if c.loops == 0 {
		c.errorf(s, "'%s' outside of a loop", what)
	}
}

// forMapType checks the map of `for ($kv : @m)` and returns the type of
// $kv: the tuple (key, value), whose key is itself a tuple for a map with
// several keys, and 0 for a map without keys. As in bpftrace, a count, sum,
// min, max or avg map gives each key's value over all CPUs, as reading it
// would; maps of values that cannot be read (hist, lhist, stats, tseries)
// cannot be iterated.
func (c *checker) forMapType(n *ast.MapExpr) *Type {
	if n.Keys != nil {
		c.errorf(n, "a for loop iterates over a whole map: write %s, not %s[...]", n.Name, n.Name)
		return c.record(n, InvalidT)
	}
	st := c.maps[n.Name]
	c.mapNodes = append(c.mapNodes, mapNode{node: n, name: n.Name, role: mapWhole})
	if st == nil || st.m.Value == nil {
		c.neverAssigned(n, st)
		return c.record(n, InvalidT)
	}
	if !st.keyKnown {
		// In the learning run, before the map's first use with or
		// without keys (guessing would fix a wrong key); after it, when
		// every use takes its keys from the loop's variable.
		if !c.learning() {
			c.errorf(n, "the key type of map %s is not known here: its keys all come from this loop's variable; use the map with keys of their own type elsewhere", n.Name)
		}
		return c.record(n, InvalidT)
	}
	c.record(n, st.m.Value)
	value := readableValue(st.m.Value)
	if value == nil {
		c.errorf(n, "cannot iterate over map %s: its %s values cannot be read in an expression", n.Name, st.m.Value)
		return InvalidT
	}
	key := st.m.Key
	if key == nil {
		key = Int64
	}
	return NewTuple([]*Type{key, value})
}
