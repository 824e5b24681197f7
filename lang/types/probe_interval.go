package types

import (
	"math"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// The interval provider: interval:s:1 runs on one CPU at a rate.
func init() {
	registerProvider(&Provider{
		Kind:     IntervalProbe,
		Name:     "interval",
		Aliases:  []string{"i"},
		KindName: "interval",
		Attached: true,
		resolve: func(c *checker, spec *ast.ProbeSpec, _ bool) []*AttachPoint {
			return c.timerSpec(spec, IntervalProbe)
		},
	})
}

// timeUnits are the units of interval and profile rates, in nanoseconds.
var timeUnits = map[string]uint64{
	"ns": 1,
	"us": 1e3,
	"ms": 1e6,
	"s":  1e9,
}

// timerSpec parses interval and profile specs: provider:unit:n with unit
// s, ms, us or hz, or provider:n[unit] where a bare number is nanoseconds.
func (c *checker) timerSpec(spec *ast.ProbeSpec, k ProbeKind) []*AttachPoint {
	kind := providers[k].Name
	a := c.timerPoint(spec, kind)
	if a == nil {
		return nil
	}
	a.Kind = k
	return []*AttachPoint{a}
}

// timerPoint parses the rate of an interval or profile spec.
func (c *checker) timerPoint(spec *ast.ProbeSpec, kind string) *AttachPoint {
	a := &AttachPoint{Spec: spec, Name: kind + ":" + strings.Join(spec.Parts, ":")}
	var unit, count string
	switch len(spec.Parts) {
	case 1:
		count = strings.TrimRight(spec.Parts[0], "abcdefghijklmnopqrstuvwxyz")
		unit = spec.Parts[0][len(count):]
		if unit == "" {
			unit = "ns"
		}
		if unit == "hz" {
			c.errorf(spec, "%s rate in hz must be written %s:hz:N", kind, kind)
			return nil
		}
	case 2:
		unit, count = spec.Parts[0], spec.Parts[1]
		if unit == "ns" {
			// Not a unit bpftrace accepts in this position.
			unit = "nanoseconds"
		}
	default:
		c.errorf(spec, "%s probe needs a rate, such as %s:s:1, %s:1s or %s:hz:99", kind, kind, kind, kind)
		return nil
	}
	n, err := strconv.ParseUint(count, 10, 64)
	if err != nil || n == 0 {
		c.errorf(spec, "%s rate must be a positive integer, not '%s'", kind, count)
		return nil
	}
	if unit == "hz" {
		a.Freq = n
		return a
	}
	scale, ok := timeUnits[unit]
	if !ok {
		if len(spec.Parts) == 2 {
			c.errorf(spec, "%s unit must be s, ms, us or hz, not '%s'", kind, spec.Parts[0])
		} else {
			c.errorf(spec, "%s unit must be s, ms, us or ns, not '%s'", kind, unit)
		}
		return nil
	}
	if n > math.MaxUint64/scale {
		c.errorf(spec, "%s period %s is too long", kind, strings.Join(spec.Parts, ":"))
		return nil
	}
	a.PeriodNS = n * scale
	return a
}
