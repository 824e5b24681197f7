package types

import (
	"strconv"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// mapState is what the checker knows of one map while it walks the
// program. The key is fixed by the first use of the map with or without
// keys, the value by the first use that stores into it.
type mapState struct {
	m        *Map
	keyKnown bool    // whether the map is known to be keyed or scalar
	keyPos   ast.Pos // the use that fixed the key
	valuePos ast.Pos // the use that fixed m.Value
	// failed is set when a store into the map failed to check before its
	// value type was known, so that reads of it report nothing more.
	failed bool
	// fixed marks a map of the session the program joins (Config.Maps):
	// its key and value types were fixed by an earlier program, and the
	// kernel map exists, so they cannot change.
	fixed bool
}

// where says where a map's key or value type was fixed, for messages.
func (s *mapState) where(pos ast.Pos) string {
	if s.fixed {
		return "in an earlier program"
	}
	return "at " + at(pos)
}

func (s *mapState) clone() *mapState {
	m := *s.m
	c := *s
	c.m = &m
	return &c
}

// mapRole says which type a map occurrence gets once map types are final.
type mapRole uint8

const (
	mapRead  mapRole = iota // a read in an expression: the readable value
	mapWhole                // a store, or the map as a function argument: the value type
)

type mapNode struct {
	node ast.Expr
	name string
	role mapRole
}

// learning reports whether this run only learns map types; its errors are
// discarded, so it must not invent types for maps it has not seen written.
func (c *checker) learning() bool { return c.learnOnly }

// mapFor returns the state of map name, creating it at n's position.
func (c *checker) mapFor(name string, n ast.Node) *mapState {
	st := c.maps[name]
	if st == nil {
		st = &mapState{m: &Map{Name: name, Pos: n.Pos()}}
		c.maps[name] = st
		c.info.Maps[name] = st.m
	}
	return st
}

// mapKeys checks the keys of n against the map's key and reports whether
// they agree.
func (c *checker) mapKeys(n *ast.MapExpr, st *mapState) bool {
	var keyType *Type
	keyed := n.Keys != nil
	if keyed {
		elems := make([]*Type, 0, len(n.Keys))
		bad := false
		for _, k := range n.Keys {
			t := c.expr(k)
			switch {
			case k == nil || t.Kind == Invalid:
				bad = true
			case !validKey(t):
				c.errorf(k, "%s cannot be used as a map key", t)
				bad = true
			default:
				elems = append(elems, c.mapStorage(t))
			}
		}
		if bad {
			return false
		}
		if len(elems) == 1 {
			keyType = elems[0]
		} else {
			keyType = NewTuple(elems)
		}
	}
	if !st.keyKnown {
		st.keyKnown = true
		st.keyPos = n.Pos()
		st.m.Key = keyType
		return true
	}
	switch {
	case keyed && st.m.Key == nil:
		c.errorf(n, "map %s is used with keys here but without keys %s", n.Name, st.where(st.keyPos))
		return false
	case !keyed && st.m.Key != nil:
		c.errorf(n, "map %s is used without keys here but with keys %s", n.Name, st.where(st.keyPos))
		return false
	case !keyed:
		return true
	}
	merged, ok := unify(st.m.Key, keyType)
	if ok && st.fixed && merged != st.m.Key {
		// A longer string than the map's keys hold, say.
		ok = false
	}
	if !ok {
		c.errs.Add(&diag.Error{
			Pos: n.Keys[0].Pos(), End: n.Keys[len(n.Keys)-1].End(),
			Msg: "map " + n.Name + ": key type " + keyType.String() + " does not match " +
				st.m.Key.String() + " of first use " + st.where(st.keyPos),
		})
		return false
	}
	st.m.Key = merged
	return true
}

// mapStorage is the form a value of type t takes as a map's key or value.
// In a session, strings take the whole str() size whatever their own, since
// the map outlives the program that made it and a later program cannot
// widen it.
func (c *checker) mapStorage(t *Type) *Type {
	t = storageType(t)
	if !c.conf.Session {
		return t
	}
	return widenStrings(t, c.strLen)
}

// widenStrings returns t with every string at least n bytes long.
func widenStrings(t *Type, n int) *Type {
	switch t.Kind {
	case String:
		if t.Size < n {
			w := *t
			w.Size = n
			return &w
		}
	case Tuple:
		elems := make([]*Type, len(t.Fields))
		changed := false
		for i, f := range t.Fields {
			elems[i] = widenStrings(f.Type, n)
			changed = changed || elems[i] != f.Type
		}
		if changed {
			return NewTuple(elems)
		}
	}
	return t
}

// validKey reports whether values of type t can be map keys.
func validKey(t *Type) bool {
	switch t.Kind {
	case Int, String, Tuple, Pointer, ProbeName, Array, Bool, Buffer, Inet, MacAddr, Resolved:
		return true
	}
	return isRecordLiteral(t)
}

// readMap types a map read in an expression: `@x` or `@x[k]`.
func (c *checker) readMap(n *ast.MapExpr) *Type {
	st := c.mapFor(n.Name, n)
	c.mapKeys(n, st)
	c.mapNodes = append(c.mapNodes, mapNode{node: n, name: n.Name, role: mapRead})
	if st.m.Value == nil {
		c.neverAssigned(n, st)
		return c.record(n, InvalidT)
	}
	t := readableValue(st.m.Value)
	if t == nil {
		c.errorf(n, "map %s holds %s, which cannot be read in an expression", n.Name, st.m.Value)
		return c.record(n, InvalidT)
	}
	return c.record(n, t)
}

// writeMap stores a value of type t (a plain type or an aggregation) into
// the map n; value is the expression that produced it, for errors.
func (c *checker) writeMap(n *ast.MapExpr, t *Type, value ast.Node) {
	st := c.mapFor(n.Name, n)
	c.mapKeys(n, st)
	c.mapNodes = append(c.mapNodes, mapNode{node: n, name: n.Name, role: mapWhole})
	if t.Kind == Invalid {
		if st.m.Value == nil {
			st.failed = true
		}
		c.record(n, InvalidT)
		return
	}
	if st.m.Value == nil {
		st.m.Value = c.mapStorage(t)
		st.valuePos = n.Pos()
		c.record(n, st.m.Value)
		return
	}
	merged, ok := unify(st.m.Value, t)
	if ok && st.fixed && merged != st.m.Value {
		ok = false
	}
	if !ok {
		c.errorf(value, "map %s: value type %s does not match %s of first use %s", n.Name, describe(t), describe(st.m.Value), st.where(st.valuePos))
		c.record(n, st.m.Value)
		return
	}
	st.m.Value = merged
	c.record(n, merged)
}

// mapArg types a bare map passed to a function that takes the map itself
// (print, clear, zero, delete, has_key, len). It neither fixes nor checks
// whether the map is keyed.
func (c *checker) mapArg(fn string, e ast.Expr) (*mapState, bool) {
	n, ok := unparen(e).(*ast.MapExpr)
	if !ok || n == nil || n.Keys != nil {
		c.errorf(e, "%s() expects a map such as @x as its first argument", fn)
		c.expr(e)
		return nil, false
	}
	st := c.maps[n.Name]
	c.mapNodes = append(c.mapNodes, mapNode{node: n, name: n.Name, role: mapWhole})
	if st == nil || st.m.Value == nil {
		c.neverAssigned(n, st)
		c.record(n, InvalidT)
		c.recordParens(e, InvalidT)
		return nil, false
	}
	c.record(n, st.m.Value)
	c.recordParens(e, st.m.Value)
	return st, true
}

// compoundOps maps each compound assignment to its binary operator.
var compoundOps = map[string]string{
	"+=": "+", "-=": "-", "*=": "*", "/=": "/", "%=": "%",
	"&=": "&", "|=": "|", "^=": "^", "<<=": "<<", ">>=": ">>",
}

func (c *checker) assign(s *ast.AssignStmt) {
	if s == nil || s.LHS == nil || s.RHS == nil {
		return
	}
	if isDiscard(s.LHS) {
		c.discard(s)
		return
	}
	if s.Op != "=" {
		c.compoundAssign(s)
		return
	}
	switch lhs := unparen(s.LHS).(type) {
	case *ast.MapExpr:
		var t *Type
		if call, ok := unparen(s.RHS).(*ast.CallExpr); ok && call != nil && isAggregation(call.Name) {
			t = c.aggregation(call)
			c.recordParens(s.RHS, t)
		} else {
			t = c.expr(s.RHS)
		}
		c.writeMap(lhs, t, s.RHS)
		c.recordParens(s.LHS, c.info.Types[lhs])
	case *ast.Var:
		t := c.expr(s.RHS)
		c.assignVar(lhs, t, s.RHS)
		c.recordParens(s.LHS, c.info.Types[lhs])
	default:
		c.errorf(s.LHS, "cannot assign to this expression: only maps and $variables can be assigned")
		c.expr(s.RHS)
	}
}

// compoundAssign checks `x op= e`, which needs an integer x and e. On a map
// not used before it makes a plain int64 map.
func (c *checker) compoundAssign(s *ast.AssignStmt) {
	op, ok := compoundOps[s.Op]
	if !ok {
		c.errorf(s, "unknown assignment operator %s", s.Op)
		c.expr(s.RHS)
		return
	}
	var cur *Type
	switch lhs := unparen(s.LHS).(type) {
	case *ast.MapExpr:
		cur = c.incrementMap(lhs, s.Op)
	case *ast.Var:
		cur = c.readVar(lhs)
		if cur.Kind == Pointer && (op == "+" || op == "-") {
			break // moves the pointer by elements, as p = p + n does
		}
		if cur.Kind != Int && cur.Kind != Invalid {
			c.errorf(lhs, "cannot apply %s to %s of type %s", s.Op, lhs.Name, cur)
			cur = InvalidT
		}
	default:
		c.errorf(s.LHS, "cannot assign to this expression: only maps and $variables can be assigned")
		cur = InvalidT
	}
	c.recordParens(s.LHS, cur)
	rt := c.expr(s.RHS)
	if isInvalid(cur, rt) {
		return
	}
	if rt.Kind != Int {
		c.errorf(s.RHS, "cannot apply %s to %s and %s", op, cur, rt)
	}
}

// incrementMap handles a map updated in place by ++, -- or op=: a new map
// becomes an int64 map; an existing one must hold plain integers, or a
// pointer that ++, --, += and -= move.
func (c *checker) incrementMap(n *ast.MapExpr, op string) *Type {
	st := c.mapFor(n.Name, n)
	if v := st.m.Value; v != nil && v.Kind == Pointer && (op == "++" || op == "--" || op == "+=" || op == "-=") {
		// A pointer moves by elements, as @p = @p + 1 does.
		c.mapKeys(n, st)
		c.mapNodes = append(c.mapNodes, mapNode{node: n, name: n.Name, role: mapWhole})
		return c.record(n, v)
	}
	if st.m.Value != nil && st.m.Value.Kind != Int {
		c.mapKeys(n, st)
		c.mapNodes = append(c.mapNodes, mapNode{node: n, name: n.Name, role: mapWhole})
		c.errorf(n, "cannot apply %s to map %s of type %s", op, n.Name, st.m.Value)
		c.record(n, st.m.Value)
		return InvalidT
	}
	c.writeMap(n, Int64, n)
	return c.info.Types[n]
}

// plural formats n things: "1 argument", "2 arguments", "no arguments".
func plural(n int, thing string) string {
	switch n {
	case 0:
		return "no " + thing + "s"
	case 1:
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// neverAssigned reports a use of a map that nothing stores into.
func (c *checker) neverAssigned(n *ast.MapExpr, st *mapState) {
	if c.learning() || (st != nil && st.failed) {
		return
	}
	c.errorf(n, "map %s is used but never assigned", n.Name)
}

// describe names a type in a message, with the parameters that tell two
// lhist types apart.
func describe(t *Type) string {
	if a := AggregationOf(t.Kind); a != nil && a.describe != nil {
		return a.describe(t)
	}
	return t.String()
}
