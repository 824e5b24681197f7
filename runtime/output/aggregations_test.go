package output

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript/lang/types"
)

// aggCase is one aggregation's map as the BPF program leaves it, per-CPU
// slots and all, and how each sink prints it.
type aggCase struct {
	value   *types.Type
	entries []Entry
	text    string // TextSink's print(@x)
	json    string // JSONSink's line for print(@x)
}

// bucketEntry is a scalar histogram map's entry for bucket i, counted
// over CPUs.
func bucketEntry(i int, perCPU ...int64) Entry {
	return Entry{Key: u64(uint64(i)), Values: counter(perCPU...)}
}

// aggCases holds a case for every aggregation, by name: a new aggregation
// without one fails TestAggregationsRender.
var aggCases = map[string]aggCase{
	"count": {countT, []Entry{{Values: counter(2, 3)}},
		"@x: 5\n", `{"type": "map", "data": {"@x": 5}}`},
	"sum": {sumT(true), []Entry{{Values: counter(-5, 2)}},
		"@x: -3\n", `{"type": "map", "data": {"@x": -3}}`},
	"min": {minT(true), []Entry{{Values: cpus(minmaxSlot(-3, true), minmaxSlot(-10, false), minmaxSlot(4, true))}},
		"@x: -3\n", `{"type": "map", "data": {"@x": -3}}`},
	"max": {maxT(true), []Entry{{Values: cpus(minmaxSlot(-1, true), minmaxSlot(5, true), minmaxSlot(9, false))}},
		"@x: 5\n", `{"type": "map", "data": {"@x": 5}}`},
	"avg": {avgT(true), []Entry{{Values: cpus(avgSlot(2, -9), avgSlot(1, 0))}},
		"@x: -3\n", `{"type": "stats", "data": {"@x": -3}}`},
	"stats": {statsT(false), []Entry{{Values: cpus(avgSlot(1, 2), avgSlot(1, 10))}},
		"@x: { .count = 2, .average = 6, .total = 12 }\n",
		`{"type": "stats", "data": {"@x": {"count": 2, "average": 6, "total": 12}}}`},
	"hist": {histT, []Entry{bucketEntry(log2Bucket(5), 1, 2), bucketEntry(log2Bucket(-1), 0, 1)},
		"@x:\n" +
			"(..., 0)               1 |@@@@@@@@@@@@@@@@@                                   |\n" +
			"[0]                    0 |                                                    |\n" +
			"[1]                    0 |                                                    |\n" +
			"[2, 4)                 0 |                                                    |\n" +
			"[4, 8)                 3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n",
		`{"type": "hist", "data": {"@x": [{"max": -1, "count": 1}, {"min": 0, "max": 0, "count": 0}, ` +
			`{"min": 1, "max": 1, "count": 0}, {"min": 2, "max": 3, "count": 0}, {"min": 4, "max": 7, "count": 3}]}}`},
	"lhist": {lhistT(0, 30, 10), []Entry{bucketEntry(1, 2, 0), bucketEntry(4, 1, 1)},
		"@x:\n" +
			"[0, 10)                2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n" +
			"[10, 20)               0 |                                                    |\n" +
			"[20, 30)               0 |                                                    |\n" +
			"[30, ...)              2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n",
		`{"type": "hist", "data": {"@x": [{"min": 0, "max": 9, "count": 2}, {"min": 10, "max": 19, "count": 0}, ` +
			`{"min": 20, "max": 29, "count": 0}, {"min": 30, "count": 2}]}}`},
	// The latest interval's CPUs add up; a CPU's slot left from an older
	// interval takes no part; a missing interval prints as "-".
	"tseries": {tseriesT(4, types.TSeriesSum), []Entry{
		{Key: u64(seriesEpoch % 4), Values: cpus(tseriesSlot(seriesEpoch, 5, 1, types.TSeriesSum), tseriesSlot(seriesEpoch, 2, 1, types.TSeriesSum))},
		{Key: u64((seriesEpoch - 2) % 4), Values: cpus(tseriesSlot(seriesEpoch-2, -3, 2, types.TSeriesSum), tseriesSlot(seriesEpoch-6, 100, 1, types.TSeriesSum))},
	},
		"@x:\n" +
			"             -3                                                  7\n" +
			"hh:mm:ss.ms  |___________________________________________________|\n" +
			"22:13:19.800 *              .                                    | -3\n" +
			"22:13:19.900 |              .                                    | -\n" +
			"22:13:20.000 |              .                                    * 7\n" +
			"             v___________________________________________________v\n" +
			"             -3                                                  7\n\n",
		`{"type": "tseries", "data": {"@x": [{"interval_start": "2023-11-14T22:13:19.800000000", "value": -3},` +
			`{"interval_start": "2023-11-14T22:13:19.900000000", "value": null},` +
			`{"interval_start": "2023-11-14T22:13:20.000000000", "value": 7}]}}`},
}

