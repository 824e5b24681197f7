package types

import (
	"errors"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// providerAliases maps every provider spelling bpftrace accepts to its
// canonical name.
var providerAliases = map[string]string{
	"BEGIN": "BEGIN", "begin": "BEGIN",
	"END": "END", "end": "END",
	"tracepoint": "tracepoint", "t": "tracepoint",
	"interval": "interval", "i": "interval",
	"profile": "profile", "p": "profile",

	// Known to bpftrace, not supported here (yet).
	"kprobe": "kprobe", "k": "kprobe",
	"kretprobe": "kretprobe", "kr": "kretprobe",
	"uprobe": "uprobe", "u": "uprobe",
	"uretprobe": "uretprobe", "ur": "uretprobe",
	"usdt": "usdt", "U": "usdt",
	"rawtracepoint": "rawtracepoint", "rt": "rawtracepoint",
	"fentry": "fentry", "f": "fentry", "kfunc": "fentry",
	"fexit": "fexit", "fr": "fexit", "kretfunc": "fexit",
	"iter": "iter", "it": "iter",
	"software": "software", "s": "software",
	"hardware": "hardware", "h": "hardware",
	"watchpoint": "watchpoint", "w": "watchpoint",
	"asyncwatchpoint": "asyncwatchpoint", "aw": "asyncwatchpoint",
	"self": "self", "test": "test", "bench": "bench",
}

// providerKind returns the canonical provider name, or "" when unknown.
func providerKind(provider string) string { return providerAliases[provider] }

// attachPoints resolves the specs of a block into concrete attach points,
// reporting specs that are wrong. A tracepoint named twice (directly or
// through wildcards) is attached once.
func (c *checker) attachPoints(p *ast.Probe) []*AttachPoint {
	var out []*AttachPoint
	seen := map[string]bool{}
	needArgs, known := c.shared.argsUsed[p]
	if !known {
		needArgs = usesArgs(p)
		c.shared.argsUsed[p] = needArgs
	}
	for _, spec := range p.Specs {
		if spec == nil {
			continue
		}
		for _, a := range c.resolveSpec(spec, needArgs) {
			if seen[a.Name] {
				continue
			}
			seen[a.Name] = true
			out = append(out, a)
		}
	}
	return out
}

// usesArgs reports whether a block mentions args: only then are its
// tracepoints' format files read (twenty of them cost milliseconds).
func usesArgs(p *ast.Probe) bool {
	found := false
	ast.Inspect(p, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id != nil && id.Name == "args" {
			found = true
		}
		return !found
	})
	return found
}

func (c *checker) resolveSpec(spec *ast.ProbeSpec, needArgs bool) []*AttachPoint {
	kind := providerKind(spec.Provider)
	switch kind {
	case "":
		c.errorf(spec, "unknown probe type '%s'", spec.Provider)
	case "BEGIN", "END":
		if len(spec.Parts) != 0 {
			c.errorf(spec, "%s probe takes no arguments", kind)
			return nil
		}
		k := BeginProbe
		if kind == "END" {
			k = EndProbe
		}
		return []*AttachPoint{{Kind: k, Spec: spec, Name: spec.Provider}}
	case "tracepoint":
		return c.tracepointSpec(spec, needArgs)
	case "interval", "profile":
		if a := c.timerSpec(spec, kind); a != nil {
			return []*AttachPoint{a}
		}
	default:
		c.errorf(spec, "probe type '%s' is not supported yet", kind)
	}
	return nil
}

// maxAttachPoints is the most attach points a program may have after
// wildcard expansion, as bpftrace's default BPFTRACE_MAX_PROBES: every one
// is a BPF program to load and, for tracepoints, a perf event to open, and
// a wildcard such as tracepoint:*:* would otherwise load thousands.
const maxAttachPoints = 512

