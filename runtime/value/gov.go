package value

// Go returns the value as a plain Go value: int64 for a signed integer,
// uint64 for an unsigned one or a pointer, string for a string, a probe
// name or a strftime() timestamp, []any for a tuple or an array,
// map[string]any for a record, StatsValue for avg and stats, uint64 or
// int64 for the other aggregations, *Histogram for a histogram, nil for
// no value (the key of a scalar map).
func (v Value) Go() any {
	switch v.Kind {
	case Int, Aggregate:
		switch {
		case v.Kind == Aggregate && v.Agg != nil && v.Agg.Averages:
			return v.Stats
		case v.Signed:
			return v.Int64()
		}
		return v.Bits
	case Pointer:
		return v.Bits
	case String, Probe, Timestamp:
		return v.Str
	case Tuple, Array:
		out := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = e.Go()
		}
		return out
	case Record:
		out := make(map[string]any, len(v.Elems))
		for i, e := range v.Elems {
			out[v.Names[i]] = e.Go()
		}
		return out
	case Hist:
		return v.Hist
	}
	return nil
}
