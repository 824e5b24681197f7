package metrics

import (
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// fakeSource is a Source of maps built by hand.
type fakeSource []*value.Map

func (f fakeSource) Maps() ([]*value.Map, error) { return f, nil }

var (
	u64     = &types.Type{Kind: types.Int, Size: 8}
	s64     = &types.Type{Kind: types.Int, Size: 8, Signed: true}
	str16   = &types.Type{Kind: types.String, Size: 16}
	tupleT  = &types.Type{Kind: types.Tuple, Size: 24, Fields: []types.Field{{Name: "0", Type: u64}, {Name: "1", Type: str16, Offset: 8}}}
	recordT = &types.Type{Kind: types.Record, Name: "flow", Size: 16, Fields: []types.Field{{Name: "saddr", Type: u64}, {Name: "le", Type: u64, Offset: 8}}}
)

func aggType(k types.Kind) *types.Type {
	return &types.Type{Kind: k, Signed: types.AggregationOf(k).Signed}
}

func intValue(v int64) value.Value { return value.NewInt(uint64(v), 8, true) }

func strValue(s string) value.Value { return value.Value{Kind: value.String, Str: s} }

func aggValue(k types.Kind, v int64) value.Value {
	agg := types.AggregationOf(k)
	return value.Value{Kind: value.Aggregate, Agg: agg, Bits: uint64(v), Signed: agg.Signed}
}

func statsValue(count uint64, total int64) value.Value {
	v := aggValue(types.Stats, total/int64(max(count, 1)))
	v.Stats = value.StatsValue{Count: count, Average: v.Bits, Total: uint64(total)}
	return v
}

// histValue is a histogram with counts at the given bucket indexes.
func histValue(t *types.Type, counts map[int]uint64) value.Value {
	agg := types.AggregationOf(t.Kind)
	h := &value.Histogram{Layout: agg.Layout, LHist: t.LHist, Counts: make([]uint64, agg.Layout.BucketCount(t))}
	for i, n := range counts {
		h.Counts[i] = n
		h.Total += n
	}
	return value.Value{Kind: value.Hist, Agg: agg, Hist: h}
}

// fakeMaps has a map of each kind the collector exports, and some it
// leaves out.
func fakeMaps() fakeSource {
	lhistT := &types.Type{Kind: types.LHist, LHist: types.LHistParams{Min: 0, Max: 100, Step: 25}}
	histT := aggType(types.Hist)
	return fakeSource{
		{Name: "@", Key: str16, Value: aggType(types.Count), Entries: []value.Entry{
			{Key: strValue("bash"), Value: aggValue(types.Count, 3)},
			{Key: strValue("sshd\xff"), Value: aggValue(types.Count, 7)},
		}},
		{Name: "@bytes", Key: tupleT, Value: aggType(types.Sum), Entries: []value.Entry{
			{Key: value.Value{Kind: value.Tuple, Elems: []value.Value{value.NewInt(1, 8, false), strValue("cat")}}, Value: aggValue(types.Sum, 4096)},
		}},
		{Name: "@flows", Key: recordT, Value: aggType(types.Max), Entries: []value.Entry{
			{Key: value.Value{Kind: value.Record, Names: []string{"saddr", "le"}, Elems: []value.Value{value.NewInt(10, 8, false), value.NewInt(2, 8, false)}}, Value: aggValue(types.Max, -5)},
		}},
		{Name: "@avg-lat", Value: aggType(types.Avg), Entries: []value.Entry{{Value: aggValue(types.Avg, 12)}}},
		{Name: "@x", Value: s64, Entries: []value.Entry{{Value: intValue(-3)}}},
		{Name: "@st", Key: u64, Value: aggType(types.Stats), Entries: []value.Entry{
			{Key: value.NewInt(0, 8, false), Value: statsValue(4, -40)},
		}},
		{Name: "@pids", Value: histT, Entries: []value.Entry{
			{Value: histValue(histT, map[int]uint64{0: 1, 1: 2, 2: 3, 4: 4})}, // <0, 0, 1, [4,8)
		}},
		{Name: "@lat", Key: u64, Value: lhistT, Entries: []value.Entry{
			{Key: value.NewInt(1, 8, false), Value: histValue(lhistT, map[int]uint64{1: 5, 5: 6})}, // [0,25), >=100
		}},
		{Name: "@names", Key: u64, Value: str16, Entries: []value.Entry{{Key: value.NewInt(1, 8, false), Value: strValue("x")}}},
		{Name: "@empty", Value: aggType(types.Count)},
	}
}