// limitAttachPoints reports a program with more than maxAttachPoints
// attach points at the spec that went past the limit, so that nothing is
// loaded at all.
func (c *checker) limitAttachPoints() {
	n := 0
	var over *ast.ProbeSpec
	for _, p := range c.info.Probes {
		for _, a := range p.Attach {
			if n++; n == maxAttachPoints+1 {
				over = a.Spec
			}
		}
	}
	if over != nil {
		c.errorf(over, "too many probes: %d attach points, the limit is %d", n, maxAttachPoints)
	}
}

// tracepointSpec expands tracepoint:group:event, with wildcards in either
// part, into one attach point per matching tracepoint.
func (c *checker) tracepointSpec(spec *ast.ProbeSpec, needArgs bool) []*AttachPoint {
	if len(spec.Parts) != 2 || spec.Parts[0] == "" || spec.Parts[1] == "" {
		c.errorf(spec, "tracepoint probe must be tracepoint:group:event")
		return nil
	}
	if c.conf.Env == nil {
		c.errorf(spec, "cannot resolve %s: no tracing environment", spec.Raw)
		return nil
	}
	group, event := spec.Parts[0], spec.Parts[1]
	names, err := c.expandTracepoints(group, event)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			// tracefs is usually readable by root only; say so rather
			// than leave the user puzzling over a failed mount.
			c.errorf(spec, "cannot list tracepoints without root or read access to tracefs: %v", err)
			return nil
		}
		c.errorf(spec, "%v", err)
		return nil
	}
	if len(names) == 0 {
		c.errorf(spec, "tracepoint not found: %s:%s", group, event)
		return nil
	}
	var out []*AttachPoint
	for _, name := range names {
		g, e, ok := strings.Cut(name, ":")
		if !ok {
			c.errorf(spec, "tracing environment returned a bad tracepoint name %q", name)
			continue
		}
		ap := &AttachPoint{Kind: TracepointProbe, Spec: spec, Name: "tracepoint:" + name, Group: g, Event: e}
		if needArgs {
			r := c.tracepoint(g, e)
			if r.err != nil {
				c.errorf(spec, "tracepoint %s: %v", name, r.err)
				continue
			}
			ap.Args = r.args
		}
		out = append(out, ap)
	}
	return out
}

// expansion is the outcome of expanding one tracepoint pattern.
type expansion struct {
	names []string
	err   error
}

// expandTracepoints asks the environment for the tracepoints a pattern
// names, once per Check: both runs of the checker resolve every spec, and
// each question costs the real tracefs a stat or a directory listing.
func (c *checker) expandTracepoints(group, event string) ([]string, error) {
	key := group + ":" + event
	if r, ok := c.shared.expansions[key]; ok {
		return r.names, r.err
	}
	names, err := c.conf.Env.Tracepoints(group, event)
	c.shared.expansions[key] = expansion{names, err}
	return names, err
}

// tracepointResult is a tracepoint's record, read once per check.
type tracepointResult struct {
	args *Type
	err  error
}

func (c *checker) tracepoint(group, event string) *tracepointResult {
	key := group + ":" + event
	if r, ok := c.shared.records[key]; ok {
		return r
	}
	r := &tracepointResult{}
	format, err := c.conf.Env.TracepointFormat(group, event)
	switch {
	case err != nil:
		r.err = err
	case format == nil:
		r.err = errNoFormat
	default:
		r.args = TracepointRecord(format, c.strLen)
	}
	c.shared.records[key] = r
	return r
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoFormat = constError("no format")

// timeUnits are the units of interval and profile rates, in nanoseconds.
var timeUnits = map[string]uint64{
	"ns": 1,
	"us": 1e3,
	"ms": 1e6,
	"s":  1e9,
}

// timerSpec parses interval and profile specs: provider:unit:n with unit
// s, ms, us or hz, or provider:n[unit] where a bare number is nanoseconds.
func (c *checker) timerSpec(spec *ast.ProbeSpec, kind string) *AttachPoint {
	a := &AttachPoint{Kind: IntervalProbe, Spec: spec, Name: kind + ":" + strings.Join(spec.Parts, ":")}
	if kind == "profile" {
		a.Kind = ProfileProbe
	}
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
