package attach

import (
	"fmt"
	"testing"

	"github.com/cilium/ebpf"

	"github.com/bpfscript/bpfscript/lang/types"
)

// providerErrors lists the probe kinds table has no complete attach
// provider for: a program type, and a way to open events for every kind
// that is attached.
func providerErrors(table map[types.ProbeKind]*provider) []string {
	var errs []string
	for k := range types.NumProbeKinds {
		p := table[k]
		switch {
		case p == nil:
			errs = append(errs, fmt.Sprintf("probe kind %s has no attach provider", k))
		case p.programType == ebpf.UnspecifiedProgram:
			errs = append(errs, fmt.Sprintf("probe kind %s has no program type", k))
		case k.Attached() != (p.open != nil):
			errs = append(errs, fmt.Sprintf("probe kind %s: attached %t, but opens events: %t", k, k.Attached(), p.open != nil))
		}
	}
	return errs
}

func TestProvidersComplete(t *testing.T) {
	for _, e := range providerErrors(providers) {
		t.Error(e)
	}
}

func TestProvidersCheckFails(t *testing.T) {
	for k := range types.NumProbeKinds {
		table := map[types.ProbeKind]*provider{}
		for kk, p := range providers {
			if kk != k {
				table[kk] = p
			}
		}
		if len(providerErrors(table)) == 0 {
			t.Errorf("no error for probe kind %s without an attach provider", k)
		}
		broken := *providers[k]
		broken.programType = ebpf.UnspecifiedProgram
		table[k] = &broken
		if len(providerErrors(table)) == 0 {
			t.Errorf("no error for probe kind %s without a program type", k)
		}
	}
}
