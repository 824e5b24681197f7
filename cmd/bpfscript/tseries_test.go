package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// tseries on this kernel: the chart as upstream draws it, and every
// aggregation of an interval.

func TestTSeriesRun(t *testing.T) {
	// A counter recorded every 100ms into 100ms intervals. The timer's
	// phase against the intervals is anyone's, so two firings may share
	// an interval (the later value wins) and leave another empty ("-"):
	// the rows are checked for what holds whatever the phase. The exact
	// drawing is pinned by runtime/output's tests.
	script := `interval:ms:100 { @n++; @ = tseries(@n, 100000000, 10); if (@n == 12) { clear(@n); exit(); } }`
	r := run(t, "", "-e", script)
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr:\n%s", r.code, r.stderr)
	}
	row := regexp.MustCompile(`^(\d\d:\d\d:\d\d\.\d00) ([|*][ .*]{51}[|*]) (-|\d+)$`)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) < 5 || lines[0] != "@:" || !strings.HasPrefix(lines[2], "hh:mm:ss.ms  |___") {
		t.Fatalf("stdout:\n%s", r.stdout)
	}
	rows := lines[3 : len(lines)-2]
	if len(rows) < 2 || len(rows) > 10 {
		t.Fatalf("%d rows:\n%s", len(rows), r.stdout)
	}
	last := 0
	for i, l := range rows {
		m := row.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("row %q is no chart row:\n%s", l, r.stdout)
		}
		if m[3] == "-" {
			if i == 0 || i == len(rows)-1 {
				t.Errorf("the first or last row %q has no value", l)
			}
			continue
		}
		v := 0
		fmt.Sscan(m[3], &v)
		if v <= last {
			t.Errorf("row %q: %d after %d", l, v, last)
		}
		last = v
	}
	if last != 12 {
		t.Errorf("the last value is %d, want 12:\n%s", last, r.stdout)
	}
}

func TestTSeriesAggregations(t *testing.T) {
	// Four values in one interval of an hour, by every aggregation.
	script := `BEGIN {
  @last = tseries(3, 3600000000000, 2); @last = tseries(-1, 3600000000000, 2);
  @avg = tseries(3, 3600000000000, 2, "avg"); @avg = tseries(6, 3600000000000, 2, "avg"); @avg = tseries(-3, 3600000000000, 2, "avg");
  @min = tseries(3, 3600000000000, 2, "min"); @min = tseries(-7, 3600000000000, 2, "min"); @min = tseries(5, 3600000000000, 2, "min");
  @max = tseries(3, 3600000000000, 2, "max"); @max = tseries(-7, 3600000000000, 2, "max"); @max = tseries(5, 3600000000000, 2, "max");
  @sum[1] = tseries(3, 3600000000000, 2, "sum"); @sum[1] = tseries(4, 3600000000000, 2, "sum");
  exit(); }`
	r := run(t, "", "-f", "json", "-e", script)
	values := regexp.MustCompile(`"interval_start": "[^"]*"`).ReplaceAllString(r.stdout, `"interval_start": "T"`)
	expect(t, result{stdout: values, code: r.code, stderr: r.stderr}, `{"type": "attached_probes", "data": {"probes": 1}}
{"type": "tseries", "data": {"@avg": [{"interval_start": "T", "value": 2}]}}
{"type": "tseries", "data": {"@last": [{"interval_start": "T", "value": -1}]}}
{"type": "tseries", "data": {"@max": [{"interval_start": "T", "value": 5}]}}
{"type": "tseries", "data": {"@min": [{"interval_start": "T", "value": -7}]}}
{"type": "tseries", "data": {"@sum": {"1": [{"interval_start": "T", "value": 7}]}}}
`, 0)
}
