package types

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/parser"
)

// builtinTableErrors lists what is missing or inconsistent in a table of
// builtins indexed by id.
func builtinTableErrors(table []Builtin) []string {
	var errs []string
	seen := map[string]bool{}
	for id, b := range table {
		switch {
		case b.Name == "":
			errs = append(errs, fmt.Sprintf("builtin %d has no name", id))
			continue
		case seen[b.Name]:
			errs = append(errs, fmt.Sprintf("builtin %s is listed twice", b.Name))
		case int(b.ID) != id:
			errs = append(errs, fmt.Sprintf("builtin %s has id %d at index %d", b.Name, b.ID, id))
		case b.value == nil && b.call == nil:
			errs = append(errs, fmt.Sprintf("builtin %s has no type rule", b.Name))
		case b.MaxArgs >= 0 && b.MinArgs > b.MaxArgs, b.MinArgs < 0:
			errs = append(errs, fmt.Sprintf("builtin %s takes from %d to %d arguments", b.Name, b.MinArgs, b.MaxArgs))
		case b.value != nil && b.MinArgs != 0:
			errs = append(errs, fmt.Sprintf("builtin variable %s needs arguments", b.Name))
		case b.value != nil && b.MaxArgs != 0 && b.call == nil:
			errs = append(errs, fmt.Sprintf("builtin variable %s takes arguments but cannot be called", b.Name))
		case isAggregation(b.Name):
			errs = append(errs, fmt.Sprintf("builtin %s is also an aggregation", b.Name))
		}
		seen[b.Name] = true
	}
	return errs
}

func TestBuiltinTableComplete(t *testing.T) {
	for _, e := range builtinTableErrors(builtins[:]) {
		t.Error(e)
	}
	for id := range NumBuiltins {
		b := BuiltinByID(id)
		if got, ok := LookupBuiltin(b.Name); !ok || got != b {
			t.Errorf("LookupBuiltin(%q) does not find builtin %d", b.Name, id)
		}
	}
}

// TestBuiltinTableCheckFails makes sure the completeness check notices an
// entry without a type rule or a name.
func TestBuiltinTableCheckFails(t *testing.T) {
	for _, id := range []BuiltinID{BuiltinPid, BuiltinArgs, BuiltinStr} {
		table := builtins
		table[id].value, table[id].call = nil, nil
		if len(builtinTableErrors(table[:])) == 0 {
			t.Errorf("no error for builtin %s without a type rule", builtins[id].Name)
		}
		table = builtins
		table[id] = Builtin{}
		if len(builtinTableErrors(table[:])) == 0 {
			t.Errorf("no error for a missing builtin %s", builtins[id].Name)
		}
	}
}

// aggregationErrors lists what is missing in the descriptors.
func aggregationErrors(list []*Aggregation) []string {
	var errs []string
	for _, a := range list {
		switch {
		case a.Name == "" || a.TypeName == "":
			errs = append(errs, fmt.Sprintf("aggregation kind %d has no name", a.Kind))
		case a.Merge == nil:
			errs = append(errs, fmt.Sprintf("aggregation %s has no merge", a.Name))
		case a.SlotSize <= 0 || a.SlotSize%8 != 0 || a.Size <= 0:
			errs = append(errs, fmt.Sprintf("aggregation %s has slot size %d and size %d", a.Name, a.SlotSize, a.Size))
		case a.JSONType == "":
			errs = append(errs, fmt.Sprintf("aggregation %s has no JSON type", a.Name))
		case a.Buckets != (a.Layout != NoBuckets):
			errs = append(errs, fmt.Sprintf("aggregation %s: Buckets is %t but its layout is %d", a.Name, a.Buckets, a.Layout))
		case a.Args > 1 && a.params == nil:
			errs = append(errs, fmt.Sprintf("aggregation %s takes %d arguments and checks none after the first", a.Name, a.Args))
		}
	}
	return errs
}

func TestAggregationsComplete(t *testing.T) {
	list := Aggregations()
	if len(list) != len(aggregations) {
		t.Errorf("Aggregations() lists %d of %d descriptors: kinds are not consecutive from Count", len(list), len(aggregations))
	}
	for _, e := range aggregationErrors(list) {
		t.Error(e)
	}
	for _, a := range list {
		if !(&Type{Kind: a.Kind}).IsAggregation() {
			t.Errorf("%s: IsAggregation is false for its kind", a.Name)
		}
		if got := (&Type{Kind: a.Kind}).String(); got != a.TypeName {
			t.Errorf("%s: type prints as %s, want %s", a.Name, got, a.TypeName)
		}
	}
}

