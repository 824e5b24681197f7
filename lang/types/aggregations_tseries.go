package types

import (
	"fmt"
	"slices"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// TSeriesSlotSize is the bytes of one CPU's tseries slot: the interval it
// holds (time / IntervalNS), the value, the observations, the time of the
// last one (which decides the last value between CPUs) and the TSeriesAgg.
const TSeriesSlotSize = 40

// Offsets of a tseries slot's words.
const (
	TSeriesEpochOff = 0
	TSeriesValueOff = 8
	TSeriesCountOff = 16
	TSeriesTimeOff  = 24
	TSeriesAggOff   = 32
)

// MaxTSeriesIntervals bounds tseries' num: each interval is a map entry
// per key.
const MaxTSeriesIntervals = 1024

// tseries checks tseries(x, interval_ns, num[, agg]): interval and num
// are positive integer constants, agg one of "avg", "min", "max", "sum".
func (c *checker) tseries(call *ast.CallExpr) *Type {
	var p [2]int64
	ok := true
	for i, name := range []string{"interval", "num_intervals"} {
		a := call.Args[i+1]
		c.expr(a)
		v, isConst := c.requireConst(a, "tseries() "+name)
		switch {
		case !isConst:
			ok = false
		case v <= 0:
			c.errorf(a, "tseries() %s must be positive, not %d", name, v)
			ok = false
		}
		p[i] = v
	}
	if ok && p[1] > MaxTSeriesIntervals {
		c.errorf(call.Args[2], "tseries() keeps at most %d intervals, not %d", MaxTSeriesIntervals, p[1])
		ok = false
	}
	params := TSeriesParams{IntervalNS: p[0], Num: int(p[1])}
	if len(call.Args) == 4 {
		name, isLit := c.stringLit(call, call.Args[3], "aggregation")
		i := slices.Index(tseriesAggNames[1:], name)
		switch {
		case !isLit:
			ok = false
		case i < 0:
			c.errorf(call.Args[3], "tseries() aggregation must be \"avg\", \"min\", \"max\" or \"sum\", not %q", name)
			ok = false
		default:
			params.Agg = TSeriesAgg(i + 1)
		}
	}
	if !ok {
		return InvalidT
	}
	signed := c.info.Types[call.Args[0]] != nil && c.info.Types[call.Args[0]].Signed
	return &Type{Kind: TSeries, Size: 8, Signed: signed, TSeries: params}
}

func describeTSeries(t *Type) string {
	p := t.TSeries
	return fmt.Sprintf("tseries_t(%d, %d, %s)", p.IntervalNS, p.Num, p.Agg)
}

// mergeTSeries merges the CPUs' slots of one tseries bucket: those holding
// the latest interval take part, combined by the slot's aggregation. A
// bucket no CPU wrote has Count 0.
func mergeTSeries(slots [][]byte, signed bool) Merged {
	var m Merged
	for _, s := range slots {
		if slotWord(s, TSeriesCountOff) != 0 {
			m.Epoch = max(m.Epoch, slotWord(s, TSeriesEpochOff))
		}
	}
	var latest uint64
	var agg TSeriesAgg
	first := true
	for _, s := range slots {
		n := slotWord(s, TSeriesCountOff)
		if n == 0 || slotWord(s, TSeriesEpochOff) != m.Epoch {
			continue
		}
		v, at := slotWord(s, TSeriesValueOff), slotWord(s, TSeriesTimeOff)
		agg = TSeriesAgg(slotWord(s, TSeriesAggOff))
		switch agg {
		case TSeriesLast:
			if first || at > latest {
				m.Value, latest = v, at
			}
		case TSeriesAvg, TSeriesSum:
			m.Total += v
		case TSeriesMin:
			if first || less(v, m.Value, signed) {
				m.Value = v
			}
		case TSeriesMax:
			if first || less(m.Value, v, signed) {
				m.Value = v
			}
		}
		m.Count += n
		first = false
	}
	if m.Count > 0 {
		switch agg {
		case TSeriesSum:
			m.Value = m.Total
		case TSeriesAvg:
			if signed {
				m.Value = uint64(int64(m.Total) / int64(m.Count))
			} else {
				m.Value = m.Total / m.Count
			}
		}
	}
	return m
}

func less(a, b uint64, signed bool) bool {
	if signed {
		return int64(a) < int64(b)
	}
	return a < b
}
