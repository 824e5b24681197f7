package types

import "github.com/bpfscript/bpfscript/lang/ast"

// The profile provider: profile:hz:99 runs on every CPU at a rate. Its
// specs are written as interval's.
func init() {
	registerProvider(&Provider{
		Kind:     ProfileProbe,
		Name:     "profile",
		Aliases:  []string{"p"},
		KindName: "profile",
		Attached: true,
		resolve: func(c *checker, spec *ast.ProbeSpec, _ bool) []*AttachPoint {
			return c.timerSpec(spec, ProfileProbe)
		},
	})
}
