package shell

import (
	"sort"
	"strings"
	"sync"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

// completer completes the word before the cursor: commands, probe types,
// tracepoint and kernel function names at the start of a block, args fields of the block's
// tracepoint after "args." or "args->", map names after "@", and builtins,
// functions and map names elsewhere.
type completer struct {
	sess    *bpfscript.Session // nil in tests of the static parts
	pending func() string      // the lines of the block typed so far
	fs      *tracefs.FS        // nil means the system's

	once        sync.Once
	tracepoints []string // "group:event", read once, at the first completion that needs them
	funcsOnce   sync.Once
	funcs       []string // kernel function names, sorted, read once likewise
}

// complete is liner's WordCompleter.
func (c *completer) complete(line string, pos int) (head string, completions []string, tail string) {
	before, tail := line[:pos], line[pos:]
	start := len(before)
	for start > 0 && isCompletionByte(before[start-1]) {
		start--
	}
	head, word := before[:start], before[start:]
	pending := ""
	if c.pending != nil {
		pending = c.pending()
	}
	switch {
	case pending == "" && strings.TrimSpace(head) == "" && strings.HasPrefix(word, ":"):
		return head, c.commands(word), tail
	case strings.HasSuffix(head, "args.") || strings.HasSuffix(head, "args->"):
		return head, c.fields(pending+before, word), tail
	case strings.HasPrefix(word, "@"):
		return head, c.maps(word), tail
	case strings.Contains(word, ":"):
		return head, c.probes(word), tail
	case pending == "" && strings.TrimSpace(head) == "":
		// The first word of a chunk: a probe, or a statement.
		return head, sorted(append(c.providers(word), c.functions(word)...)), tail
	}
	return head, sorted(append(c.functions(word), c.maps(word)...)), tail
}

func isCompletionByte(b byte) bool {
	return isWordByte(b) || b == ':' || b == '@' || b == '*'
}

func (c *completer) commands(word string) []string {
	var out []string
	for _, cmd := range commands {
		if strings.HasPrefix(":"+cmd.name, word) {
			out = append(out, ":"+cmd.name)
		}
	}
	return out
}

// providers are the probe types: "tracepoint:", "t:", "begin".
func (c *completer) providers(word string) []string {
	var out []string
	for _, k := range types.ProbeKinds() {
		p := types.ProviderOf(k)
		for _, name := range append([]string{p.Name, p.KindName}, p.Aliases...) {
			if p.Attached {
				name += ":" // begin and BEGIN are whole
			}
			if strings.HasPrefix(name, word) && !contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// probes completes a probe spec: a tracepoint's group, then its event.
func (c *completer) probes(word string) []string {
	provider, rest, _ := strings.Cut(word, ":")
	p := providerNamed(provider)
	if p == nil {
		return nil
	}
	if p.Kind == types.KprobeProbe || p.Kind == types.KretprobeProbe {
		return c.kernelFuncs(provider, rest)
	}
	if p.Kind != types.TracepointProbe {
		var out []string
		for _, n := range fixedProbeNames(p) {
			n = strings.TrimSuffix(n, "N")
			n = provider + n[strings.Index(n, ":"):]
			if strings.HasPrefix(n, word) {
				out = append(out, n)
			}
		}
		return out
	}
	c.once.Do(c.readTracepoints)
	var out []string
	hasEvent := strings.Contains(rest, ":")
	for _, tp := range c.tracepoints {
		if !strings.HasPrefix(tp, rest) {
			continue
		}
		name := provider + ":" + tp
		if !hasEvent {
			// Groups first: hundreds of events would hide them.
			g, _, _ := strings.Cut(tp, ":")
			name = provider + ":" + g + ":"
		}
		if len(out) == 0 || out[len(out)-1] != name {
			out = append(out, name)
		}
	}
	return out
}

func (c *completer) readTracepoints() {
	names, err := c.tracefs().Tracepoints("*", "*")
	if err == nil {
		c.tracepoints = names
	}
}

// kernelFuncs completes the function of a kprobe spec, rest being what
// follows the provider: a function, or a module and a function. The list of
// traceable functions is long (tens of thousands), so it is read once and
// searched by prefix; liner asks before it prints more than a screenful.
func (c *completer) kernelFuncs(provider, rest string) []string {
	module, prefix, hasModule := strings.Cut(rest, ":")
	var names []string
	if hasModule {
		// Functions of one module are few: ask for them.
		if strings.ContainsAny(prefix, "*?[\\") {
			return nil
		}
		names, _ = c.tracefs().KernelFuncs(module, prefix+"*")
		provider += ":" + module
	} else {
		prefix = rest
		c.funcsOnce.Do(func() { c.funcs, _ = c.tracefs().KernelFuncNames() })
		i := sort.SearchStrings(c.funcs, prefix)
		j := i
		for j < len(c.funcs) && strings.HasPrefix(c.funcs[j], prefix) {
			j++
		}
		names = c.funcs[i:j]
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = provider + ":" + n
	}
	return out
}

// tracefs returns the tracefs the completer reads.
func (c *completer) tracefs() *tracefs.FS {
	if c.fs == nil {
		c.fs = tracefs.New()
	}
	return c.fs
}

// providerNamed returns the provider spelled name, or nil.
func providerNamed(name string) *types.Provider {
	for _, k := range types.ProbeKinds() {
		p := types.ProviderOf(k)
		if p.Name == name || p.KindName == name || contains(p.Aliases, name) {
			return p
		}
	}
	return nil
}

// fields completes a field of the tracepoint the block is on.
func (c *completer) fields(text, word string) []string {
	spec := leadingSpec(text)
	provider, rest, _ := strings.Cut(spec, ":")
	p := providerNamed(provider)
	group, event, ok := strings.Cut(rest, ":")
	if p == nil || p.Kind != types.TracepointProbe || !ok || strings.ContainsAny(rest, "*?[") {
		return nil
	}
	fs := c.fs
	if fs == nil {
		fs = tracefs.New()
	}
	f, err := fs.TracepointFormat(group, event)
	if err != nil {
		return nil
	}
	var out []string
	for _, fld := range f.Fields {
		if name := fieldName(fld.Decl); strings.HasPrefix(name, word) {
			out = append(out, name)
		}
	}
	return sorted(out)
}

// leadingSpec returns the first probe spec of a block: its first word.
func leadingSpec(text string) string {
	text = strings.TrimLeft(text, " \t\n")
	n := 0
	for n < len(text) && (isWordByte(text[n]) || text[n] == ':' || text[n] == '*') {
		n++
	}
	return text[:n]
}

// fieldName is the declared name in a format file's C declaration:
// "const char * filename" is "filename", "unsigned long args[6]" is "args".
func fieldName(decl string) string {
	decl = strings.TrimSpace(decl)
	if i := strings.LastIndex(decl, "["); i >= 0 && strings.HasSuffix(decl, "]") {
		decl = strings.TrimSpace(decl[:i])
	}
	if i := strings.LastIndexAny(decl, " *"); i >= 0 {
		return decl[i+1:]
	}
	return decl
}

// functions are the builtins (variables and functions) and aggregations.
func (c *completer) functions(word string) []string {
	var out []string
	for id := types.BuiltinID(0); id < types.NumBuiltins; id++ {
		if b := types.BuiltinByID(id); b != nil && b.Name != "" && strings.HasPrefix(b.Name, word) {
			out = append(out, b.Name)
		}
	}
	for _, a := range types.Aggregations() {
		if strings.HasPrefix(a.Name, word) && !contains(out, a.Name) {
			out = append(out, a.Name)
		}
	}
	return out
}

// maps are the session's map names.
func (c *completer) maps(word string) []string {
	if c.sess == nil {
		return nil
	}
	var out []string
	for _, m := range c.sess.MapInfo() {
		if strings.HasPrefix(m.Name, word) {
			out = append(out, m.Name)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
