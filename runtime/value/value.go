package value

import "github.com/bpfscript/bpfscript/lang/types"

// Kind says what a Value holds and which of its fields are meaningful.
type Kind uint8

const (
	Invalid   Kind = iota // no value: the key of a scalar map
	Int                   // Bits, Signed, Size
	String                // Str, Truncated
	Tuple                 // Elems
	Record                // Names and Elems, in the struct's order
	Probe                 // Bits (the probe id) and Str (its name)
	Timestamp             // Bits (nanoseconds since boot) and Str (strftime() text)
	Pointer               // Bits (the address)
	Array                 // Elems
	// Aggregate is the merged value of an aggregation without buckets
	// (count, sum, min, max, avg, stats): Agg, Bits (its Merged.Value:
	// the count, sum, minimum, maximum or average), Signed, and Stats
	// when Agg.Averages.
	Aggregate
	// Hist is an aggregation with buckets (hist, lhist): Agg and Hist.
	Hist
	Bool // Bits: 0 or 1
	// Buffer is buf()'s bytes, in Str: printed with \xNN escapes.
	Buffer
	// Series is a tseries: Agg and Series.
	Series
)

var kindNames = [...]string{"invalid", "int", "string", "tuple", "record", "probe", "timestamp",
	"pointer", "array", "aggregate", "hist", "bool", "buffer", "series"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Value is one decoded value. It is a plain struct rather than an
// interface so that decoding the arguments of a printf() event, the
// runtime's per-event path, boxes nothing.
type Value struct {
	Kind   Kind
	Signed bool  // Bits holds an int64 bit pattern (Int, Aggregate)
	Size   uint8 // the integer's size in bytes (Int)

	// Bits is the numeric value, sign-extended to 64 bits when Signed.
	Bits uint64
	// Str is a string's bytes up to its NUL, a probe's name, or a
	// timestamp's text.
	Str string
	// Truncated marks a string that filled its whole buffer, so may have
	// been cut short.
	Truncated bool

	Elems []Value  // Tuple, Array, Record
	Names []string // Record: field names, one per element

	// Agg describes the aggregation (Aggregate, Hist): its Name, whether
	// it prints as a Summary, how maps of it sort, ...
	Agg   *types.Aggregation
	Stats StatsValue // Aggregate whose Agg.Averages: avg, stats
	Hist  *Histogram // Hist
	// Series is a tseries' intervals (Series).
	Series *TimeSeries
}

// StatsValue is a merged aggregation that averages (avg(), stats()). With
// a signed type all three hold int64 bit patterns.
type StatsValue struct {
	Count, Average, Total uint64
}

// Int64 is Bits as a signed number.
func (v Value) Int64() int64 { return int64(v.Bits) }

// IsNumber reports whether the value is one integer (Bits).
func (v Value) IsNumber() bool {
	switch v.Kind {
	case Int, Pointer:
		return true
	case Aggregate:
		return !v.Agg.Summary
	}
	return false
}

// Divide returns the value divided by div, as print(@m, top, div) shows
// it. As upstream, the total of stats is not divided. Histograms are
// divided by their renderers (after choosing which buckets to show).
func (v Value) Divide(div uint64) Value {
	if div <= 1 {
		return v
	}
	switch v.Kind {
	case Int, Aggregate:
		v.Bits = divide(v.Bits, v.Signed, div)
		v.Stats.Average = divide(v.Stats.Average, v.Signed, div)
	}
	return v
}

// divide divides v, a signed or unsigned 64-bit value, by div.
func divide(v uint64, signed bool, div uint64) uint64 {
	if signed {
		return uint64(int64(v) / int64(div))
	}
	return v / div
}

// NewInt returns an integer value of the given size in bytes.
func NewInt(bits uint64, size int, signed bool) Value {
	return Value{Kind: Int, Bits: bits, Size: uint8(size), Signed: signed}
}
