package progen

import "strings"

// kind is the generator's coarse view of a bpfscript type. The checker
// converts integers of any size and sign into each other and unifies
// strings of any size, so for a program to check only the kind and, for
// tuples, the shape matter.
type kind uint8

const (
	kInt kind = iota
	kStr
	kTuple
	kProbe // the `probe` builtin: a map key or a printf %s argument only
	// kBool is bool (true, false, (bool)x, the is_* predicates): the
	// checker converts no integer into it and it into no integer, so it
	// is a kind of its own. Comparisons and ! give integers, not bools.
	kBool
)

// typ is a value type: an integer, a string, the probe name, or a tuple of
// typs (which may nest).
type typ struct {
	k     kind
	elems []*typ // kTuple
}

var (
	intT   = &typ{k: kInt}
	strT   = &typ{k: kStr}
	probeT = &typ{k: kProbe}
	boolT  = &typ{k: kBool}
)

func tupleOf(elems ...*typ) *typ { return &typ{k: kTuple, elems: elems} }

// same reports whether a value of type b can be stored where a is: same
// kind and, for tuples, the same shape element by element.
func same(a, b *typ) bool {
	if a.k != b.k || len(a.elems) != len(b.elems) {
		return false
	}
	for i := range a.elems {
		if !same(a.elems[i], b.elems[i]) {
			return false
		}
	}
	return true
}

// width estimates the bytes a value of t occupies, with strings at the
// default str() size; the generator uses it to build values that do not fit
// the 512-byte stack.
func (t *typ) width() int {
	switch t.k {
	case kStr:
		return 64
	case kTuple:
		n := 0
		for _, e := range t.elems {
			n += e.width()
		}
		return n
	}
	return 8
}

func (t *typ) String() string {
	switch t.k {
	case kInt:
		return "int"
	case kStr:
		return "string"
	case kProbe:
		return "probe"
	case kBool:
		return "bool"
	}
	parts := make([]string, len(t.elems))
	for i, e := range t.elems {
		parts[i] = e.String()
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// mapDecl is one map of the program. Its key and value are fixed before any
// statement uses it, so every use agrees.
type mapDecl struct {
	name string
	key  *typ // nil for a scalar map; a kTuple key is written @m[a, b]
	val  *typ // the stored value; nil for an aggregation
	agg  string
	// lhist's constant min, max and step.
	lhMin, lhMax, lhStep int64
	// histBits is hist's k, 0 for hist(x).
	histBits int
	// tseries' interval, number of intervals and aggregation ("" for
	// the default).
	tsInterval string
	tsNum      int
	tsAgg      string

	used, written bool
	iterated      bool // a for loop goes over it
}

// readable reports whether the map can be read in an expression, and as
// what type.
func (m *mapDecl) readable() (*typ, bool) {
	switch m.agg {
	case "":
		return m.val, true
	case "count", "sum", "min", "max", "avg":
		return intT, true
	}
	return nil, false // stats, hist, lhist, tseries
}

// plainInt reports whether the map holds plain integers, which ++, -- and
// compound assignment update in place.
func (m *mapDecl) plainInt() bool { return m.agg == "" && m.val.k == kInt }

// histogram reports whether the map is a hist, lhist or tseries, whose kernel map
// keeps one entry per bucket: the compiler supports none of len(),
// has_key() and delete() of one key there (clear() works).
func (m *mapDecl) histogram() bool {
	return m.agg == "hist" || m.agg == "lhist" || m.agg == "tseries"
}

// countable reports whether len() and has_key() apply: a keyed map that
// is not a histogram.
func (m *mapDecl) countable() bool { return m.key != nil && !m.histogram() }

// variable is a scratch variable in scope. t is nil for `let $x;` before
// its first assignment.
type variable struct {
	name string
	t    *typ
	// cast is the type of `let $x: T`, which every value assigned to the
	// variable is cast to: a literal that does not fit T is an error.
	cast string
	// fixed marks a loop's counter or a for loop's variable, which no
	// statement may assign: the loop must end for the verifier to
	// accept it, and the checker refuses assigning a for variable.
	fixed bool
}

// scope is one block's variables.
type scope []*variable
