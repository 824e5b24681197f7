package metrics

import (
	"fmt"
	"math"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/prometheus/client_golang/prometheus"
)

// Source is what a Collector reads: the maps of a session as they are now,
// decoded. *bpfscript.Session and *runtime.Session are Sources.
type Source interface {
	Maps() ([]*value.Map, error)
}

// RawSource is a Source that also gives its maps undecoded, with their
// decoder, as *bpfscript.Session and *runtime.Session do: the collector
// then decodes each entry once as it goes, in the order read, which halves
// a scrape of thousands of keys.
type RawSource interface {
	Source
	RawMaps() ([]*value.RawMap, *value.Decoder, error)
}

// Options configure a Collector.
type Options struct {
	// Namespace starts every metric name; "bpfscript" when empty.
	Namespace string
	// Rename gives maps ("@x") their metric names, which replace the
	// map's own name between the namespace and any suffix (_total).
	Rename map[string]string
	// Drop leaves maps ("@x") out.
	Drop []string
}

// DefaultNamespace starts metric names when Options do not say otherwise.
const DefaultNamespace = "bpfscript"

// Collector is a prometheus.Collector over the maps of a Source.
type Collector struct {
	src       Source
	namespace string
	rename    map[string]string
	drop      map[string]bool
}

// NewCollector returns a Collector of src's maps.
func NewCollector(src Source, opts Options) *Collector {
	c := &Collector{src: src, namespace: opts.Namespace, rename: opts.Rename, drop: map[string]bool{}}
	if c.namespace == "" {
		c.namespace = DefaultNamespace
	}
	for _, name := range opts.Drop {
		c.drop[name] = true
	}
	return c
}

// Describe sends nothing: the collector is unchecked, since its metrics
// follow the session's maps, which programs add as they join.
func (c *Collector) Describe(chan<- *prometheus.Desc) {}

// errorDesc describes the metric that carries a failed read to the scrape.
var errorDesc = prometheus.NewDesc("bpfscript_read_error", "bpfscript could not read its maps.", nil, nil)

// Collect reads every map once and sends a metric per entry.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	if raw, ok := c.src.(RawSource); ok {
		c.collectRaw(ch, raw)
		return
	}
	maps, err := c.src.Maps()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(errorDesc, err)
		return
	}
	for _, m := range maps {
		if c.drop[m.Name] {
			continue
		}
		c.collectMap(ch, m)
	}
}

// collectRaw reads the maps undecoded and decodes each entry as it sends
// it. Histograms go through DecodeMap, which gathers their buckets.
func (c *Collector) collectRaw(ch chan<- prometheus.Metric, src RawSource) {
	raws, d, err := src.RawMaps()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(errorDesc, err)
		return
	}
	for _, raw := range raws {
		if c.drop[raw.Name] {
			continue
		}
		m := &value.Map{Name: raw.Name, Key: raw.Key, Value: raw.Value}
		switch kindOf(m) {
		case skip:
			continue
		case histogram:
			if m, err = d.DecodeMap(raw); err != nil {
				ch <- prometheus.NewInvalidMetric(errorDesc, err)
				continue
			}
			c.collectMap(ch, m)
			continue
		}
		e := newEmitter(c, m)
		for _, re := range raw.Entries {
			var key value.Value
			if raw.Key != nil {
				key = d.Decode(raw.Key, re.Key)
			}
			e.send(ch, key, value.MergeAggregate(raw.Value, re.Values))
		}
	}
}

// collectMap sends one decoded map's entries.
func (c *Collector) collectMap(ch chan<- prometheus.Metric, m *value.Map) {
	if kindOf(m) == skip {
		return
	}
	e := newEmitter(c, m)
	if e.kind == histogram && len(m.Entries) > 0 && m.Entries[0].Value.Hist != nil {
		e.bounds = upperBounds(m.Entries[0].Value.Hist) // the same for every key
	}
	for _, entry := range m.Entries {
		e.send(ch, entry.Key, entry.Value)
	}
}

