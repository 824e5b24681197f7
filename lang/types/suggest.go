package types

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/internal/suggest"
)

// The "did you mean" of the checker's errors: each list of known names is
// built only when an error needs it, never on a program's good path.

// didYouMean is ": did you mean 'X'?" for the candidate nearest to name,
// X being the candidate with suffix; "" when none is near.
func didYouMean(name string, candidates []string, suffix string) string {
	if c, ok := suggest.Closest(name, candidates); ok {
		return fmt.Sprintf(": did you mean '%s%s'?", c, suffix)
	}
	return ""
}

// builtinNames lists the builtins that match: variables or callables,
// sorted, with the aggregations when callable.
func builtinNames(callable bool) []string {
	var names []string
	for i := range builtins {
		b := &builtins[i]
		if (callable && b.Callable()) || (!callable && b.IsVar()) {
			names = append(names, b.Name)
		}
	}
	if callable {
		for name := range aggregationsByName {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// unknownIdentHint suggests a builtin variable for an unknown identifier:
// com is comm.
func unknownIdentHint(name string) string {
	return didYouMean(name, builtinNames(false), "")
}

// unknownFunctionHint suggests a function for an unknown one: cout() is
// count(). A builtin variable called with arguments (pid(1)) is no
// misspelling: it gets none.
func unknownFunctionHint(name string) string {
	if _, ok := LookupBuiltin(name); ok {
		return ""
	}
	return didYouMean(name, builtinNames(true), "()")
}

// unknownProviderHint suggests a probe type, supported or not, for an
// unknown one: tracepiont is tracepoint.
func unknownProviderHint(name string) string {
	var names []string
	for s := range providerSpelling {
		names = append(names, s)
	}
	for s := range unsupportedProviders {
		names = append(names, s)
	}
	// Whole names first, so that a tie goes to one a user would write.
	slices.SortFunc(names, func(a, b string) int {
		if len(a) > 2 != (len(b) > 2) {
			if len(a) > 2 {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return didYouMean(name, names, "")
}

// tracepointHint suggests a tracepoint for group:event, which matched
// none: the nearest event of the group (sys_enter_opnat is
// sys_enter_openat), or, when the group has none, the nearest group with
// the event or the group's nearest event. Patterns get no suggestion.
func (c *checker) tracepointHint(group, event string) string {
	if strings.ContainsAny(group+event, "*?[") {
		return ""
	}
	inGroup, _ := c.expandTracepoints(group, "*")
	if len(inGroup) == 0 {
		all, _ := c.expandTracepoints("*", "*")
		var groups []string
		for _, name := range all {
			if g, _, ok := strings.Cut(name, ":"); ok && (len(groups) == 0 || groups[len(groups)-1] != g) {
				groups = append(groups, g)
			}
		}
		g, ok := suggest.Closest(group, groups)
		if !ok {
			return ""
		}
		if slices.Contains(all, g+":"+event) {
			return fmt.Sprintf(": did you mean 'tracepoint:%s:%s'?", g, event)
		}
		group = g
		inGroup, _ = c.expandTracepoints(group, "*")
	}
	events := make([]string, 0, len(inGroup))
	for _, name := range inGroup {
		_, e, _ := strings.Cut(name, ":")
		events = append(events, e)
	}
	if e, ok := suggest.Closest(event, events); ok {
		return fmt.Sprintf(": did you mean 'tracepoint:%s:%s'?", group, e)
	}
	return ""
}

// fieldHint suggests a field of record t for an unknown one: filenme is
// filename.
func fieldHint(t *Type, name string) string {
	names := make([]string, 0, len(t.Fields))
	for _, f := range t.Fields {
		names = append(names, f.Name)
	}
	return didYouMean(name, names, "")
}
