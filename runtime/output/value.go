package output

import (
	"strconv"
	"strings"
	"time"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// Formatter renders values straight from bytes: it decodes them (package
// value) and renders the result as text. Its fields resolve the ids a BPF
// program records in place of things it cannot print itself.
type Formatter struct {
	// ProbeNames maps the `probe` builtin's u64 id to the probe's name.
	ProbeNames []string
	// TimeFormats maps strftime()'s u64 format id to its format string.
	TimeFormats []string
	// BootTime is the wall-clock time at boot; strftime() timestamps are
	// nanoseconds since then. Timestamps print in BootTime's location.
	BootTime time.Time
}

// Decoder returns the decoder for f's ids.
func (f *Formatter) Decoder() *value.Decoder {
	return &value.Decoder{ProbeNames: f.ProbeNames, TimeFormats: f.TimeFormats, BootTime: f.BootTime, FormatTime: FormatTime, Resolve: Resolve}
}

// NewDecoder returns a decoder that renders timestamps with FormatTime.
func NewDecoder(probeNames, timeFormats []string, bootTime time.Time) *value.Decoder {
	return &value.Decoder{ProbeNames: probeNames, TimeFormats: timeFormats, BootTime: bootTime, FormatTime: FormatTime, Resolve: Resolve}
}

// FormatValue renders one value the way print(), map keys and %s show it.
// Aggregation values may hold one slot per CPU, concatenated; they are
// merged first.
func (f *Formatter) FormatValue(t *types.Type, b []byte) string {
	if t != nil && isHistogram(t) {
		// A histogram has no single-line form; print() of one goes
		// through PrintMap.
		return t.String()
	}
	return Text(f.Decoder().Decode(t, b))
}

// isHistogram reports whether t is an aggregation with buckets.
func isHistogram(t *types.Type) bool {
	agg := types.AggregationOf(t.Kind)
	return agg != nil && agg.Buckets
}

// truncationTrailer marks a string that filled its whole buffer, so it may
// have been cut short (upstream's default str_trunc_trailer).
const truncationTrailer = ".."

// Text renders a decoded value as bpftrace's text output does.
func Text(v value.Value) string {
	var sb strings.Builder
	writeText(&sb, v)
	return sb.String()
}

func writeText(sb *strings.Builder, v value.Value) {
	switch v.Kind {
	case value.Int:
		sb.WriteString(numString(v.Bits, v.Signed))
	case value.Aggregate:
		if !v.Agg.Summary {
			sb.WriteString(numString(v.Bits, v.Signed))
			return
		}
		sb.WriteString("{ .count = " + numString(v.Stats.Count, v.Signed) +
			", .average = " + numString(v.Stats.Average, v.Signed) +
			", .total = " + numString(v.Stats.Total, v.Signed) + " }")
	case value.String:
		sb.WriteString(v.Str)
		if v.Truncated {
			sb.WriteString(truncationTrailer)
		}
	case value.Pointer:
		sb.WriteString("0x" + strconv.FormatUint(v.Bits, 16))
	case value.Bool:
		sb.WriteString(strconv.FormatBool(v.Bits != 0))
	case value.Buffer:
		sb.WriteString(RawText(v.Str, 0))
	case value.Probe, value.Timestamp:
		sb.WriteString(v.Str)
	case value.Tuple:
		sb.WriteByte('(')
		for i, e := range v.Elems {
			if i > 0 {
				sb.WriteString(", ")
			}
			writeText(sb, e)
		}
		sb.WriteByte(')')
	case value.Record:
		// As upstream: `{ .a = 1, .b = x }`.
		if len(v.Elems) == 0 {
			sb.WriteString("{}")
			return
		}
		sb.WriteString("{ ")
		for i, e := range v.Elems {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("." + v.Names[i] + " = ")
			writeText(sb, e)
		}
		sb.WriteString(" }")
	case value.Array:
		sb.WriteByte('[')
		for i, e := range v.Elems {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeText(sb, e)
		}
		sb.WriteByte(']')
	}
}

func numString(v uint64, signed bool) string {
	if signed {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatUint(v, 10)
}

// keyText renders a map key for the `@m[...]` line. Upstream drops the
// parentheses of anything that prints with them, so tuple keys read
// `@m[1, abc]`; that includes a string key that happens to start with '('
// and end with ')', which is reproduced here.
func keyText(v value.Value) string {
	s := Text(v)
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		s = s[1 : len(s)-1]
	}
	return s
}
