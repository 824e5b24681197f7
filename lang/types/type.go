package types

import (
	"fmt"
	"strings"
)

// Kind classifies a Type.
type Kind uint8

const (
	Invalid   Kind = iota // an expression that already failed to check
	Void                  // statements and functions that return nothing
	Int                   // an integer; Size 1, 2, 4 or 8 bytes, Signed
	String                // a NUL-padded byte buffer of Size bytes
	Tuple                 // Fields laid out at Offsets; Size is the padded total
	Record                // a C struct such as a tracepoint's args; Fields
	Pointer               // an address of Elem in Space
	Array                 // Len elements of Elem
	ProbeName             // the `probe` builtin: a u64 probe id printed as its name
	Timestamp             // strftime(fmt, ns): a u64 format id and a u64 time
	Bool                  // true or false: one byte, 0 or 1
	Buffer                // buf(p, n): a u64 length, then Len bytes; Size is 8+Len
	Inet                  // ntop(addr): a u64 address family, then 16 address bytes
	MacAddr               // macaddr(a): 6 bytes
	// Resolved is a u64 that user space turns into text when it prints
	// it: an errno (strerror), a signal, a syscall number, a uid
	// (username) or a cgroup id (cgroup_path). Name is the resolver, the
	// function's name; for cgroup_path with a filter, "cgroup_path:" and
	// the filter.
	Resolved

	// Aggregations are the value types of maps assigned from count() etc.
	// They never appear as the type of an ordinary expression.
	Count
	Sum   // Signed
	Min   // Signed
	Max   // Signed
	Avg   // Signed
	Stats // Signed
	Hist
	LHist // Min, Max, Step in LHist
	// TSeries is tseries(x, interval, num[, agg]): the parameters are in
	// TSeries.
	TSeries
)

// AddrSpace says which address space a pointer points into, which decides
// the helper used to read through it.
type AddrSpace uint8

const (
	Kernel AddrSpace = iota
	User
)

func (s AddrSpace) String() string {
	if s == User {
		return "user"
	}
	return "kernel"
}

// Field is a named member of a Record or an element of a Tuple (Name "0",
// "1", ...). DataLoc marks a tracepoint `__data_loc` field: a u32 at Offset
// whose low 16 bits are the data's offset in the record and high 16 bits its
// length; its Type is String.
type Field struct {
	Name    string
	Type    *Type
	Offset  int
	DataLoc bool
}

// LHistParams are lhist's constant arguments.
type LHistParams struct {
	Min, Max, Step int64
}

// Buckets is the number of lhist buckets: one below Min, one per step, one
// at or above Max.
func (p LHistParams) Buckets() int {
	return int((p.Max-p.Min)/p.Step) + 2
}

// Type is the type of a value. Types are compared with Identical, never with
// ==, because the checker builds new ones freely.
type Type struct {
	Kind   Kind
	Size   int  // bytes the value occupies in a map, event or stack slot
	Signed bool // Int, Sum, Min, Max, Avg, Stats

	Elem  *Type     // Pointer, Array
	Len   int       // Array
	Space AddrSpace // Pointer; for String, where a str() read it from

	Name   string  // Record: the C struct name, e.g. "sys_enter_openat"
	Fields []Field // Tuple, Record

	LHist    LHistParams   // LHist
	HistBits int           // Hist: k of hist(x, k), 2^k buckets per power of two
	TSeries  TSeriesParams // TSeries
}

// TSeriesParams are tseries' constant arguments.
type TSeriesParams struct {
	IntervalNS int64 // the length of one interval
	Num        int   // how many intervals are kept
	// Agg combines the values recorded in one interval: TSeriesLast (the
	// default), TSeriesAvg, TSeriesMin, TSeriesMax or TSeriesSum.
	Agg TSeriesAgg
}

// TSeriesAgg is how tseries combines the values of one interval; its
// number is stored in each slot of the map.
type TSeriesAgg uint8

const (
	TSeriesLast TSeriesAgg = iota
	TSeriesAvg
	TSeriesMin
	TSeriesMax
	TSeriesSum
)

// tseriesAggNames are the names tseries' fourth argument takes.
var tseriesAggNames = [...]string{"", "avg", "min", "max", "sum"}

func (a TSeriesAgg) String() string {
	if a == TSeriesLast {
		return "last"
	}
	return tseriesAggNames[a]
}

// Common types. Callers must not modify them.
var (
	Int64    = &Type{Kind: Int, Size: 8, Signed: true}
	Uint64   = &Type{Kind: Int, Size: 8}
	Uint32   = &Type{Kind: Int, Size: 4}
	VoidT    = &Type{Kind: Void}
	InvalidT = &Type{Kind: Invalid}
	ProbeT   = &Type{Kind: ProbeName, Size: 8}
)

