package main

import (
	"regexp"
	"strings"
	"testing"
)

// tseries on this kernel: the chart as upstream draws it. The rows' times
// depend on the clock, so they are checked for their shape and step and
// then masked.

// seriesTime matches a row's time with milliseconds.
var seriesTime = regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d\.\d\d\d `)

func TestTSeriesZigzag(t *testing.T) {
	// The reference's second example: a value that walks up and down by
	// one every 100ms, recorded every 100ms. The probes that write and
	// read @c run in one program per firing, so every interval holds
	// exactly one value; the ends of the run are cut to the 10 intervals
	// kept.
	script := `BEGIN { @c = -2; @dir = 1; }
interval:ms:100 {
  @ = tseries(@c, 100000000, 10);
  @c += @dir;
  if (@c > 2) { @dir = -1; @c = 1; } else if (@c < -2) { @dir = 1; @c = -1; }
  if (++@n == 12) { exit(); }
}
END { clear(@c); clear(@dir); clear(@n); }`
	r := run(t, "", "-e", script)
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr:\n%s", r.code, r.stderr)
	}
	times := seriesTime.FindAllString(r.stdout, -1)
	if len(times) != 10 {
		t.Fatalf("%d rows, want 10:\n%s", len(times), r.stdout)
	}
	for _, tm := range times {
		if !strings.HasSuffix(tm, "00 ") {
			t.Errorf("row time %q is not on a 100ms interval", tm)
		}
	}
	got := seriesTime.ReplaceAllString(r.stdout, "TT:TT:TT.TTT ")
	// Twelve values: -2 -1 0 1 2 1 0 -1 -2 -1 0 1; the last ten shown.
	want := `

@:
             -2                                                  2
hh:mm:ss.ms  |___________________________________________________|
TT:TT:TT.TTT |                         *                         | 0
TT:TT:TT.TTT |                         .            *            | 1
TT:TT:TT.TTT |                         .                         * 2
TT:TT:TT.TTT |                         .            *            | 1
TT:TT:TT.TTT |                         *                         | 0
TT:TT:TT.TTT |            *            .                         | -1
TT:TT:TT.TTT *                         .                         | -2
TT:TT:TT.TTT |            *            .                         | -1
TT:TT:TT.TTT |                         *                         | 0
TT:TT:TT.TTT |                         .            *            | 1
             v___________________________________________________v
             -2                                                  2

`
	if got != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
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
