package types

import (
	"encoding/binary"
	"fmt"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// Aggregation describes one aggregating function (count(), hist(x), ...)
// to every stage: how a call is checked, the value type it gives its map,
// how that value is laid out per CPU and how the CPUs' values merge. The
// compiler keeps the code it emits for each, by Kind.
type Aggregation struct {
	Kind     Kind   // the kind of the map's value type
	Name     string // the function: "count"
	TypeName string // the value type in messages: "count_t"
	// Args is the number of arguments. The first, if any, is the
	// integer aggregated; lhist's others are checked by its rule.
	Args int
	// OptArgs is how many of the last Args may be left out: hist's k.
	OptArgs int
	// Signed says the value type keeps the signedness of the integer
	// aggregated (sum of int64s is signed), which decides how merged
	// values compare, divide and print.
	Signed bool
	// Size is the value type's Size: the bytes a merged value takes.
	Size int
	// SlotSize is the bytes of one CPU's value in the BPF map.
	SlotSize int
	// Buckets says every bucket of the aggregation is its own map entry,
	// whose BPF key is the user key followed by a u64 bucket index.
	Buckets bool
	// Layout says which values each bucket counts, for aggregations with
	// Buckets: the decoder sizes and bounds the histogram by it and sinks
	// label it. NoBuckets for the others.
	Layout BucketLayout
	// Readable says the aggregation reads as an int64 in an expression
	// (@x = count(); if (@x > 5) ...).
	Readable bool
	// Averages says Merged.Value is the average of Merged.Count
	// observations that add up to Merged.Total (avg, stats).
	Averages bool
	// Summary says the value prints as its count, average and total
	// (stats) rather than as Merged.Value.
	Summary bool
	// JSONType is the "type" of the JSON line that prints a map of it:
	// upstream's "map", "stats" (avg, stats) or "hist" (hist, lhist).
	JSONType string
	// SortsUnsigned says maps of it are ordered by value as unsigned
	// integers, merged as unsigned, whatever the sign of the type: upstream
	// does so for min and max.
	SortsUnsigned bool
	// Merge combines the per-CPU slots of one entry (SlotSize bytes each,
	// as a per-CPU map lookup returns them, little-endian); signed is the
	// value type's Signed.
	Merge func(slots [][]byte, signed bool) Merged

	// params checks the arguments after the first, returning the value
	// type; nil when there are none.
	params func(c *checker, call *ast.CallExpr) *Type
	// describe names the value type with its parameters, for messages
	// about types that differ only in them; nil when String does.
	describe func(t *Type) string
}

// BucketLayout says how a histogram's bucket indexes map to the values
// they count.
type BucketLayout uint8

const (
	NoBuckets BucketLayout = iota // not a histogram
	// Log2Buckets (hist): the negatives, then one bucket per value below
	// 2^(k+1), then 2^k buckets per power of two up to [2^63, 2^64), k
	// being the type's HistBits (0 by default: zero, [1], [2, 4), ...).
	Log2Buckets
	// LinearBuckets (lhist): values below Min, one bucket per Step from
	// Min, then Max and above; the parameters are the type's LHist.
	LinearBuckets
	// SeriesBuckets (tseries): one bucket per interval kept, interval e
	// in bucket e mod Num; each slot says which interval it holds.
	SeriesBuckets
)

// Log2BucketCount is the number of Log2Buckets buckets with k = 0.
const Log2BucketCount = 66

// MaxHistBits is the largest k of hist(x, k), as upstream.
const MaxHistBits = 5

// Log2BucketsOf returns the number of Log2Buckets buckets with 2^k buckets
// per power of two: the negatives, one per value below 2^(k+1), and 2^k for
// each of the 63-k powers from 2^(k+1) to 2^63.
func Log2BucketsOf(k int) int {
	return (64-k)<<k + 1<<k + 1
}

// BucketCount is the number of buckets of a histogram of type t, laid out
// as l; 0 when l is NoBuckets.
func (l BucketLayout) BucketCount(t *Type) int {
	switch l {
	case Log2Buckets:
		return Log2BucketsOf(t.HistBits)
	case LinearBuckets:
		return t.LHist.Buckets()
	case SeriesBuckets:
		return t.TSeries.Num
	}
	return 0
}

// Merged is an aggregation's value merged over every CPU. For signed
// types the fields hold int64 bit patterns.
type Merged struct {
	// Value is what the aggregation is: the count, sum, minimum, maximum
	// or average; a bucket's count for hist and lhist.
	Value uint64
	// Count and Total are avg's and stats' observations and their sum;
	// Count is also the observations of a tseries interval.
	Count, Total uint64
	// Epoch is the interval a tseries slot holds (time / interval).
	Epoch uint64
}

// aggregations holds the descriptors by Kind; filled by init, since the
// type rules call back into the checker, which looks descriptors up here.
var aggregations map[Kind]*Aggregation

// aggregationsByName finds a descriptor by its function's name.
var aggregationsByName map[string]*Aggregation

func init() {
	list := []*Aggregation{
		{Kind: Count, Name: "count", TypeName: "count_t", Args: 0, Size: 8, SlotSize: 8, Readable: true, JSONType: "map", Merge: mergeSum},
		{Kind: Sum, Name: "sum", TypeName: "sum_t", Args: 1, Signed: true, Size: 8, SlotSize: 8, Readable: true, JSONType: "map", Merge: mergeSum},
		// min and max slots are {value, set}: a CPU that saw nothing has
		// set 0 and takes no part.
		{Kind: Min, Name: "min", TypeName: "min_t", Args: 1, Signed: true, Size: 8, SlotSize: 16, Readable: true, SortsUnsigned: true, JSONType: "map",
			Merge: mergeMinMax(false)},
		{Kind: Max, Name: "max", TypeName: "max_t", Args: 1, Signed: true, Size: 8, SlotSize: 16, Readable: true, SortsUnsigned: true, JSONType: "map",
			Merge: mergeMinMax(true)},
		// avg and stats slots are {count, total}.
		{Kind: Avg, Name: "avg", TypeName: "avg_t", Args: 1, Signed: true, Size: 16, SlotSize: 16, Readable: true, Averages: true, JSONType: "stats",
			Merge: mergeStats},
		{Kind: Stats, Name: "stats", TypeName: "stats_t", Args: 1, Signed: true, Size: 16, SlotSize: 16, Averages: true, Summary: true, JSONType: "stats",
			Merge: mergeStats},
		// A bucket's slot is its count.
		{Kind: Hist, Name: "hist", TypeName: "hist_t", Args: 2, OptArgs: 1, Size: 8, SlotSize: 8, Buckets: true, Layout: Log2Buckets, JSONType: "hist",
			Merge: mergeSum, params: (*checker).hist, describe: describeHist},
		{Kind: LHist, Name: "lhist", TypeName: "lhist_t", Args: 4, Size: 8, SlotSize: 8, Buckets: true, Layout: LinearBuckets, JSONType: "hist",
			Merge: mergeSum, params: (*checker).lhist, describe: describeLHist},
		// A slot is {epoch, value, count, last write's time, agg}
		// (aggregations_tseries.go).
		{Kind: TSeries, Name: "tseries", TypeName: "tseries_t", Args: 4, OptArgs: 1, Signed: true, Size: 8, SlotSize: TSeriesSlotSize,
			Buckets: true, Layout: SeriesBuckets, JSONType: "tseries", Merge: mergeTSeries, params: (*checker).tseries, describe: describeTSeries},
	}
	aggregations = make(map[Kind]*Aggregation, len(list))
	aggregationsByName = make(map[string]*Aggregation, len(list))
	for _, a := range list {
		aggregations[a.Kind] = a
		aggregationsByName[a.Name] = a
	}
}

// AggregationOf returns the descriptor of an aggregation kind, or nil for
// other kinds.
func AggregationOf(k Kind) *Aggregation { return aggregations[k] }

// LookupAggregation returns the aggregating function called name.
func LookupAggregation(name string) (*Aggregation, bool) {
	a, ok := aggregationsByName[name]
	return a, ok
}

// Aggregations returns every descriptor, in Kind order.
func Aggregations() []*Aggregation {
	var out []*Aggregation
	for k := Count; AggregationOf(k) != nil; k++ {
		out = append(out, AggregationOf(k))
	}
	return out
}

func isAggregation(name string) bool { return aggregationsByName[name] != nil }

// aggregation checks an aggregating call on the right of `@x = ` and returns
// its type.
func (c *checker) aggregation(call *ast.CallExpr) *Type {
	agg := aggregationsByName[call.Name]
	args := call.Args
	if len(args) > agg.Args || len(args) < agg.Args-agg.OptArgs {
		if agg.OptArgs == 0 {
			c.errorf(call, "%s() takes %s, got %d", call.Name, plural(agg.Args, "argument"), len(args))
		} else {
			c.errorf(call, "%s() takes %d to %s, got %d", call.Name, agg.Args-agg.OptArgs, plural(agg.Args, "argument"), len(args))
		}
		for _, a := range args {
			c.expr(a)
		}
		return c.record(call, InvalidT)
	}
	var signed bool
	argOK := true
	if agg.Args > 0 {
		t := c.expr(args[0])
		switch t.Kind {
		case Int:
			signed = t.Signed
		case Invalid:
			argOK = false
		default:
			c.errorf(args[0], "%s() needs an integer, not %s", call.Name, t)
			argOK = false
		}
	}
	t := &Type{Kind: agg.Kind, Size: agg.Size, Signed: agg.Signed && signed}
	if agg.params != nil {
		t = agg.params(c, call)
	}
	if !argOK {
		t = InvalidT
	}
	return c.record(call, t)
}

// lhist checks lhist(e, min, max, step): the bounds are integer constants
// with max > min and step > 0.
func (c *checker) lhist(call *ast.CallExpr) *Type {
	var p [3]int64
	ok := true
	for i, name := range []string{"min", "max", "step"} {
		a := call.Args[i+1]
		c.expr(a)
		v, isConst := c.requireConst(a, "lhist() "+name)
		if !isConst {
			ok = false
			continue
		}
		p[i] = v
	}
	if !ok {
		return InvalidT
	}
	params := LHistParams{Min: p[0], Max: p[1], Step: p[2]}
	switch {
	case params.Step <= 0:
		c.errorf(call.Args[3], "lhist() step must be positive, not %d", params.Step)
		return InvalidT
	case params.Max <= params.Min:
		c.errorf(call.Args[2], "lhist() max (%d) must be greater than min (%d)", params.Max, params.Min)
		return InvalidT
	case params.Max-params.Min < 0:
		// The subtraction overflowed.
		c.errorf(call.Args[2], "lhist() range from %d to %d is too large", params.Min, params.Max)
		return InvalidT
	case (params.Max-params.Min)/params.Step > maxLHistBuckets:
		c.errorf(call, "lhist() would have %d buckets; at most %d are allowed", (params.Max-params.Min)/params.Step, maxLHistBuckets)
		return InvalidT
	}
	return &Type{Kind: LHist, Size: 8, LHist: params}
}

// maxLHistBuckets bounds lhist so that one histogram stays a sane map size;
// bpftrace uses the same limit.
const maxLHistBuckets = 1000

// hist checks hist(e[, k]): k, the log2 of the buckets per power of two, is
// an integer constant from 0 to MaxHistBits.
func (c *checker) hist(call *ast.CallExpr) *Type {
	t := &Type{Kind: Hist, Size: 8}
	if len(call.Args) < 2 {
		return t
	}
	a := call.Args[1]
	c.expr(a)
	k, isConst := c.requireConst(a, "hist() k")
	switch {
	case !isConst:
		return InvalidT
	case k < 0 || k > MaxHistBits:
		c.errorf(a, "hist() k must be from 0 to %d, not %d", MaxHistBits, k)
		return InvalidT
	}
	t.HistBits = int(k)
	return t
}

func describeHist(t *Type) string {
	return fmt.Sprintf("hist_t(k=%d)", t.HistBits)
}

func describeLHist(t *Type) string {
	return fmt.Sprintf("lhist_t(%d, %d, %d)", t.LHist.Min, t.LHist.Max, t.LHist.Step)
}

// slotWord reads the little-endian u64 at off in a slot; missing bytes
// read as zero.
func slotWord(slot []byte, off int) uint64 {
	var buf [8]byte
	if off < len(slot) {
		copy(buf[:], slot[off:])
	}
	return binary.LittleEndian.Uint64(buf[:])
}

// mergeSum adds the u64 at the start of every slot, wrapping like the C
// unsigned arithmetic bpftrace uses; signed sums come out right in two's
// complement.
func mergeSum(slots [][]byte, _ bool) Merged {
	var sum uint64
	for _, s := range slots {
		sum += slotWord(s, 0)
	}
	return Merged{Value: sum}
}

// mergeMinMax merges {value, set} slots. Only CPUs whose set word is
// non-zero take part; with none set the result is 0.
func mergeMinMax(isMax bool) func([][]byte, bool) Merged {
	return func(slots [][]byte, signed bool) Merged {
		var best uint64
		found := false
		for _, s := range slots {
			if slotWord(s, 8) == 0 {
				continue
			}
			v := slotWord(s, 0)
			switch {
			case !found:
				best, found = v, true
			case signed && isMax && int64(v) > int64(best),
				signed && !isMax && int64(v) < int64(best),
				!signed && isMax && v > best,
				!signed && !isMax && v < best:
				best = v
			}
		}
		return Merged{Value: best}
	}
}

// mergeStats merges {count, total} slots; Value is the average, rounded
// toward zero.
func mergeStats(slots [][]byte, signed bool) Merged {
	var m Merged
	for _, s := range slots {
		m.Count += slotWord(s, 0)
		m.Total += slotWord(s, 8)
	}
	if m.Count != 0 {
		if signed {
			m.Value = uint64(int64(m.Total) / int64(m.Count))
		} else {
			m.Value = m.Total / m.Count
		}
	}
	return m
}
