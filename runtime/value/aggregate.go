package value

import "github.com/bpfscript/bpfscript/lang/types"

// Per-CPU slot layouts, as the BPF program writes them.
const (
	counterSlotSize = 8  // count, sum: one u64/i64
	minMaxSlotSize  = 16 // min, max: {i64 value; u64 set}
	avgSlotSize     = 16 // avg, stats: {u64 count; i64 total}
)

// slotSize is the size of one CPU's value of an aggregation.
func slotSize(t *types.Type) int {
	switch t.Kind {
	case types.Min, types.Max:
		return minMaxSlotSize
	case types.Avg, types.Stats:
		return avgSlotSize
	case types.Count, types.Sum:
		return counterSlotSize
	}
	return t.Size
}

// splitSlots cuts a concatenation of per-CPU values into one slice per CPU.
func splitSlots(t *types.Type, b []byte) [][]byte {
	n := slotSize(t)
	if n <= 0 || len(b) <= n {
		return [][]byte{b}
	}
	var slots [][]byte
	for off := 0; off < len(b); off += n {
		slots = append(slots, slice(b, off, n))
	}
	return slots
}

// MergeAggregate merges the per-CPU slots of a map value of type t: an
// aggregation other than hist/lhist, or a plain integer (a map's plain
// value is read per CPU too). Other types decode from the first slot.
func MergeAggregate(t *types.Type, slots [][]byte) Value {
	switch t.Kind {
	case types.Count:
		return MergeCount(slots)
	case types.Sum:
		return MergeSum(t, slots)
	case types.Min:
		return MergeMin(t, slots)
	case types.Max:
		return MergeMax(t, slots)
	case types.Avg:
		return MergeAvg(t, slots)
	case types.Stats:
		return MergeStats(t, slots)
	case types.Int:
		return MergeInt(t, slots)
	}
	return Value{}
}

// MergeCount adds the CPUs' counts, wrapping like the C unsigned
// arithmetic bpftrace uses.
func MergeCount(slots [][]byte) Value {
	return Value{Kind: Count, Bits: sumSlots(slots)}
}

// MergeSum adds the CPUs' sums; signed sums come out right in two's
// complement.
func MergeSum(t *types.Type, slots [][]byte) Value {
	return Value{Kind: Sum, Bits: sumSlots(slots), Signed: t.Signed}
}

// MergeMin is the least of the CPUs' minimums; see minMax.
func MergeMin(t *types.Type, slots [][]byte) Value {
	return Value{Kind: Min, Bits: minMax(slots, false, t.Signed), Signed: t.Signed}
}

// MergeMax is the greatest of the CPUs' maximums; see minMax.
func MergeMax(t *types.Type, slots [][]byte) Value {
	return Value{Kind: Max, Bits: minMax(slots, true, t.Signed), Signed: t.Signed}
}

// MergeAvg is the average over every CPU's samples; see mergeStats.
func MergeAvg(t *types.Type, slots [][]byte) Value {
	return Value{Kind: Avg, Bits: mergeStats(slots, t.Signed).Average, Signed: t.Signed}
}

// MergeStats is the count, average and total over every CPU's samples.
func MergeStats(t *types.Type, slots [][]byte) Value {
	return Value{Kind: Stats, Stats: mergeStats(slots, t.Signed), Signed: t.Signed}
}

// MergeInt adds a plain integer's slots at its own width, like upstream's
// reduce_value<intN_t>, and widens the result to 64 bits.
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

// sumSlots adds the u64 at the start of every slot, wrapping like the C
// unsigned arithmetic bpftrace uses.
func sumSlots(slots [][]byte) uint64 {
	var sum uint64
	for _, s := range slots {
		sum += readUint(s, 8)
	}
	return sum
}

// minMax merges min/max slots. Only CPUs whose set word is non-zero take
// part; with none set the result is 0. signed chooses the comparison.
func minMax(slots [][]byte, isMax, signed bool) uint64 {
	var best uint64
	found := false
	for _, s := range slots {
		if readUint(slice(s, 8, 8), 8) == 0 {
			continue
		}
		v := readUint(s, 8)
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
	return best
}

// mergeStats adds the CPUs' counts and totals and divides, truncating
// toward zero (as C); with no samples the average is 0.
func mergeStats(slots [][]byte, signed bool) StatsValue {
	var s StatsValue
	for _, slot := range slots {
		s.Count += readUint(slot, 8)
		s.Total += readUint(slice(slot, 8, 8), 8)
	}
	if s.Count != 0 {
		if signed {
			s.Average = uint64(int64(s.Total) / int64(s.Count))
		} else {
			s.Average = s.Total / s.Count
		}
	}
	return s
}
