package value

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/bpfscript/bpfscript/lang/types"
)

// TimeSeries is one key's tseries: the intervals it holds, merged over
// CPUs.
type TimeSeries struct {
	Params types.TSeriesParams
	Signed bool // Values hold int64 bit patterns
	// Epochs are the intervals held (time in TAI nanoseconds divided by
	// Params.IntervalNS), ascending, with their Values.
	Epochs []uint64
	Values []uint64
	// From and To are the intervals printed: To is the latest interval of
	// the whole map, From this key's first one of the Params.Num up to
	// To. From > To when the key has none of them.
	From, To uint64
}

// Latest is the latest interval held, 0 with none.
func (ts *TimeSeries) Latest() uint64 {
	if len(ts.Epochs) == 0 {
		return 0
	}
	return ts.Epochs[len(ts.Epochs)-1]
}

// Value returns the value of interval epoch and whether it is held.
func (ts *TimeSeries) Value(epoch uint64) (uint64, bool) {
	i, ok := slices.BinarySearch(ts.Epochs, epoch)
	if !ok {
		return 0, false
	}
	return ts.Values[i], true
}

// decodeSeries gathers a tseries map's entries, one per (key, interval
// slot), into one TimeSeries per user key, ordered from the least to the
// most recently updated, as upstream prints them.
func (d *Decoder) decodeSeries(raw *RawMap, agg *types.Aggregation, m *Map) error {
	p := raw.Value.TSeries
	var series []*rawSeries
	byKey := map[string]*rawSeries{}
	for _, e := range raw.Entries {
		if len(e.Key) < histKeyTail {
			return fmt.Errorf("map %s: tseries key of %d bytes has no interval index", raw.Name, len(e.Key))
		}
		userKey := e.Key[:len(e.Key)-histKeyTail]
		merged := agg.Merge(e.Values, raw.Value.Signed)
		if merged.Count == 0 {
			continue
		}
		s := byKey[string(userKey)]
		if s == nil {
			s = &rawSeries{key: userKey, ts: &TimeSeries{Params: p, Signed: raw.Value.Signed}}
			byKey[string(userKey)] = s
			series = append(series, s)
		}
		s.points = append(s.points, point{merged.Epoch, merged.Value})
	}
	for _, s := range series {
		slices.SortFunc(s.points, func(a, b point) int { return cmp.Compare(a.epoch, b.epoch) })
		for _, pt := range s.points {
			s.ts.Epochs = append(s.ts.Epochs, pt.epoch)
			s.ts.Values = append(s.ts.Values, pt.value)
		}
	}
	var last uint64
	for _, s := range series {
		last = max(last, s.ts.Latest())
	}
	first := uint64(0)
	if last+1 > uint64(p.Num) {
		first = last + 1 - uint64(p.Num)
	}
	for _, s := range series {
		s.ts.To, s.ts.From = last, last+1
		if i, _ := slices.BinarySearch(s.ts.Epochs, first); i < len(s.ts.Epochs) {
			s.ts.From = s.ts.Epochs[i]
		}
	}
	sortByKey(raw.Key, series, func(s *rawSeries) []byte { return s.key })
	slices.SortStableFunc(series, func(a, b *rawSeries) int { return cmp.Compare(a.ts.Latest(), b.ts.Latest()) })
	m.Entries = make([]Entry, len(series))
	for i, s := range series {
		m.Entries[i].Value = Value{Kind: Series, Agg: agg, Signed: raw.Value.Signed, Series: s.ts}
		if raw.Key != nil {
			m.Entries[i].Key = d.Decode(raw.Key, s.key)
		}
	}
	return nil
}

type rawSeries struct {
	key    []byte
	ts     *TimeSeries
	points []point
}

type point struct{ epoch, value uint64 }