// NewString returns a string type of n bytes (including the NUL).
func NewString(n int) *Type { return &Type{Kind: String, Size: n} }

// NewInt returns an integer type of size bytes.
func NewInt(size int, signed bool) *Type { return &Type{Kind: Int, Size: size, Signed: signed} }

// NewTuple lays out elems with natural alignment, like a C struct.
func NewTuple(elems []*Type) *Type {
	t := &Type{Kind: Tuple}
	off := 0
	for i, e := range elems {
		a := e.Align()
		off = alignUp(off, a)
		t.Fields = append(t.Fields, Field{Name: fmt.Sprint(i), Type: e, Offset: off})
		off += e.Size
	}
	t.Size = alignUp(off, t.Align())
	return t
}

// Align is the alignment of the type in bytes.
func (t *Type) Align() int {
	switch t.Kind {
	case Int:
		return t.Size
	case String, Bool, MacAddr:
		return 1
	case Tuple, Record:
		a := 1
		for _, f := range t.Fields {
			if fa := f.Type.Align(); fa > a {
				a = fa
			}
		}
		return a
	case Array:
		return t.Elem.Align()
	}
	return 8
}

func alignUp(n, a int) int {
	if a <= 1 {
		return n
	}
	return (n + a - 1) / a * a
}

// IsAggregation reports whether t is the value type of an aggregating map.
func (t *Type) IsAggregation() bool { return t.Kind >= Count }

// IsInt reports whether t is an integer (or something used as one, like a
// pointer in arithmetic is not: pointers are distinct).
func (t *Type) IsInt() bool { return t.Kind == Int }

// Field returns the named field of a Record or Tuple.
func (t *Type) Field(name string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Identical reports whether two types are the same for the purpose of map
// keys and values. Integers of different size or signedness are not
// identical; strings of different sizes are (they are resized to the larger).
func Identical(a, b *Type) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind {
		return false
	}
	if a.IsAggregation() {
		// Aggregations differ only in their parameters (lhist's,
		// hist's k).
		return a.LHist == b.LHist && a.HistBits == b.HistBits && a.TSeries == b.TSeries
	}
	switch a.Kind {
	case Int:
		return a.Size == b.Size && a.Signed == b.Signed
	case Tuple:
		if len(a.Fields) != len(b.Fields) {
			return false
		}
		for i := range a.Fields {
			if !Identical(a.Fields[i].Type, b.Fields[i].Type) {
				return false
			}
		}
		return true
	case Pointer, Array:
		return a.Len == b.Len && Identical(a.Elem, b.Elem)
	case Record, Resolved:
		if a.Name == "" && b.Name == "" {
			// Record literals: the same names and types in order.
			if !sameRecordFields(a, b) {
				return false
			}
			for i := range a.Fields {
				if !Identical(a.Fields[i].Type, b.Fields[i].Type) {
					return false
				}
			}
			return true
		}
		return a.Name == b.Name
	}
	return true
}

// String renders the type the way error messages name it, in bpftrace's
// vocabulary: int64, uint32, string[16], (int64,string[16]), count_t, ...
func (t *Type) String() string {
	if t == nil {
		return "none"
	}
	switch t.Kind {
	case Invalid:
		return "invalid"
	case Void:
		return "none"
	case Int:
		if t.Signed {
			return fmt.Sprintf("int%d", t.Size*8)
		}
		return fmt.Sprintf("uint%d", t.Size*8)
	case String:
		return fmt.Sprintf("string[%d]", t.Size)
	case Tuple:
		parts := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			parts[i] = f.Type.String()
		}
		return "(" + strings.Join(parts, ",") + ")"
	case Record:
		if t.Name == "" {
			return recordString(t)
		}
		return "struct " + t.Name
	case Pointer:
		return t.Elem.String() + " *"
	case Array:
		return fmt.Sprintf("%s[%d]", t.Elem, t.Len)
	case ProbeName:
		return "probe"
	case Bool:
		return "bool"
	case Timestamp:
		return "timestamp"
	case Buffer:
		return fmt.Sprintf("buffer[%d]", t.Len)
	case Inet:
		return "inet"
	case MacAddr:
		return "macaddr_t"
	case Resolved:
		return ResolverName(t) + "_t"
	}
	if a := AggregationOf(t.Kind); a != nil {
		return a.TypeName
	}
	return fmt.Sprintf("kind%d", t.Kind)
}
