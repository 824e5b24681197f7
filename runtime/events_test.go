package runtime

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/types"
)

// TestOpenerCovers: an opener covers the attached points it was given,
// whatever became of them, and knows so before the kernel has opened
// anything; begin and end points are never its business.
func TestOpenerCovers(t *testing.T) {
	tp := func(event string) *types.AttachPoint {
		return &types.AttachPoint{Kind: types.TracepointProbe, Group: "bpfscript_no_such_group", Event: event}
	}
	a, b, c := tp("a"), tp("b"), tp("c")
	begin := &types.AttachPoint{Kind: types.BeginProbe}
	o := OpenEvents([]*types.AttachPoint{a, begin, b, a})
	defer o.Close()
	tests := []struct {
		name string
		aps  []*types.AttachPoint
		want bool
	}{
		{"the same points", []*types.AttachPoint{a, b}, true},
		{"some of them", []*types.AttachPoint{b}, true},
		{"with a begin point it did not open", []*types.AttachPoint{a, b, {Kind: types.EndProbe}}, true},
		{"another point", []*types.AttachPoint{a, c}, false},
		{"an equal point that is not the same", []*types.AttachPoint{tp("a")}, false},
	}
	for _, tt := range tests {
		if got := o.covers(tt.aps); got != tt.want {
			t.Errorf("%s: covers = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The points do not exist: each fails, in order, once.
	if _, err := o.wait(); err == nil {
		t.Fatal("wait: no error for tracepoints that do not exist")
	}
	if len(o.failed) != 2 || o.failed[0].ap != a || o.failed[1].ap != b {
		t.Errorf("failed = %v, want a then b", o.failed)
	}
}
