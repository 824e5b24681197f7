package value

import "github.com/bpfscript/bpfscript/lang/types"

// Histogram is one key's buckets of an aggregation with buckets (hist(),
// lhist()), merged over CPUs.
type Histogram struct {
	// Layout is the aggregation's: which values each bucket counts.
	Layout types.BucketLayout
	LHist  types.LHistParams // LinearBuckets' parameters
	Bits   int               // Log2Buckets' k: 2^k buckets per power of two
	// Counts has one count per bucket, every bucket: Log2Buckets' are
	// the negatives, zero, then [2^(i-2), 2^(i-1)) (with Bits 0; see
	// Log2Bound); LinearBuckets' are
	// below Min, then one per Step from Min, then Max and above.
	Counts []uint64
	Total  uint64 // the sum of Counts, as read (before any division)
}

// Bucket is one histogram bucket with inclusive bounds. The first bucket
// of either layout may be open below (the log2 negatives, the linear
// values under Min), and the linear last is open above.
type Bucket struct {
	Min, Max     Value // Int values; meaningless where the bucket is open
	NoMin, NoMax bool
	Count        uint64
}

// Buckets returns the buckets from the first non-empty one to the last,
// or none if every bucket is empty.
func (h *Histogram) Buckets() []Bucket {
	first, last := NonEmptyRange(h.Counts)
	if first < 0 {
		return nil
	}
	out := make([]Bucket, 0, last-first+1)
	for i := first; i <= last; i++ {
		var b Bucket
		switch h.Layout {
		case types.LinearBuckets:
			b = h.linearBucket(i)
		case types.Log2Buckets:
			b = log2Bucket(i, h.Bits)
		}
		b.Count = h.Counts[i]
		out = append(out, b)
	}
	return out
}

func log2Bucket(i, k int) Bucket {
	switch {
	case i == 0:
		return Bucket{NoMin: true, Max: NewInt(^uint64(0), 8, true)}
	case i <= 2<<k:
		// One value each, from zero.
		return Bucket{Min: NewInt(uint64(i-1), 8, true), Max: NewInt(uint64(i-1), 8, true)}
	}
	lo := Log2Bound(i-1, k)
	hi := Log2Bound(i, k) - 1 // the last bucket's bound wraps to 2^64, so hi is 2^64-1
	return Bucket{Min: NewInt(lo, 8, false), Max: NewInt(hi, 8, false)}
}

// Log2Bound is the exclusive upper bound of Log2Buckets bucket i (i >= 1)
// with 2^k buckets per power of two: i itself up to 2^(k+1), then
// 2^((i>>k)-1) * (2^k + i mod 2^k), as upstream labels its buckets. The
// bound of the last bucket, 2^64, wraps to 0.
func Log2Bound(i, k int) uint64 {
	if i <= 2<<k {
		return uint64(i)
	}
	n := uint64(1) << k
	power := uint(i>>k) - 1
	return (uint64(1) << power) * (n + uint64(i)&(n-1))
}

func (h *Histogram) linearBucket(i int) Bucket {
	p := h.LHist
	n := p.Buckets()
	switch {
	case i == 0:
		return Bucket{NoMin: true, Max: NewInt(uint64(p.Min-1), 8, true)}
	case i == n-1:
		// Max itself when Step divides Max-Min; the text output's
		// label too.
		return Bucket{Min: NewInt(uint64(p.Min+int64(n-2)*p.Step), 8, true), NoMax: true}
	}
	lo := p.Min + int64(i-1)*p.Step
	return Bucket{Min: NewInt(uint64(lo), 8, true), Max: NewInt(uint64(lo+p.Step-1), 8, true)}
}

// NonEmptyRange returns the first and last non-empty bucket, or -1, -1.
func NonEmptyRange(counts []uint64) (first, last int) {
	first, last = -1, -1
	for i, c := range counts {
		if c > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}
