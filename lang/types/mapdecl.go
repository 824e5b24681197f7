package types

import (
	"math"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// DeclKind is the BPF map type a map declaration asks for. The zero value
// means the map was not declared: its type follows from its value (a
// per-CPU hash for aggregations, a hash otherwise).
type DeclKind uint8

const (
	Undeclared        DeclKind = iota
	HashDecl                   // hash(N): BPF_MAP_TYPE_HASH
	LRUHashDecl                // lruhash(N): BPF_MAP_TYPE_LRU_HASH
	PerCPUHashDecl             // percpuhash(N): BPF_MAP_TYPE_PERCPU_HASH
	PerCPULRUHashDecl          // percpulruhash(N): BPF_MAP_TYPE_LRU_PERCPU_HASH
)

var declKindNames = [...]string{"", "hash", "lruhash", "percpuhash", "percpulruhash"}

func (k DeclKind) String() string { return declKindNames[k] }

// PerCPU reports whether the map keeps one value per CPU.
func (k DeclKind) PerCPU() bool { return k == PerCPUHashDecl || k == PerCPULRUHashDecl }

// LRU reports whether the map evicts its least recently used entries when
// full, rather than refusing new keys.
func (k DeclKind) LRU() bool { return k == LRUHashDecl || k == PerCPULRUHashDecl }

func declKindOf(name string) DeclKind {
	for k, n := range declKindNames {
		if k > 0 && n == name {
			return DeclKind(k)
		}
	}
	return Undeclared
}

// mapDecls checks the program's map declarations and records each
// declared kind and size on its map. It runs after the probes are checked,
// when the value of every map is known, because the kind must suit the
// value: aggregations keep a value per CPU, other values one value.
func (c *checker) mapDecls(decls []*ast.MapDecl) {
	seen := map[string]*ast.MapDecl{}
	for _, d := range decls {
		if d == nil || d.Map == nil || d.Kind == nil {
			continue
		}
		c.declTypes(d)
		name := d.Map.Name
		if prev := seen[name]; prev != nil {
			c.errorf(d.Map, "map %s is declared twice: first at %s", name, at(prev.Pos()))
			continue
		}
		seen[name] = d
		kind := declKindOf(d.Kind.Name)
		if kind == Undeclared {
			c.errorf(d.Kind, "unknown map kind %s: expected hash, lruhash, percpuhash or percpulruhash", d.Kind.Name)
			continue
		}
		size, ok := c.constSize(d.Size)
		switch {
		case !ok:
			c.errorf(d.Size, "the size of map %s must be an integer constant", name)
			continue
		case size <= 0 || size > math.MaxUint32:
			c.errorf(d.Size, "the size of map %s must be a positive integer below 2^32, not %d", name, size)
			continue
		}
		st := c.maps[name]
		if st == nil {
			continue // declared but never used: no map is made
		}
		if st.fixed {
			if st.m.Decl != kind || st.m.MaxEntries != int(size) {
				c.errorf(d, "map %s exists already in the session (from an earlier program): it cannot be declared again", name)
			}
			continue
		}
		if st.m.Value != nil && st.m.Value.Kind != Invalid {
			agg := AggregationOf(st.m.Value.Kind) != nil
			switch {
			case agg && !kind.PerCPU():
				c.errorf(d.Kind, "map %s is declared %s, but its value (%s, set at %s) needs a per-CPU map: declare it percpuhash or percpulruhash", name, kind, st.m.Value, at(st.valuePos))
				continue
			case !agg && kind.PerCPU():
				c.errorf(d.Kind, "map %s is declared %s, but its value (%s, set at %s) is not an aggregation: declare it hash or lruhash", name, kind, st.m.Value, at(st.valuePos))
				continue
			}
		}
		st.m.Decl, st.m.MaxEntries = kind, int(size)
	}
}

// constSize evaluates a map declaration's size: an integer constant
// expression of literals and integer positional parameters with + - * /
// << >>. It reports false for anything else and on overflow past 2^62,
// which the caller's range check then reports as too large.
func (c *checker) constSize(e ast.Expr) (int64, bool) {
	if v, ok := c.constInt(e); ok {
		return v, true
	}
	b, isBin := unparen(e).(*ast.BinaryExpr)
	if !isBin || b == nil {
		return 0, false
	}
	x, okx := c.constSize(b.X)
	y, oky := c.constSize(b.Y)
	if !okx || !oky {
		return 0, false
	}
	const limit = 1 << 62
	var v float64 // the result as a float, to catch overflow
	var exact int64
	switch b.Op {
	case "+":
		v, exact = float64(x)+float64(y), x+y
	case "-":
		v, exact = float64(x)-float64(y), x-y
	case "*":
		v, exact = float64(x)*float64(y), x*y
	case "/":
		if y == 0 {
			return 0, false
		}
		return x / y, true
	case "<<":
		if y < 0 || y >= 62 {
			return limit, true
		}
		v, exact = float64(x)*float64(int64(1)<<y), x<<y
	case ">>":
		if y < 0 || y >= 63 {
			return 0, true
		}
		return x >> y, true
	default:
		return 0, false
	}
	if v >= limit || v <= -limit {
		return limit, true
	}
	return exact, true
}

// declTypes gives the expressions of a declaration types, as Info
// promises for every expression: the map and the kind's name are names,
// not values (none), and the size is a constant expression, an integer
// (or invalid where it holds something else). It checks nothing: the size
// is not evaluated as code, so a map or a call in it must not count as a
// use.
func (c *checker) declTypes(d *ast.MapDecl) {
	c.record(d.Map, VoidT)
	c.record(d.Kind, VoidT)
	if d.Size == nil {
		return
	}
	_, ok := c.constSize(d.Size)
	t := Int64
	if !ok {
		t = InvalidT
	}
	ast.Inspect(d.Size, func(n ast.Node) bool {
		if e, isExpr := n.(ast.Expr); isExpr {
			if _, typed := c.info.Types[e]; !typed {
				c.record(e, t)
			}
		}
		return true
	})
}