func TestAggregationsCheckFails(t *testing.T) {
	for _, a := range Aggregations() {
		broken := *a
		broken.Merge = nil
		if len(aggregationErrors([]*Aggregation{&broken})) == 0 {
			t.Errorf("no error for %s without a merge", a.Name)
		}
		broken = *a
		broken.JSONType = ""
		if len(aggregationErrors([]*Aggregation{&broken})) == 0 {
			t.Errorf("no error for %s without a JSON type", a.Name)
		}
		broken = *a
		broken.Buckets = !broken.Buckets
		if len(aggregationErrors([]*Aggregation{&broken})) == 0 {
			t.Errorf("no error for %s whose Buckets disagrees with its layout", a.Name)
		}
	}
	lhist := *AggregationOf(LHist)
	lhist.params = nil
	if len(aggregationErrors([]*Aggregation{&lhist})) == 0 {
		t.Errorf("no error for lhist without its parameter check")
	}
}

// TestBuiltinKinds checks that a builtin limited to some probe kinds is
// refused elsewhere, used as a variable or called. Today's builtins are
// valid everywhere, so the test limits two of them for its duration.
func TestBuiltinKinds(t *testing.T) {
	saved := builtins
	t.Cleanup(func() { builtins = saved })
	builtins[BuiltinPid].Kinds = []ProbeKind{IntervalProbe}
	builtins[BuiltinStr].Kinds = []ProbeKind{IntervalProbe}
	tests := []struct{ src, want string }{
		{"BEGIN { @x = pid; }", "1:14: error: pid is not valid in begin probes"},
		{"END { @x = pid(); }", "1:12: error: pid is not valid in end probes"},
		{`BEGIN { @x = str("a"); }`, "1:14: error: str is not valid in begin probes"},
		{"interval:s:1 { @x = pid; @y = str(\"a\"); }", ""},
	}
	for _, tt := range tests {
		prog, err := parser.Parse("", tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		_, err = Check(prog, &Config{})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: got error %q, want %q", tt.src, got, tt.want)
		}
	}
}

// providerErrors lists the probe kinds without a complete checker
// provider.
func providerErrors(table map[ProbeKind]*Provider) []string {
	var errs []string
	names := map[string]bool{}
	for k := range NumProbeKinds {
		p := table[k]
		switch {
		case p == nil:
			errs = append(errs, fmt.Sprintf("probe kind %d has no provider", k))
		case p.Kind != k || p.Name == "" || p.KindName == "":
			errs = append(errs, fmt.Sprintf("provider of probe kind %d is %d, named %q (%q)", k, p.Kind, p.Name, p.KindName))
		case p.resolve == nil:
			errs = append(errs, fmt.Sprintf("provider %s cannot resolve specs", p.Name))
		case p.Kind.Attached() != p.Attached:
			errs = append(errs, fmt.Sprintf("provider %s is attached %t, its kind %t", p.Name, p.Attached, p.Kind.Attached()))
		}
		if p == nil {
			continue
		}
		for _, s := range append([]string{p.Name}, p.Aliases...) {
			if names[s] || unsupportedProviders[s] != "" {
				errs = append(errs, fmt.Sprintf("provider spelling %s is used twice", s))
			}
			names[s] = true
		}
	}
	return errs
}

func TestProvidersComplete(t *testing.T) {
	for _, e := range providerErrors(providers) {
		t.Error(e)
	}
	if got := len(ProbeKinds()); got != int(NumProbeKinds) {
		t.Errorf("%d kinds have providers, want %d", got, NumProbeKinds)
	}
}

func TestProvidersCheckFails(t *testing.T) {
	for k := range NumProbeKinds {
		table := map[ProbeKind]*Provider{}
		for kk, p := range providers {
			if kk != k {
				table[kk] = p
			}
		}
		if len(providerErrors(table)) == 0 {
			t.Errorf("no error for probe kind %s without a provider", k)
		}
		broken := *providers[k]
		broken.resolve = nil
		table[k] = &broken
		if len(providerErrors(table)) == 0 {
			t.Errorf("no error for provider %s without resolve", k)
		}
	}
}
