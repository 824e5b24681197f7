package value

import (
	"math/bits"
	"testing"

	"github.com/bpfscript/bpfscript/lang/types"
)

// log2Index is the bucket of hist(v, k) as the BPF program computes it
// (compiler.histBucketK): v+1 below 2^(k+1), then 2^k buckets per power of
// two.
func log2Index(v uint64, k int) int {
	if v < 2<<k {
		return int(v) + 1
	}
	p := bits.Len64(v) - 1
	return (p-k+1)<<k + int(v>>(p-k))&(1<<k-1) + 1
}

// TestLog2Bounds checks that every hist(x, k) bucket's bounds hold the
// values the program puts in it, and that the buckets cover the whole
// range without gaps.
func TestLog2Bounds(t *testing.T) {
	for k := 0; k <= types.MaxHistBits; k++ {
		n := types.Log2BucketsOf(k)
		for _, v := range []uint64{0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 100, 1000, 1 << 20, 1<<20 + 12345, 1<<63 - 1, 1 << 63, 1<<64 - 1} {
			i := log2Index(v, k)
			if i >= n {
				t.Fatalf("k=%d: %d is in bucket %d of %d", k, v, i, n)
			}
			b := log2Bucket(i, k)
			if b.Min.Bits > v || b.Max.Bits < v {
				t.Errorf("k=%d: %d is in bucket %d, [%d, %d]", k, v, i, b.Min.Bits, b.Max.Bits)
			}
		}
		for i := 2; i < n; i++ {
			if lo, prev := log2Bucket(i, k).Min.Bits, log2Bucket(i-1, k).Max.Bits; lo != prev+1 {
				t.Errorf("k=%d: bucket %d starts at %d, after %d", k, i, lo, prev)
			}
		}
		if last := log2Bucket(n-1, k).Max.Bits; last != 1<<64-1 {
			t.Errorf("k=%d: the last bucket ends at %d", k, last)
		}
	}
	// Upstream's example: with k = 2, the interval of index 27 starts
	// at 224.
	if got := Log2Bound(27, 2); got != 224 {
		t.Errorf("Log2Bound(27, 2) = %d, want 224", got)
	}
}
