package value

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	"github.com/bpfscript/bpfscript/lang/types"
)

// RawMap is a snapshot of one map as the runtime read it: bytes.
type RawMap struct {
	Name  string      // "@", "@x"
	Key   *types.Type // the user's key type; nil for a scalar map like @x = 1
	Value *types.Type // the value type: an aggregation kind or a plain type
	// Entries are the map's elements. For maps of an aggregation with
	// buckets (hist, lhist) each entry's
	// Key is the user key padded to 8 bytes (absent for a scalar map)
	// followed by a u64 bucket index, and each value a u64 count.
	Entries []RawEntry
}

// RawEntry is one map element.
type RawEntry struct {
	Key []byte
	// Values holds one value per CPU for per-CPU maps, or a single value.
	Values [][]byte
}

// Map is a decoded map snapshot.
type Map struct {
	Name       string
	Key, Value *types.Type // as in RawMap
	// Entries are in the order bpftrace prints them: by value ascending
	// for numeric values, by total count for histograms, over an order by
	// key (see sortByKey). A histogram map has one entry per user key.
	Entries []Entry
}

// Entry is one decoded map element.
type Entry struct {
	Key   Value // Kind Invalid for a scalar map
	Value Value
}

// Top returns the last top entries (the largest), or all of them when
// top <= 0.
func (m *Map) Top(top int) []Entry {
	if top > 0 && len(m.Entries) > top {
		return m.Entries[len(m.Entries)-top:]
	}
	return m.Entries
}

// Aggregation returns the descriptor of the map's aggregation, or nil for
// a map of plain values.
func (m *Map) Aggregation() *types.Aggregation {
	if m.Value == nil {
		return nil
	}
	return types.AggregationOf(m.Value.Kind)
}

// IsHist reports whether the map holds histograms: its aggregation has
// buckets.
func (m *Map) IsHist() bool {
	agg := m.Aggregation()
	return agg != nil && agg.Buckets
}

// DecodeMap decodes and orders a map snapshot.
func (d *Decoder) DecodeMap(raw *RawMap) (*Map, error) {
	if raw.Value == nil {
		return nil, fmt.Errorf("map %s has no value type", raw.Name)
	}
	m := &Map{Name: raw.Name, Key: raw.Key, Value: raw.Value}
	if agg := m.Aggregation(); agg != nil && agg.Layout == types.SeriesBuckets {
		return m, d.decodeSeries(raw, agg, m)
	}
	if m.IsHist() {
		return m, d.decodeHists(raw, m.Aggregation(), m)
	}
	entries := slices.Clone(raw.Entries)
	sortByKey(raw.Key, entries, func(e RawEntry) []byte { return e.Key })
	m.Entries = make([]Entry, len(entries))
	for i, e := range entries {
		m.Entries[i].Value = d.mapValue(raw.Value, e.Values)
		if raw.Key != nil {
			m.Entries[i].Key = d.Decode(raw.Key, e.Key)
		}
	}
	sortByValue(m.Entries)
	return m, nil
}

// mapValue decodes one entry's value, merged over CPUs.
func (d *Decoder) mapValue(t *types.Type, values [][]byte) Value {
	if t.Kind == types.Int || types.AggregationOf(t.Kind) != nil {
		return MergeAggregate(t, values)
	}
	if len(values) == 0 {
		return d.Decode(t, nil)
	}
	return d.Decode(t, values[0])
}

// sortByValue orders entries by value, ascending, as upstream does for
// numeric values and aggregations (stats by its average). The sort is
// stable over the key order, which makes ties deterministic (upstream
// leaves them in hash-table order). Other value kinds keep the key order.
func sortByValue(entries []Entry) {
	if len(entries) == 0 {
		return
	}
	first := entries[0].Value
	signed := first.Signed
	switch first.Kind {
	case Int:
	case Aggregate:
		// Upstream compares min/max maps as unsigned whatever the
		// type's sign, so negative values sort after positive ones.
		signed = signed && !first.Agg.SortsUnsigned
	default:
		return
	}
	// Entries are large: sort their values with their places, then move
	// each entry once, in place. The place breaks ties, which keeps the sort stable
	// without a stable sort's O(n log² n) moves (a map of 10,000 keys
	// took milliseconds).
	type ranked struct {
		bits  uint64
		place int
	}
	order := make([]ranked, len(entries))
	for i, e := range entries {
		order[i] = ranked{e.Value.Bits, i}
		if signed {
			order[i].bits ^= 1 << 63 // int64 order as uint64 order
		}
	}
	slices.SortFunc(order, func(a, b ranked) int {
		if c := cmp.Compare(a.bits, b.bits); c != 0 {
			return c
		}
		return cmp.Compare(a.place, b.place)
	})
	// Entry i comes from order[i].place: follow each cycle of that
	// permutation with one entry aside, marking the places done.
	for i := range order {
		if order[i].place < 0 {
			continue
		}
		aside := entries[i]
		j := i
		for {
			from := order[j].place
			order[j].place = -1
			if from == i {
				entries[j] = aside
				break
			}
			entries[j] = entries[from]
			j = from
		}
	}
}

