package types

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/internal/suggest"
	"github.com/bpfscript/bpfscript/lang/ast"
)

// The kprobe and kretprobe providers: kprobe[:module]:function[+offset] runs
// when a kernel function starts (or reaches the offset), kretprobe when it
// returns. Wildcards expand against the functions the kernel can trace
// (Env.KernelFuncs). The arguments are arg0..argN, the return value retval
// (builtins_kprobe.go), both read from the pt_regs the program is given.
func init() {
	for _, p := range []*Provider{
		{Kind: KprobeProbe, Name: "kprobe", Aliases: []string{"k"}, KindName: "kprobe"},
		{Kind: KretprobeProbe, Name: "kretprobe", Aliases: []string{"kr"}, KindName: "kretprobe"},
	} {
		p.Attached = true
		p.resolve = func(c *checker, spec *ast.ProbeSpec, _ bool) []*AttachPoint {
			return c.kprobeSpec(spec, p)
		}
		// The function names the program: vfs_read.
		p.objectName = func(a *AttachPoint) string { return a.Func }
		registerProvider(p)
	}
}

// kprobeSpec expands kprobe[:module]:function[+offset] into one attach point
// per matching kernel function.
func (c *checker) kprobeSpec(spec *ast.ProbeSpec, p *Provider) []*AttachPoint {
	var module, fn string
	switch len(spec.Parts) {
	case 1:
		fn = spec.Parts[0]
	case 2:
		module, fn = spec.Parts[0], spec.Parts[1]
	}
	if fn == "" || len(spec.Parts) == 2 && module == "" {
		c.errorf(spec, "%s probe must be %s[:module]:function", p.Name, p.Name)
		return nil
	}
	fn, offText, hasOffset := strings.Cut(fn, "+")
	wild := strings.ContainsAny(fn, "*?[")
	var offset uint64
	if hasOffset {
		var err error
		offset, err = strconv.ParseUint(offText, 0, 64)
		switch {
		case p.Kind == KretprobeProbe:
			c.errorf(spec, "kretprobe cannot take an offset: it runs when the function returns")
			return nil
		case err != nil:
			c.errorf(spec, "kprobe offset must be an integer, not '%s'", offText)
			return nil
		case wild:
			c.errorf(spec, "kprobe offset cannot be used with a wildcard function")
			return nil
		}
	}
	if c.conf.Env == nil {
		c.errorf(spec, "cannot resolve %s: no tracing environment", spec.Raw)
		return nil
	}
	names, err := c.expandKernelFuncs(module, fn)
	switch {
	case err != nil && !wild && module == "":
		// Where the kernel will not list its functions, a plain name is
		// taken on trust: attaching says whether it exists.
		names = []string{fn}
	case err != nil:
		c.errorf(spec, "cannot expand %s: %v", spec.Raw, err)
		return nil
	case len(names) == 0 && wild:
		c.errorf(spec, "no kernel function matches %s", strings.TrimPrefix(spec.Raw, spec.Provider+":"))
		return nil
	case len(names) == 0 && module != "":
		c.errorf(spec, "kernel function not found in module %s: %s%s", module, fn, c.kernelFuncHint(p, module, fn))
		return nil
	case len(names) == 0:
		c.errorf(spec, "kernel function not found: %s%s", fn, c.kernelFuncHint(p, module, fn))
		return nil
	}
	prefix := p.Name + ":"
	if module != "" {
		prefix += module + ":"
	}
	out := make([]*AttachPoint, 0, len(names))
	for _, name := range names {
		ap := &AttachPoint{Kind: p.Kind, Spec: spec, Name: prefix + name, Func: name, Module: module, Offset: offset}
		if hasOffset {
			ap.Name += "+" + offText
		}
		out = append(out, ap)
	}
	return out
}

// expandKernelFuncs asks the environment for the functions a pattern names,
// once per Check, as expandTracepoints does for tracepoints.
func (c *checker) expandKernelFuncs(module, pattern string) ([]string, error) {
	key := "\x00kprobe\x00" + module + "\x00" + pattern
	if r, ok := c.shared.expansions[key]; ok {
		return r.names, r.err
	}
	names, err := c.conf.Env.KernelFuncs(module, pattern)
	c.shared.expansions[key] = expansion{names, err}
	return names, err
}

// kernelFuncHint suggests the traceable function closest to fn.
func (c *checker) kernelFuncHint(p *Provider, module, fn string) string {
	if strings.ContainsAny(fn, "*?[") {
		return ""
	}
	all, err := c.expandKernelFuncs(module, "*")
	if err != nil {
		return ""
	}
	best, ok := suggest.Closest(fn, all)
	if !ok {
		return ""
	}
	if module != "" {
		return fmt.Sprintf(": did you mean '%s:%s:%s'?", p.Name, module, best)
	}
	return fmt.Sprintf(": did you mean '%s:%s'?", p.Name, best)
}
