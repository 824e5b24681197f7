package value

import (
	"cmp"
	"math/rand"
	"slices"
	"testing"
)

// TestSortByValueIsStable checks sortByValue, which sorts entries in place
// by their values' order and their places, against a stable sort: equal
// values keep the key order, signed values order as int64.
func TestSortByValueIsStable(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := range 200 {
		for _, signed := range []bool{false, true} {
			entries := make([]Entry, n)
			for i := range entries {
				entries[i] = Entry{Key: NewInt(uint64(i), 8, false), Value: Value{Kind: Int, Signed: signed, Bits: uint64(rng.Intn(7) - 3)}}
			}
			want := slices.Clone(entries)
			slices.SortStableFunc(want, func(a, b Entry) int {
				if signed {
					return cmp.Compare(int64(a.Value.Bits), int64(b.Value.Bits))
				}
				return cmp.Compare(a.Value.Bits, b.Value.Bits)
			})
			sortByValue(entries)
			for i := range entries {
				if entries[i].Key.Bits != want[i].Key.Bits {
					t.Fatalf("%d entries, signed %v: entry %d is key %d, want %d", n, signed, i, entries[i].Key.Bits, want[i].Key.Bits)
				}
			}
		}
	}
}
