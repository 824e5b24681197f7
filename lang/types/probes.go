package types

import (
	"fmt"
	"slices"
	"sort"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Provider is one kind of probe to the checker, and through AttachPoint
// to the compiler: how its specs are spelled and resolved into attach
// points, and what code compiled for those depends on. Each provider is in
// a file of its own (probe_*.go), which registers it; runtime/attach keeps
// the matching attach provider.
type Provider struct {
	Kind ProbeKind
	// Name is the canonical provider name, as messages show it:
	// "BEGIN", "tracepoint".
	Name string
	// Aliases are the other spellings bpftrace accepts: "t".
	Aliases []string
	// KindName is what ProbeKind.String says: "begin", "tracepoint".
	KindName string
	// Attached says probes run when an event fires, through a link with a
	// cookie, rather than once as BEGIN and END do.
	Attached bool
	// Args says `args` denotes the probe's record, whose type the attach
	// point's Args gives.
	Args bool

	// resolve turns a spec naming this provider into attach points,
	// reporting what is wrong with it; needArgs says the block uses args.
	resolve func(c *checker, spec *ast.ProbeSpec, needArgs bool) []*AttachPoint
	// objectName is the base of the BPF program name of an attach
	// point; nil for KindName.
	objectName func(a *AttachPoint) string
	// userInts reports whether integers given to str() are user-space
	// addresses at an attach point; nil for never.
	userInts func(a *AttachPoint) bool
}

var (
	providers        = map[ProbeKind]*Provider{}
	providerSpelling = map[string]*Provider{} // every alias and name
)

// registerProvider adds a provider; each probe_*.go file registers its own.
func registerProvider(p *Provider) {
	if providers[p.Kind] != nil {
		panic(fmt.Sprintf("types: two providers for probe kind %d", p.Kind))
	}
	providers[p.Kind] = p
	for _, s := range append([]string{p.Name}, p.Aliases...) {
		providerSpelling[s] = p
	}
}

// ProviderOf returns the provider of probe kind k, or nil.
func ProviderOf(k ProbeKind) *Provider { return providers[k] }

// ProbeKinds returns the kinds that have a provider, in order.
func ProbeKinds() []ProbeKind {
	kinds := make([]ProbeKind, 0, len(providers))
	for k := range providers {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	return kinds
}

// unsupportedProviders maps the spellings of providers bpftrace knows and
// this implementation does not (yet) to their canonical names.
var unsupportedProviders = map[string]string{
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

// ObjectName is the base of the BPF program name for the attach point.
func (a *AttachPoint) ObjectName() string {
	if p := providers[a.Kind]; p != nil && p.objectName != nil {
		return p.objectName(a)
	}
	return a.Kind.String()
}

// UserInts reports whether integers given to str() at the attach point
// are user-space addresses (the arguments of syscall tracepoints), which
// decides the helper that reads them.
func (a *AttachPoint) UserInts() bool {
	p := providers[a.Kind]
	return p != nil && p.userInts != nil && p.userInts(a)
}

// resolution is what resolving a block's specs gave: its attach points and
// the errors about its specs. Both runs of the checker use the first
// resolution, so that the attach points handed to Config.Resolved are the
// ones in Info.
type resolution struct {
	aps  []*AttachPoint
	errs diag.List
}

// resolveProbes resolves the attach points of every block ahead of
// checking the blocks, and hands them to Config.Resolved when all
// resolved and they are not too many.
func (c *checker) resolveProbes(prog *ast.Program) {
	if prog == nil {
		return
	}
	var all []*AttachPoint
	ok := true
	for _, p := range prog.Probes {
		if p == nil {
			continue
		}
		r := c.resolve(p)
		ok = ok && len(r.errs) == 0
		all = append(all, r.aps...)
	}
	// Too many is an error (limitAttachPoints) that nothing should start
	// opening.
	if ok && len(all) <= maxAttachPoints && c.conf.Resolved != nil {
		c.conf.Resolved(all)
	}
}

// attachPoints returns the attach points of a block, reporting specs
// that are wrong.
func (c *checker) attachPoints(p *ast.Probe) []*AttachPoint {
	r := c.resolve(p)
	c.errs = append(c.errs, r.errs...)
	return r.aps
}

// resolve resolves the specs of a block, once per Check.
func (c *checker) resolve(p *ast.Probe) resolution {
	if r, ok := c.shared.resolved[p]; ok {
		return r
	}
	before := len(c.errs)
	aps := c.resolveSpecs(p)
	r := resolution{aps: aps, errs: slices.Clone(c.errs[before:])}
	c.errs = c.errs[:before]
	c.shared.resolved[p] = r
	return r
}

// resolveSpecs resolves the specs of a block into concrete attach points,
// reporting specs that are wrong. A tracepoint named twice (directly or
// through wildcards) is attached once.
func (c *checker) resolveSpecs(p *ast.Probe) []*AttachPoint {
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
	spec = c.substituteParams(spec)
	if p := providerSpelling[spec.Provider]; p != nil {
		return p.resolve(c, spec, needArgs)
	}
	if name, ok := unsupportedProviders[spec.Provider]; ok {
		c.errorf(spec, "probe type '%s' is not supported yet", name)
		return nil
	}
	c.errorf(spec, "unknown probe type '%s'%s", spec.Provider, unknownProviderHint(spec.Provider))
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
