package output

import (
	"math"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// JSON encoding of decoded values, with upstream bpftrace's spacing:
// objects have a space after colons and commas (`{"a": 1, "b": 2}`),
// arrays of values none (`[1,"a"]`).

// appendJSONValue encodes a value: numbers as numbers (or strings, when a
// double cannot hold them), strings, probes and timestamps as strings,
// tuples and arrays as arrays, records as objects, stats as an object of
// count, average and total, histograms as arrays of buckets.
func appendJSONValue(b []byte, v value.Value, div uint64) []byte {
	switch v.Kind {
	case value.Int, value.Pointer:
		return appendJSONInt(b, v.Divide(div).Bits, v.Signed)
	case value.Aggregate:
		if !v.Agg.Summary {
			return appendJSONInt(b, v.Divide(div).Bits, v.Signed)
		}
		s := v.Divide(div).Stats
		b = append(b, `{"count": `...)
		b = appendJSONInt(b, s.Count, v.Signed)
		b = append(b, `, "average": `...)
		b = appendJSONInt(b, s.Average, v.Signed)
		b = append(b, `, "total": `...)
		b = appendJSONInt(b, s.Total, v.Signed)
		return append(b, '}')
	case value.String, value.Probe, value.Timestamp, value.Buffer:
		return appendJSONString(b, Text(v))
	case value.Bool:
		return strconv.AppendBool(b, v.Bits != 0)
	case value.Tuple, value.Array:
		b = append(b, '[')
		for i, e := range v.Elems {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONValue(b, e, 1)
		}
		return append(b, ']')
	case value.Record:
		b = append(b, '{')
		for i, e := range v.Elems {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendJSONString(b, v.Names[i])
			b = append(b, ": "...)
			b = appendJSONValue(b, e, 1)
		}
		return append(b, '}')
	case value.Hist:
		return appendJSONHist(b, v.Hist, div)
	case value.Series:
		return appendJSONSeries(b, v.Series)
	}
	return append(b, "null"...)
}

// appendJSONHist encodes the buckets from the first non-empty one to the
// last as {"min": a, "max": b, "count": n}, bounds inclusive; an open
// bound is left out. div divides log2 counts, not linear ones (as text).
func appendJSONHist(b []byte, h *value.Histogram, div uint64) []byte {
	b = append(b, '[')
	for i, bk := range h.Buckets() {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '{')
		if !bk.NoMin {
			b = append(b, `"min": `...)
			b = appendJSONInt(b, bk.Min.Bits, bk.Min.Signed)
			b = append(b, ", "...)
		}
		if !bk.NoMax {
			b = append(b, `"max": `...)
			b = appendJSONInt(b, bk.Max.Bits, bk.Max.Signed)
			b = append(b, ", "...)
		}
		count := bk.Count
		if h.Layout != types.LinearBuckets && div > 1 {
			count /= div
		}
		b = append(b, `"count": `...)
		b = strconv.AppendUint(b, count, 10)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSONInt encodes an integer as a JSON number, or, as upstream does,
// as a string of its digits when a double cannot hold it exactly (JSON
// readers take numbers as doubles, RFC 8259).
func appendJSONInt(b []byte, bits uint64, signed bool) []byte {
	if signed {
		v := int64(bits)
		if f := float64(v); f >= math.MaxInt64 || int64(f) != v {
			return strconv.AppendQuote(b, strconv.FormatInt(v, 10))
		}
		return strconv.AppendInt(b, v, 10)
	}
	if f := float64(bits); f >= math.MaxUint64 || uint64(f) != bits {
		return strconv.AppendQuote(b, strconv.FormatUint(bits, 10))
	}
	return strconv.AppendUint(b, bits, 10)
}

// appendJSONString encodes s as upstream does: quote and backslash
// escaped, \n \r \t by name, other control bytes as \u00XX, every other
// byte as it is.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			if c < 0x20 {
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			} else {
				b = append(b, c)
			}
		}
	}
	return append(b, '"')
}

// jsonKey is a map key as upstream writes it in JSON: its text with the
// parentheses of a tuple dropped and every space removed, so that a tuple
// key reads "bpftrace,2".
func jsonKey(v value.Value) string {
	return strings.ReplaceAll(keyText(v), " ", "")
}

// mapType is the "type" of a map's JSON line: its aggregation's, "map"
// for plain values.
func mapType(m *value.Map) string {
	if agg := m.Aggregation(); agg != nil {
		return agg.JSONType
	}
	return "map"
}

// appendJSONMap encodes a map's data: {"@m": value} for a scalar map,
// {"@m": {"key": value, ...}} otherwise.
func appendJSONMap(b []byte, m *value.Map, top int, div uint64) []byte {
	b = append(b, '{')
	b = appendJSONString(b, m.Name)
	b = append(b, ": "...)
	entries := m.Top(top)
	if m.Key == nil {
		if len(entries) > 0 {
			b = appendJSONValue(b, entries[0].Value, div)
		}
		return append(b, '}')
	}
	b = append(b, '{')
	for i, e := range entries {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendJSONString(b, jsonKey(e.Key))
		b = append(b, ": "...)
		b = appendJSONValue(b, e.Value, div)
	}
	return append(b, "}}"...)
}
