package output

import (
	"io"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/runtime/value"
)

// MapData is a snapshot of one map, as the runtime read it.
type MapData = value.RawMap

// Entry is one map element of a MapData.
type Entry = value.RawEntry

// PrintMap prints a map the way print(@m, top, div) and exit-time printing
// do. top > 0 keeps only the top largest entries (still printed in
// ascending order); div > 1 divides the values. Nothing is printed for an
// empty map.
func (f *Formatter) PrintMap(w io.Writer, m *MapData, top, div int) error {
	dm, err := f.Decoder().DecodeMap(m)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, MapText(dm, top, div))
	return err
}

// PrintExitMaps prints every map at the end of a run: two newlines (only
// when the program has maps at all) and then each map in name order.
func (f *Formatter) PrintExitMaps(w io.Writer, maps []*MapData) error {
	var decoded []*value.Map
	for _, m := range maps {
		dm, err := f.Decoder().DecodeMap(m)
		if err != nil {
			return err
		}
		decoded = append(decoded, dm)
	}
	_, err := io.WriteString(w, ExitMapsText(decoded))
	return err
}

// ExitMapsText renders the maps printed at the end of a run: two newlines
// (only when there are maps at all) and then each map in name order.
func ExitMapsText(maps []*value.Map) string {
	if len(maps) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString("\n\n")
	for _, m := range sortedByName(maps) {
		writeMap(&sb, m, 0, 1)
	}
	return sb.String()
}

// sortedByName orders maps by name, as bpftrace prints them at exit.
func sortedByName(maps []*value.Map) []*value.Map {
	sorted := slices.Clone(maps)
	slices.SortStableFunc(sorted, func(a, b *value.Map) int { return strings.Compare(a.Name, b.Name) })
	return sorted
}

// MapText renders a decoded map as print(@m, top, div) does.
func MapText(m *value.Map, top, div int) string {
	if div <= 0 {
		div = 1
	}
	var sb strings.Builder
	writeMap(&sb, m, top, uint64(div))
	return sb.String()
}

func writeMap(sb *strings.Builder, m *value.Map, top int, div uint64) {
	if len(m.Entries) > 0 && m.Entries[0].Value.Kind == value.Series {
		writeSeriesMap(sb, m, top)
		return
	}
	if m.IsHist() {
		writeHistMap(sb, m, top, div)
		return
	}
	// `@m: v` for a scalar map, `@m[k]: v` per entry otherwise.
	for _, e := range m.Top(top) {
		v := Text(e.Value.Divide(div))
		if m.Key == nil {
			sb.WriteString(m.Name + ": " + v + "\n")
			return
		}
		sb.WriteString(m.Name + "[" + keyText(e.Key) + "]: " + v + "\n")
	}
}