// histKeyTail is the size of the bucket index that follows the user key in
// a histogram map's key.
const histKeyTail = 8

// rawHist is one user key's histogram while it is gathered.
type rawHist struct {
	key  []byte
	hist *Histogram
}

// decodeHists gathers the entries of a map of agg, an aggregation with
// buckets, one per (key, bucket), into one histogram per user key, ordered
// by total count over the key order. Each bucket's CPUs merge with agg's
// Merge.
func (d *Decoder) decodeHists(raw *RawMap, agg *types.Aggregation, m *Map) error {
	if agg.Layout == types.LinearBuckets {
		p := raw.Value.LHist
		if p.Step <= 0 || p.Max <= p.Min {
			return fmt.Errorf("map %s: invalid %s parameters min %d max %d step %d", raw.Name, agg.Name, p.Min, p.Max, p.Step)
		}
	}
	nbuckets := agg.Layout.BucketCount(raw.Value)
	var hists []*rawHist
	byKey := map[string]*rawHist{}
	for _, e := range raw.Entries {
		if len(e.Key) < histKeyTail {
			return fmt.Errorf("map %s: histogram key of %d bytes has no bucket index", raw.Name, len(e.Key))
		}
		userKey := e.Key[:len(e.Key)-histKeyTail]
		bucket := readUint(e.Key[len(e.Key)-histKeyTail:], 8)
		if bucket >= uint64(nbuckets) {
			return fmt.Errorf("map %s: bucket index %d out of range (%d buckets)", raw.Name, bucket, nbuckets)
		}
		h := byKey[string(userKey)]
		if h == nil {
			h = &rawHist{key: userKey, hist: &Histogram{Layout: agg.Layout, Bits: raw.Value.HistBits, Counts: make([]uint64, nbuckets)}}
			if agg.Layout == types.LinearBuckets {
				h.hist.LHist = raw.Value.LHist
			}
			byKey[string(userKey)] = h
			hists = append(hists, h)
		}
		n := agg.Merge(e.Values, raw.Value.Signed).Value
		h.hist.Counts[bucket] += n
		h.hist.Total += n
	}
	sortByKey(raw.Key, hists, func(h *rawHist) []byte { return h.key })
	slices.SortStableFunc(hists, func(a, b *rawHist) int { return cmp.Compare(a.hist.Total, b.hist.Total) })
	m.Entries = make([]Entry, len(hists))
	for i, h := range hists {
		m.Entries[i].Value = Value{Kind: Hist, Agg: agg, Hist: h.hist}
		if raw.Key != nil {
			m.Entries[i].Key = d.Decode(raw.Key, h.key)
		}
	}
	return nil
}

// sortByKey orders entries by key the way upstream does before (or, for
// non-numeric values, instead of) sorting by value: integers as signed
// numbers whatever their type's sign, strings by their bytes, tuples field
// by field, considering only integer, string and probe fields. Probes come
// in the order of their ids, which is the order of the script, so that
// equal values keyed by probe print the same way every time. Other keys
// keep their order.
func sortByKey[E any](t *types.Type, entries []E, key func(E) []byte) {
	if t == nil {
		return
	}
	switch t.Kind {
	case types.Int:
		sortByIntKey(t, entries, key)
		return
	case types.String, types.Tuple, types.ProbeName, types.Resolved:
	default:
		return
	}
	// Not stable: keys are unique, and those that compare equal (tuples
	// differing only in fields not compared) come in hash-table order,
	// no order at all. A stable sort took most of a scrape of 10,000 keys.
	slices.SortFunc(entries, func(a, b E) int { return compareKeys(t, key(a), key(b)) })
}

// sortByIntKey is sortByKey for integer keys, the most common: each key
// is decoded once, not at every comparison.
func sortByIntKey[E any](t *types.Type, entries []E, key func(E) []byte) {
	type keyed struct {
		k int64
		e E
	}
	ks := make([]keyed, len(entries))
	for i, e := range entries {
		ks[i] = keyed{SignExtend(readUint(key(e), t.Size), t.Size), e}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return cmp.Compare(a.k, b.k) })
	for i := range ks {
		entries[i] = ks[i].e
	}
}

func compareKeys(t *types.Type, a, b []byte) int {
	switch t.Kind {
	case types.Int:
		return cmp.Compare(SignExtend(readUint(a, t.Size), t.Size), SignExtend(readUint(b, t.Size), t.Size))
	case types.String:
		return bytes.Compare(slice(a, 0, t.Size), slice(b, 0, t.Size))
	case types.ProbeName, types.Resolved:
		return cmp.Compare(readUint(a, t.Size), readUint(b, t.Size))
	case types.Tuple:
		for _, fld := range t.Fields {
			if k := fld.Type.Kind; k != types.Int && k != types.String && k != types.ProbeName && k != types.Resolved {
				continue
			}
			if c := compareKeys(fld.Type, field(a, fld), field(b, fld)); c != 0 {
				return c
			}
		}
	}
	return 0
}
