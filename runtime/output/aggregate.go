package output

import (
	"strconv"

	"github.com/bpfscript/bpfscript/lang/types"
)

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

// sumSlots adds the u64 at the start of every slot, wrapping like the C
// unsigned arithmetic bpftrace uses; signed sums come out right in two's
// complement.
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

// statsValue is a merged avg/stats aggregation. For signed types all three
// hold int64 bit patterns.
type statsValue struct {
	count, total, avg uint64
}

func mergeStats(slots [][]byte, signed bool) statsValue {
	var s statsValue
	for _, slot := range slots {
		s.count += readUint(slot, 8)
		s.total += readUint(slice(slot, 8, 8), 8)
	}
	if s.count != 0 {
		if signed {
			s.avg = uint64(int64(s.total) / int64(s.count))
		} else {
			s.avg = s.total / s.count
		}
	}
	return s
}

// divide divides v, a signed or unsigned 64-bit value, by div.
func divide(v uint64, signed bool, div uint64) uint64 {
	if div <= 1 {
		return v
	}
	if signed {
		return uint64(int64(v) / int64(div))
	}
	return v / div
}

func numString(v uint64, signed bool) string {
	if signed {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatUint(v, 10)
}

// aggregateString renders a map value of a numeric kind (an aggregation or
// a plain integer) merged over its slots and divided by div, as print(@m,
// top, div) shows it. The total of stats is not divided, as upstream.
func aggregateString(t *types.Type, slots [][]byte, div uint64) string {
	switch t.Kind {
	case types.Stats:
		s := mergeStats(slots, t.Signed)
		return "{ .count = " + numString(s.count, t.Signed) +
			", .average = " + numString(divide(s.avg, t.Signed, div), t.Signed) +
			", .total = " + numString(s.total, t.Signed) + " }"
	case types.Avg:
		s := mergeStats(slots, t.Signed)
		return numString(divide(s.avg, t.Signed, div), t.Signed)
	case types.Min, types.Max:
		v := minMax(slots, t.Kind == types.Max, t.Signed)
		return numString(divide(v, t.Signed, div), t.Signed)
	case types.Count:
		return numString(divide(sumSlots(slots), false, div), false)
	case types.Sum:
		return numString(divide(sumSlots(slots), t.Signed, div), t.Signed)
	case types.Int:
		return numString(divide(mergeInt(t, slots), t.Signed, div), t.Signed)
	}
	return ""
}

// mergeInt adds a plain integer's slots at its own width, like upstream's
// reduce_value<intN_t>, and widens the result to 64 bits.
func mergeInt(t *types.Type, slots [][]byte) uint64 {
	var sum uint64
	for _, s := range slots {
		sum += readUint(s, t.Size)
	}
	sum = truncate(sum, t.Size)
	if t.Signed {
		return uint64(signExtend(sum, t.Size))
	}
	return sum
}