// emitter sends the metrics of one map's entries.
type emitter struct {
	name   string
	kind   metricKind
	desc   *prometheus.Desc
	labels int
	order  labelOrder
	bounds []float64 // a histogram's bucket bounds (upperBounds)
	values []string  // label values, reused from entry to entry
}

func newEmitter(c *Collector, m *value.Map) *emitter {
	kind := kindOf(m)
	labels := labelNames(m.Key)
	return &emitter{
		name:   m.Name,
		kind:   kind,
		desc:   prometheus.NewDesc(c.metricName(m, kind), help(m), labels, nil),
		labels: len(labels),
		order:  newLabelOrder(labels),
		values: make([]string, 0, len(labels)),
	}
}

// send sends the metric of one entry.
func (e *emitter) send(ch chan<- prometheus.Metric, key, v value.Value) {
	e.values = labelValues(e.values[:0], key, e.labels)
	metric, err := e.sample(v)
	if err != nil {
		metric = prometheus.NewInvalidMetric(e.desc, fmt.Errorf("map %s: %w", e.name, err))
	}
	ch <- metric
}

// metricKind is the Prometheus type a map's values become.
type metricKind uint8

const (
	skip metricKind = iota
	counter
	gauge
	summary
	histogram
)

// kindOf says which Prometheus type m's values take.
func kindOf(m *value.Map) metricKind {
	if m.Value == nil {
		return skip
	}
	agg := m.Aggregation()
	switch {
	case agg == nil && m.Value.Kind == types.Int:
		return gauge
	case agg == nil:
		return skip
	case agg.Buckets:
		return histogram
	case agg.Summary:
		return summary
	case agg.Kind == types.Count || agg.Kind == types.Sum:
		return counter
	}
	return gauge
}

// sample makes the metric of one entry's value.
func (e *emitter) sample(v value.Value) (prometheus.Metric, error) {
	desc, labels := e.desc, e.values
	switch e.kind {
	case counter, gauge:
		return newConstSample(desc, &e.order, e.kind == counter, number(v.Bits, v.Signed), labels), nil
	case summary:
		return prometheus.NewConstSummary(desc, v.Stats.Count, number(v.Stats.Total, v.Signed), nil, labels...)
	case histogram:
		if v.Hist == nil || len(v.Hist.Counts) != len(e.bounds) {
			return nil, fmt.Errorf("a histogram entry without its buckets")
		}
		return prometheus.NewConstHistogram(desc, v.Hist.Total, math.NaN(), cumulativeBuckets(v.Hist.Counts, e.bounds), labels...)
	}
	return nil, fmt.Errorf("no metric for %v", v.Kind)
}

// number is an integer's bits as a float64, signed or not.
func number(bits uint64, signed bool) float64 {
	if signed {
		return float64(int64(bits))
	}
	return float64(bits)
}

// upperBounds lists the largest value each bucket of h's layout counts,
// +Inf for a bucket open above (lhist's last).
func upperBounds(h *value.Histogram) []float64 {
	every := &value.Histogram{Layout: h.Layout, LHist: h.LHist, Counts: make([]uint64, len(h.Counts))}
	for i := range every.Counts {
		every.Counts[i] = 1 // Buckets lists the non-empty ones
	}
	buckets := every.Buckets()
	bounds := make([]float64, len(buckets))
	for i, b := range buckets {
		if b.NoMax {
			bounds[i] = math.Inf(1)
			continue
		}
		bounds[i] = number(b.Max.Bits, b.Max.Signed)
	}
	return bounds
}

// cumulativeBuckets turns a histogram's bucket counts into Prometheus's:
// the count of every value up to and including each bucket's upper bound,
// from the first bucket of the layout to the last non-empty one. The
// bucket open above is left to +Inf, which the histogram's count is.
func cumulativeBuckets(counts []uint64, bounds []float64) map[float64]uint64 {
	_, last := value.NonEmptyRange(counts)
	out := make(map[float64]uint64, last+1)
	var sum uint64
	for i := 0; i <= last; i++ {
		sum += counts[i]
		if !math.IsInf(bounds[i], 1) {
			out[bounds[i]] = sum
		}
	}
	return out
}
