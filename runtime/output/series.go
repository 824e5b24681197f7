package output

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bpfscript/bpfscript/runtime/value"
	"golang.org/x/sys/unix"
)

// tseries maps print as upstream's text output draws them: one row per
// interval with its time, a 53-column chart and the value.

// seriesWidth is the width of the chart, its borders included.
const seriesWidth = 53

// seriesPadding is the width the chart's minimum label takes.
const seriesPadding = 21

// seriesTAIOffset and seriesLocation turn an interval's TAI time into the
// local wall-clock time its row shows; tests fix them.
var (
	seriesTAIOffset = taiOffset
	seriesLocation  = time.Local
)

// writeSeriesMap prints a map of time series: `@m:` or `@m[key]:`, the
// chart, and a blank line, for each key from the least to the most
// recently updated.
func writeSeriesMap(sb *strings.Builder, m *value.Map, top int) {
	offset := seriesTAIOffset()
	for _, e := range m.Top(top) {
		if m.Key == nil {
			sb.WriteString(m.Name + ":\n")
		} else {
			sb.WriteString(m.Name + "[" + keyText(e.Key) + "]:\n")
		}
		writeSeries(sb, e.Value.Series, offset)
		sb.WriteString("\n")
		if m.Key == nil {
			break
		}
	}
}

// timeUnit is the precision the times of a chart show, from its interval:
// seconds, or three, six or nine decimals.
func timeUnit(interval int64) (name string, digits int) {
	switch {
	case interval%1e9 == 0:
		return "", 0
	case interval%1e6 == 0:
		return "ms", 3
	case interval%1e3 == 0:
		return "us", 6
	}
	return "ns", 9
}

func writeSeries(sb *strings.Builder, ts *value.TimeSeries, offset time.Duration) {
	if ts.From > ts.To {
		sb.WriteString("<no data>\n")
		return
	}
	var lo, hi int64
	found := false
	for e := ts.From; e <= ts.To; e++ {
		v, ok := ts.Value(e)
		if !ok {
			continue
		}
		if !found {
			lo, hi, found = int64(v), int64(v), true
		}
		lo, hi = lessOf(lo, int64(v), ts.Signed), moreOf(hi, int64(v), ts.Signed)
	}
	if lo == hi {
		// Room on both sides of a flat line, short of overflowing.
		if ts.Signed && lo > -1<<63 || !ts.Signed && uint64(lo) > 0 {
			lo--
		}
		if ts.Signed && hi < 1<<63-1 || !ts.Signed && uint64(hi) < 1<<64-1 {
			hi++
		}
	}
	num := func(v int64) string { return numString(uint64(v), ts.Signed) }
	unit, digits := timeUnit(ts.Params.IntervalNS)
	timeFmt := "hh:mm:ss"
	timeSize := len(timeFmt)
	if digits > 0 {
		timeFmt += "." + unit
		timeSize += 1 + digits
	}
	labels := fmt.Sprintf("%-*s%-*s%*s\n", timeSize+1, "", seriesPadding, num(lo), seriesWidth-seriesPadding, num(hi))
	sb.WriteString(labels)
	fmt.Fprintf(sb, "%-*s|%s|\n", timeSize+1, timeFmt, strings.Repeat("_", seriesWidth-2))

	span := distance(lo, hi, ts.Signed)
	zero := 0
	if distance(lo, 0, ts.Signed) > 0 && distance(0, hi, ts.Signed) > 0 {
		zero = int(float32(seriesWidth) * float32(distance(lo, 0, ts.Signed)) / float32(span))
	}
	for e := ts.From; e <= ts.To; e++ {
		at := time.Unix(0, int64(e)*ts.Params.IntervalNS).Add(-offset).In(seriesLocation)
		sb.WriteString(at.Format("15:04:05"))
		if digits > 0 {
			frac := strconv.Itoa(at.Nanosecond() / pow10(9-digits))
			sb.WriteString("." + strings.Repeat("0", digits-len(frac)) + frac)
		}
		sb.WriteByte(' ')
		line := []byte(strings.Repeat(" ", seriesWidth))
		line[0], line[seriesWidth-1] = '|', '|'
		if zero > 0 {
			line[zero] = '.'
		}
		v, ok := ts.Value(e)
		if !ok {
			sb.Write(line)
			sb.WriteString(" -\n")
			continue
		}
		pos := int(float32(seriesWidth-1) * float32(distance(lo, int64(v), ts.Signed)) / float32(span))
		line[max(0, min(seriesWidth-1, pos))] = '*'
		sb.Write(line)
		sb.WriteString(" " + num(int64(v)) + "\n")
	}
	bottom := []byte(strings.Repeat("_", seriesWidth))
	bottom[0], bottom[seriesWidth-1] = 'v', 'v'
	fmt.Fprintf(sb, "%*s %s\n", timeSize, "", bottom)
	fmt.Fprintf(sb, "%*s %-*s%*s\n", timeSize, "", seriesPadding, num(lo), seriesWidth-seriesPadding, num(hi))
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

// distance is b - a for values of the series' signedness, as upstream
// computes it between a primitive and an int64.
func distance(a, b int64, signed bool) int64 {
	if signed {
		return b - a
	}
	return int64(uint64(b) - uint64(a))
}

func lessOf(a, b int64, signed bool) int64 {
	if signed && b < a || !signed && uint64(b) < uint64(a) {
		return b
	}
	return a
}

func moreOf(a, b int64, signed bool) int64 {
	if signed && b > a || !signed && uint64(b) > uint64(a) {
		return b
	}
	return a
}

// taiOffset is how far CLOCK_TAI is ahead of the wall clock: tseries'
// intervals count TAI time.
func taiOffset() time.Duration {
	var tai, real unix.Timespec
	if unix.ClockGettime(unix.CLOCK_TAI, &tai) != nil || unix.ClockGettime(unix.CLOCK_REALTIME, &real) != nil {
		return 0
	}
	d := time.Duration(tai.Nano() - real.Nano())
	// The two readings are a few hundred nanoseconds apart; TAI offsets
	// are whole seconds.
	return d.Round(time.Second)
}

// appendJSONSeries encodes a time series as upstream's JSON does, but as
// valid JSON: [{"interval_start": "<time>", "value": v}, ...], the value
// null for an interval with none.
func appendJSONSeries(b []byte, ts *value.TimeSeries) []byte {
	offset := seriesTAIOffset()
	b = append(b, '[')
	for e := ts.From; e <= ts.To; e++ {
		if e > ts.From {
			b = append(b, ',')
		}
		at := time.Unix(0, int64(e)*ts.Params.IntervalNS).Add(-offset).In(seriesLocation)
		b = append(b, `{"interval_start": `...)
		b = appendJSONString(b, at.Format("2006-01-02T15:04:05.000000000"))
		b = append(b, `, "value": `...)
		if v, ok := ts.Value(e); ok {
			b = appendJSONInt(b, v, ts.Signed)
		} else {
			b = append(b, "null"...)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}
