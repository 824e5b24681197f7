package value

import "github.com/bpfscript/bpfscript/lang/types"

// splitSlots cuts a concatenation of per-CPU values into one slice per CPU
// of size bytes.
func splitSlots(size int, b []byte) [][]byte {
	if size <= 0 || len(b) <= size {
		return [][]byte{b}
	}
	var slots [][]byte
	for off := 0; off < len(b); off += size {
		slots = append(slots, slice(b, off, size))
	}
	return slots
}

// MergeAggregate merges the per-CPU slots of a map value of type t with
// its descriptor's Merge: an aggregation without buckets, or a plain
// integer (a map's plain value is read per CPU too). Other types decode
// from the first slot.
func MergeAggregate(t *types.Type, slots [][]byte) Value {
	agg := types.AggregationOf(t.Kind)
	switch {
	case agg != nil && !agg.Buckets:
		return aggregate(agg, t.Signed, agg.Merge(slots, t.Signed))
	case t.Kind == types.Int:
		return MergeInt(t, slots)
	}
	return Value{}
}

// aggregate is the Value of an aggregation merged into m.
func aggregate(agg *types.Aggregation, signed bool, m types.Merged) Value {
	v := Value{Kind: Aggregate, Agg: agg, Bits: m.Value, Signed: signed}
	if agg.Averages {
		v.Stats = StatsValue{Count: m.Count, Average: m.Value, Total: m.Total}
	}
	return v
}

// MergeInt adds a plain integer's slots at its own width, like upstream's
// reduce_value<intN_t>, and widens the result to 64 bits. It is not an
// aggregation: a plain map value is per-CPU too.
func MergeInt(t *types.Type, slots [][]byte) Value {
	var sum uint64
	for _, s := range slots {
		sum += readUint(s, t.Size)
	}
	sum = Truncate(sum, t.Size)
	if t.Signed {
		sum = uint64(SignExtend(sum, t.Size))
	}
	return NewInt(sum, t.Size, t.Signed)
}
