package types

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// The tracepoint provider: tracepoint:group:event, with wildcards, whose
// `args` is the tracepoint's record as its format file describes it.
func init() {
	registerProvider(&Provider{
		Kind:     TracepointProbe,
		Name:     "tracepoint",
		Aliases:  []string{"t"},
		KindName: "tracepoint",
		Attached: true,
		Args:     true,
		resolve:  (*checker).tracepointSpec,
		// The event names the program: sys_enter_o.
		objectName: func(a *AttachPoint) string { return a.Event },
		// Syscall arguments are user addresses.
		userInts: func(a *AttachPoint) bool { return a.Group == "syscalls" },
	})
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
		c.errorf(spec, "tracepoint not found: %s:%s%s", group, event, c.tracepointHint(group, event))
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
