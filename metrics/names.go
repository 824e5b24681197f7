package metrics

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// metricName is the name of m's metric: the namespace, the map's name (or
// its rename) and the suffix Prometheus expects of the kind (_total for
// counters).
func (c *Collector) metricName(m *value.Map, kind metricKind) string {
	base, ok := c.rename[m.Name]
	if !ok {
		base = mapBaseName(m)
	}
	name := sanitize(c.namespace + "_" + base)
	if kind == counter && !strings.HasSuffix(name, "_total") {
		name += "_total"
	}
	return name
}

// mapBaseName is a map's name without its @; the anonymous map @ takes its
// aggregation's name (count, hist), or "value" for plain integers.
func mapBaseName(m *value.Map) string {
	if name := strings.TrimPrefix(m.Name, "@"); name != "" {
		return name
	}
	if agg := m.Aggregation(); agg != nil {
		return agg.Name
	}
	return "value"
}

// sanitize replaces what Prometheus does not allow in a metric or label
// name ([a-zA-Z_][a-zA-Z0-9_]*) by _.
func sanitize(name string) string {
	b := []byte(name)
	for i, c := range b {
		ok := c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9'
		if !ok {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "_"
	}
	return string(b)
}

// help describes m's metric: the map and its value type as the script
// wrote them.
func help(m *value.Map) string {
	what := m.Value.String()
	if agg := m.Aggregation(); agg != nil {
		what = agg.Name + "()"
	}
	if m.Key != nil {
		return "bpfscript map " + m.Name + "[" + m.Key.String() + "]: " + what + "."
	}
	return "bpfscript map " + m.Name + ": " + what + "."
}

// labelNames names the labels of a map keyed by t: a record's fields, a
// tuple's key0, key1, ..., "key" for any other key, none for a scalar map.
func labelNames(t *types.Type) []string {
	if t == nil {
		return nil
	}
	switch t.Kind {
	case types.Tuple:
		names := make([]string, len(t.Fields))
		for i := range names {
			names[i] = "key" + strconv.Itoa(i)
		}
		return names
	case types.Record:
		names := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			names[i] = labelName(f.Name)
		}
		return names
	}
	return []string{"key"}
}

// labelName makes a record field's name a label name that is neither
// reserved (__ starts Prometheus's own) nor one histograms and summaries
// use themselves (le, quantile).
func labelName(field string) string {
	name := sanitize(field)
	if name == "le" || name == "quantile" || strings.HasPrefix(name, "__") {
		name = "key_" + strings.TrimLeft(name, "_")
	}
	return name
}

// labelValues appends the label values of key to dst: n of them, one per
// element of a tuple or record, or the key itself.
func labelValues(dst []string, key value.Value, n int) []string {
	switch {
	case n == 0:
		return dst
	case key.Kind == value.Tuple || key.Kind == value.Record:
		for i := range n {
			if i < len(key.Elems) {
				dst = append(dst, labelValue(key.Elems[i]))
			} else {
				dst = append(dst, "")
			}
		}
		return dst
	}
	return append(dst, labelValue(key))
}

// labelValue is one key element's text, as bpftrace prints it, made valid
// UTF-8 as Prometheus requires (a string key may hold any bytes).
func labelValue(v value.Value) string {
	s := keyText(v)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// keyText is one key element's text, as bpftrace prints it.
func keyText(v value.Value) string {
	switch v.Kind {
	case value.Int:
		if v.Signed {
			return strconv.FormatInt(int64(v.Bits), 10)
		}
		return strconv.FormatUint(v.Bits, 10)
	case value.String:
		if !v.Truncated {
			return v.Str
		}
	}
	return output.Text(v)
}
