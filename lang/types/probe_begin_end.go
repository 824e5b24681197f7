package types

import "github.com/bpfscript/bpfscript/lang/ast"

// The BEGIN and END providers: blocks run once, before the attached probes
// start and after they stop. The probe builtin is the spec as written, so
// that `begin` prints as begin.
func init() {
	for _, p := range []*Provider{
		{Kind: BeginProbe, Name: "BEGIN", Aliases: []string{"begin"}, KindName: "begin"},
		{Kind: EndProbe, Name: "END", Aliases: []string{"end"}, KindName: "end"},
	} {
		p.resolve = func(c *checker, spec *ast.ProbeSpec, _ bool) []*AttachPoint {
			if len(spec.Parts) != 0 {
				c.errorf(spec, "%s probe takes no arguments", p.Name)
				return nil
			}
			return []*AttachPoint{{Kind: p.Kind, Spec: spec, Name: spec.Provider}}
		}
		registerProvider(p)
	}
}
