package metrics

import (
	"slices"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// constSample is one counter or gauge sample built as the registry reads
// it: labels already sorted by name, values already valid UTF-8
// (labelValue). prometheus.NewConstMetric checks and sorts the labels of
// each sample again, which for thousands of keys was a third of the
// collector's time.
type constSample struct {
	desc    *prometheus.Desc
	labels  []*dto.LabelPair
	counter *dto.Counter
	gauge   *dto.Gauge
}

func (s *constSample) Desc() *prometheus.Desc { return s.desc }

func (s *constSample) Write(out *dto.Metric) error {
	out.Label, out.Counter, out.Gauge = s.labels, s.counter, s.gauge
	return nil
}

// labelOrder is the order of a map's label names sorted, as a sample's
// label pairs must be.
type labelOrder struct {
	names []string // sorted
	from  []int    // names[i] is the label of value from[i]
}

func newLabelOrder(names []string) labelOrder {
	from := make([]int, len(names))
	for i := range from {
		from[i] = i
	}
	slices.SortFunc(from, func(a, b int) int { return cmpString(names[a], names[b]) })
	o := labelOrder{names: make([]string, len(names)), from: from}
	for i, j := range from {
		o.names[i] = names[j]
	}
	return o
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// newConstSample makes a counter (or gauge) sample of v with the label
// values values, in the map's label order.
func newConstSample(desc *prometheus.Desc, o *labelOrder, counter bool, v float64, values []string) *constSample {
	s := &constSample{desc: desc}
	if len(values) > 0 {
		pairs := make([]dto.LabelPair, len(values))
		s.labels = make([]*dto.LabelPair, len(values))
		vals := make([]string, len(values))
		for i, j := range o.from {
			vals[i] = values[j]
			pairs[i].Name, pairs[i].Value = &o.names[i], &vals[i]
			s.labels[i] = &pairs[i]
		}
	}
	if counter {
		s.counter = &dto.Counter{Value: &v}
	} else {
		s.gauge = &dto.Gauge{Value: &v}
	}
	return s
}
