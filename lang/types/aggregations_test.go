package types

import (
	"encoding/binary"
	"testing"
)

// slot builds one CPU's slot from its u64 words.
func slot(words ...uint64) []byte {
	b := make([]byte, 8*len(words))
	for i, w := range words {
		binary.LittleEndian.PutUint64(b[8*i:], w)
	}
	return b
}

func neg(v int64) uint64 { return uint64(v) }

func TestAggregationMerge(t *testing.T) {
	tests := []struct {
		kind   Kind
		signed bool
		slots  [][]byte
		want   Merged
	}{
		{Count, false, [][]byte{slot(3), slot(4)}, Merged{Value: 7}},
		{Sum, true, [][]byte{slot(neg(-5)), slot(2)}, Merged{Value: neg(-3)}},
		{Hist, false, [][]byte{slot(1), slot(0), slot(2)}, Merged{Value: 3}},
		{LHist, false, [][]byte{slot(9)}, Merged{Value: 9}},
		// A CPU whose set word is 0 takes no part.
		{Min, true, [][]byte{slot(neg(-2), 1), slot(neg(-9), 0), slot(5, 1)}, Merged{Value: neg(-2)}},
		{Min, false, [][]byte{slot(neg(-2), 1), slot(5, 1)}, Merged{Value: 5}},
		{Max, true, [][]byte{slot(neg(-2), 1), slot(5, 1)}, Merged{Value: 5}},
		{Max, false, [][]byte{slot(neg(-2), 1), slot(5, 1)}, Merged{Value: neg(-2)}},
		{Max, true, [][]byte{slot(7, 0)}, Merged{}},
		{Avg, true, [][]byte{slot(2, neg(-7)), slot(1, 0)}, Merged{Value: neg(-2), Count: 3, Total: neg(-7)}},
		{Stats, false, [][]byte{slot(2, 7), slot(2, 4)}, Merged{Value: 2, Count: 4, Total: 11}},
		{Avg, false, [][]byte{slot(0, 0)}, Merged{}},
	}
	for _, tt := range tests {
		a := AggregationOf(tt.kind)
		if got := a.Merge(tt.slots, tt.signed); got != tt.want {
			t.Errorf("%s (signed %t) merge of %v = %+v, want %+v", a.Name, tt.signed, tt.slots, got, tt.want)
		}
	}
}
