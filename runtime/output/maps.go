package output

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/lang/types"
)

// MapData is a snapshot of one map, as the runtime read it.
type MapData struct {
	Name  string      // "@", "@x"
	Key   *types.Type // the user's key type; nil for a scalar map like @x = 1
	Value *types.Type // the value type: an aggregation kind or a plain type
	// Entries are the map's elements. For hist and lhist maps each entry's
	// Key is the user key padded to 8 bytes (absent for a scalar map)
	// followed by a u64 bucket index, and each value a u64 count.
	Entries []Entry
}

// Entry is one map element.
type Entry struct {
	Key []byte
	// Values holds one value per CPU for per-CPU maps, or a single value.
	Values [][]byte
}

// PrintMap prints a map the way print(@m, top, div) and exit-time printing
// do. top > 0 keeps only the top largest entries (still printed in
// ascending order); div > 1 divides the values. Nothing is printed for an
// empty map.
func (f *Formatter) PrintMap(w io.Writer, m *MapData, top, div int) error {
	if m.Value == nil {
		return fmt.Errorf("map %s has no value type", m.Name)
	}
	if div <= 0 {
		div = 1
	}
	var sb strings.Builder
	var err error
	switch m.Value.Kind {
	case types.Hist, types.LHist:
		err = f.writeHistMap(&sb, m, top, uint64(div))
	default:
		f.writePlainMap(&sb, m, top, uint64(div))
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, sb.String())
	return err
}

// PrintExitMaps prints every map at the end of a run: two newlines (only
// when the program has maps at all) and then each map in name order.
func (f *Formatter) PrintExitMaps(w io.Writer, maps []*MapData) error {
	if len(maps) == 0 {
		return nil
	}
	sorted := slices.Clone(maps)
	slices.SortStableFunc(sorted, func(a, b *MapData) int { return strings.Compare(a.Name, b.Name) })
	if _, err := io.WriteString(w, "\n\n"); err != nil {
		return err
	}
	for _, m := range sorted {
		if err := f.PrintMap(w, m, 0, 0); err != nil {
			return err
		}
	}
	return nil
}

// writePlainMap prints a map of anything but histograms: `@m: v` for a
// scalar map, `@m[k]: v` per entry otherwise.
func (f *Formatter) writePlainMap(sb *strings.Builder, m *MapData, top int, div uint64) {
	entries := slices.Clone(m.Entries)
	sortByKey(m.Key, entries, func(e Entry) []byte { return e.Key })
	sortByValue(m.Value, entries)
	entries = keepTop(entries, top)
	for _, e := range entries {
		value := f.mapValueString(m.Value, e.Values, div)
		if m.Key == nil {
			sb.WriteString(m.Name + ": " + value + "\n")
			return
		}
		sb.WriteString(m.Name + "[" + f.keyString(m.Key, e.Key) + "]: " + value + "\n")
	}
}

// mapValueString renders one entry's value, merged over CPUs.
func (f *Formatter) mapValueString(t *types.Type, values [][]byte, div uint64) string {
	switch t.Kind {
	case types.Count, types.Sum, types.Min, types.Max, types.Avg, types.Stats, types.Int:
		return aggregateString(t, values, div)
	}
	if len(values) == 0 {
		return f.FormatValue(t, nil)
	}
	return f.FormatValue(t, values[0])
}

// keyString renders a map key for the `@m[...]` line. Upstream drops the
// parentheses of anything that prints with them, so tuple keys read
// `@m[1, abc]`; that includes a string key that happens to start with '('
// and end with ')', which is reproduced here.
func (f *Formatter) keyString(t *types.Type, key []byte) string {
	s := f.FormatValue(t, key)
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		s = s[1 : len(s)-1]
	}
	return s
}

// keepTop drops all but the last top entries of an ascending list.
func keepTop[E any](entries []E, top int) []E {
	if top > 0 && len(entries) > top {
		return entries[len(entries)-top:]
	}
	return entries
}

// sortByValue orders entries by value, ascending, as upstream does for
// numeric values. The sort is stable over the key order, which makes ties
// deterministic (upstream leaves them in hash-table order). Other value
// types keep the key order.
func sortByValue(t *types.Type, entries []Entry) {
	var sortKey func(values [][]byte) uint64
	signed := t.Signed
	switch t.Kind {
	case types.Count, types.Sum, types.Int:
		sortKey = func(v [][]byte) uint64 { return mergeIntOrCounter(t, v) }
	case types.Min, types.Max:
		// Upstream compares min/max maps as unsigned whatever the
		// type's sign, so negative values sort after positive ones.
		signed = false
		sortKey = func(v [][]byte) uint64 { return minMax(v, t.Kind == types.Max, false) }
	case types.Avg, types.Stats:
		sortKey = func(v [][]byte) uint64 { return mergeStats(v, t.Signed).avg }
	default:
		return
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		x, y := sortKey(a.Values), sortKey(b.Values)
		if signed {
			return cmp.Compare(int64(x), int64(y))
		}
		return cmp.Compare(x, y)
	})
}

func mergeIntOrCounter(t *types.Type, values [][]byte) uint64 {
	if t.Kind == types.Int {
		return mergeInt(t, values)
	}
	return sumSlots(values)
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
	case types.Int, types.String, types.Tuple, types.ProbeName:
	default:
		return
	}
	slices.SortStableFunc(entries, func(a, b E) int { return compareKeys(t, key(a), key(b)) })
}

func compareKeys(t *types.Type, a, b []byte) int {
	switch t.Kind {
	case types.Int:
		return cmp.Compare(signExtend(readUint(a, t.Size), t.Size), signExtend(readUint(b, t.Size), t.Size))
	case types.String:
		return bytes.Compare(slice(a, 0, t.Size), slice(b, 0, t.Size))
	case types.ProbeName:
		return cmp.Compare(readUint(a, t.Size), readUint(b, t.Size))
	case types.Tuple:
		for _, fld := range t.Fields {
			if k := fld.Type.Kind; k != types.Int && k != types.String && k != types.ProbeName {
				continue
			}
			if c := compareKeys(fld.Type, field(a, fld), field(b, fld)); c != 0 {
				return c
			}
		}
	}
	return 0
}