func init() {
	seriesTAIOffset = func() time.Duration { return 0 }
	seriesLocation = time.UTC
}

// seriesEpoch is an interval of 100ms: 2023-11-14T22:13:20Z.
const seriesEpoch = 17_000_000_000

// tseriesSlot is one CPU's tseries slot.
func tseriesSlot(epoch uint64, v int64, count uint64, agg types.TSeriesAgg) []byte {
	return cat(u64(epoch), i64(v), u64(count), u64(epoch), u64(uint64(agg)))
}

func tseriesT(num int, agg types.TSeriesAgg) *types.Type {
	return &types.Type{Kind: types.TSeries, Size: 8, Signed: true, TSeries: types.TSeriesParams{IntervalNS: 1e8, Num: num, Agg: agg}}
}

// aggCaseErrors lists the aggregations cases has no case for, and the
// cases of no aggregation or of another one's type.
func aggCaseErrors(cases map[string]aggCase) []string {
	var errs []string
	names := map[string]bool{}
	for _, a := range types.Aggregations() {
		names[a.Name] = true
		c, ok := cases[a.Name]
		switch {
		case !ok:
			errs = append(errs, fmt.Sprintf("aggregation %s has no decoding and rendering case", a.Name))
		case c.value.Kind != a.Kind:
			errs = append(errs, fmt.Sprintf("aggregation %s's case is a map of %s", a.Name, c.value))
		}
	}
	for name := range cases {
		if !names[name] {
			errs = append(errs, fmt.Sprintf("case %s is no aggregation", name))
		}
	}
	return errs
}

// TestAggregationsRender decodes every aggregation's per-CPU slots and
// prints them with each sink.
func TestAggregationsRender(t *testing.T) {
	for _, e := range aggCaseErrors(aggCases) {
		t.Error(e)
	}
	for name, c := range aggCases {
		m := decodeMap(t, &MapData{Name: "@x", Value: c.value, Entries: c.entries})
		var text, jsonOut, diag bytes.Buffer
		ts, js := NewTextSink(&text, &diag), NewJSONSink(&jsonOut, &diag)
		for _, s := range []Sink{ts, js} {
			if err := s.PrintMap(m, 0, 0); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := s.Flush(); err != nil {
				t.Fatal(err)
			}
		}
		if text.String() != c.text {
			t.Errorf("%s: text\n%s\nwant\n%s", name, text.String(), c.text)
		}
		if got := jsonOut.String(); got != c.json+"\n" {
			t.Errorf("%s: JSON\n%s\nwant\n%s", name, got, c.json)
		}
		if diag.Len() > 0 {
			t.Errorf("%s: wrote %q to diag", name, diag.String())
		}
	}
}

func TestAggregationsRenderCheckFails(t *testing.T) {
	for _, a := range types.Aggregations() {
		cases := map[string]aggCase{}
		for name, c := range aggCases {
			if name != a.Name {
				cases[name] = c
			}
		}
		if len(aggCaseErrors(cases)) == 0 {
			t.Errorf("no error for aggregation %s without a case", a.Name)
		}
	}
	cases := map[string]aggCase{"quantile": aggCases["count"]}
	for name, c := range aggCases {
		cases[name] = c
	}
	if len(aggCaseErrors(cases)) == 0 {
		t.Errorf("no error for a case of no aggregation")
	}
}
