package compiler

import (
	"fmt"
	"testing"

	"github.com/bpfscript/bpfscript/lang/types"
)

// loweringErrors lists the builtins the table does not lower the way the
// checker lets them be used.
func loweringErrors(table []lowering) []string {
	var errs []string
	for id := range types.NumBuiltins {
		bi := types.BuiltinByID(id)
		if int(id) >= len(table) {
			errs = append(errs, fmt.Sprintf("builtin %s has no lowering", bi.Name))
			continue
		}
		l := table[id]
		switch {
		case bi.IsVar() && l.value == nil:
			errs = append(errs, fmt.Sprintf("builtin variable %s has no value lowering", bi.Name))
		case !bi.IsVar() && bi.Callable() && l.call == nil:
			errs = append(errs, fmt.Sprintf("builtin function %s has no call lowering", bi.Name))
		}
	}
	return errs
}

func TestLoweringsComplete(t *testing.T) {
	for _, e := range loweringErrors(lowerings[:]) {
		t.Error(e)
	}
}

func TestLoweringsCheckFails(t *testing.T) {
	for _, id := range []types.BuiltinID{types.BuiltinPid, types.BuiltinPrintf, types.BuiltinLen} {
		table := lowerings
		table[id] = lowering{}
		if len(loweringErrors(table[:])) == 0 {
			t.Errorf("no error for builtin %s without a lowering", types.BuiltinByID(id).Name)
		}
	}
	if len(loweringErrors(lowerings[:types.BuiltinLen])) == 0 {
		t.Errorf("no error for a table missing the last builtin")
	}
}

// aggLoweringErrors lists the aggregations whose code is missing from
// table or does not match their descriptor.
func aggLoweringErrors(table map[types.Kind]*aggLowering) []string {
	var errs []string
	for _, a := range types.Aggregations() {
		l := table[a.Kind]
		switch {
		case l == nil:
			errs = append(errs, fmt.Sprintf("aggregation %s has no code", a.Name))
		case l.custom == nil && (l.update == nil || l.init == nil):
			errs = append(errs, fmt.Sprintf("aggregation %s has no update or init code", a.Name))
		case a.Buckets != (l.bucket != nil):
			errs = append(errs, fmt.Sprintf("aggregation %s: Buckets is %t but bucket code is set: %t", a.Name, a.Buckets, l.bucket != nil))
		case a.Readable != (l.read != nil):
			errs = append(errs, fmt.Sprintf("aggregation %s: Readable is %t but read code is set: %t", a.Name, a.Readable, l.read != nil))
		case l.value && a.Args == 0:
			errs = append(errs, fmt.Sprintf("aggregation %s uses a value but takes no arguments", a.Name))
		}
	}
	return errs
}

func TestAggLoweringsComplete(t *testing.T) {
	for _, e := range aggLoweringErrors(aggLowerings) {
		t.Error(e)
	}
}

func TestAggLoweringsCheckFails(t *testing.T) {
	for _, a := range types.Aggregations() {
		table := map[types.Kind]*aggLowering{}
		for k, l := range aggLowerings {
			table[k] = l
		}
		delete(table, a.Kind)
		if len(aggLoweringErrors(table)) == 0 {
			t.Errorf("no error for aggregation %s without code", a.Name)
		}
		broken := *aggLowerings[a.Kind]
		broken.init, broken.custom = nil, nil
		table[a.Kind] = &broken
		if len(aggLoweringErrors(table)) == 0 {
			t.Errorf("no error for aggregation %s without init code", a.Name)
		}
	}
}
