package bpfscript

import "github.com/bpfscript/bpfscript/runtime/value"

// Map is a snapshot of one map, decoded: its key and value types and its
// entries, in the order bpftrace prints them (ascending by value for
// numbers, by total count for histograms). Session.Map and Session.Maps
// read them.
type Map = value.Map

// Entry is one element of a Map: a key (Kind Invalid for a scalar map such
// as @x) and its value, merged over CPUs.
type Entry = value.Entry

// Value is one decoded value. Its Kind says which fields hold it:
// integers (Bits; Int64 when Signed), strings (Str), tuples (Elems),
// probe names (Str), aggregations (Agg names the aggregation; Bits is the
// count, sum, minimum, maximum or average, Stats the count and total of
// avg and stats), histograms (Hist, whose Buckets are bounded). Its Go
// method returns it as a plain Go value.
type Value = value.Value

// StatsValue is the count, average and total of an avg() or stats()
// value, and what Session.Update takes for one.
type StatsValue = value.StatsValue

// Histogram is one key's buckets of a hist() or lhist() map.
type Histogram = value.Histogram

// Lookup returns the value of key in a map of the session, merged over
// CPUs, and whether the map holds it. key is as for Update.
func (s *Session) Lookup(name string, key any) (Value, bool, error) {
	return s.rt.LookupEntry(name, key)
}

// ClearMap deletes every entry of a map ("@x") of the session, as
// clear(@x) does in a program.
func (s *Session) ClearMap(name string) error { return s.rt.ClearMap(name) }

// ZeroMap sets every value of a map of the session to zero, keeping its
// keys, as zero(@x) does.
func (s *Session) ZeroMap(name string) error { return s.rt.ZeroMap(name) }

// Update sets the value of key in a map of the session, creating the
// entry when it is not there; the session's programs see it from their
// next event on.
//
// key is nil for a scalar map (@x); otherwise a Go integer, a string, a
// []any for a tuple key (one element per field), a probe's name, or a
// Value as read from the map (so that an entry read can be written back).
// val is the same for a map of plain values; for an aggregation, an
// integer for count, sum, min and max, a StatsValue (Count and Total) for
// avg and stats. Histograms cannot be written. A key or value that does
// not fit the map's types is an error that names the type wanted.
func (s *Session) Update(name string, key, val any) error {
	return s.rt.UpdateEntry(name, key, val)
}

// Delete deletes key from a map of the session (every bucket of it, for a
// histogram), as delete(@x[key]) does. key is as for Update. A key the
// map does not hold is an error that wraps ErrNoEntry.
func (s *Session) Delete(name string, key any) error {
	return s.rt.DeleteEntry(name, key)
}
