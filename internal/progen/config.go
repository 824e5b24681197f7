package progen

import (
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript/lang/config"
)

// The config block (lang/config) and named parameters (getopt).

// defaultStrLen is max_strlen when the program does not set it.
const defaultStrLen = config.DefaultMaxStrLen

// configVar is a config variable with values the generator may give it.
type configVar struct {
	name   string
	values func(g *gen) string
}

func one(values ...string) func(*gen) string {
	return func(g *gen) string { return g.pick(values...) }
}

// configVars are every config variable of lang/config (TestConfigVars
// checks that none is missing), with values that keep a valid program
// valid. The ones that change code generation come first and are chosen
// most often.
var configVars = []configVar{
	// max_strlen sizes every str() buffer and bounds buf()'s length
	// (g.strLen): small ones cut strings short, big ones push buffers
	// off the 512-byte stack into scratch maps.
	{"max_strlen", func(g *gen) string {
		n := []int{1, 8, 16, 33, 64, 100, 128, 200, 256, 512, 1024}[g.r.IntN(11)]
		g.strLen = n
		return fmt.Sprint(n)
	}},
	// max_map_keys sizes every map: small ones fill up, which is a
	// warning at run time, not an error.
	{"max_map_keys", one("1", "2", "10", "128", "4096", "65536")},
	{"on_stack_limit", one("0", "8", "32", "64", "512")},
	// perf_rb_pages sizes the event ring buffer (rounded up to a power
	// of two pages).
	{"perf_rb_pages", one("1", "3", "8", "64", "512")},
	{"str_trunc_trailer", one(`""`, `".."`, `"~"`, `"[...]"`)},
	{"print_maps_on_exit", one("true", "false", "1", "0")},
	// missing_probes matters only for probes that are not there.
	{"missing_probes", one("error", "warn", "ignore", `"warn"`)},
	// license must stay GPL-compatible: the kernel refuses helpers the
	// programs call (bpf_probe_read_*, bpf_trace_printk) to others.
	{"license", one(`"GPL"`, `"Dual BSD/GPL"`, `"GPL v2"`)},
	// log_size is the verifier log's size, used only when loading
	// fails; too small a log would hide the reason.
	{"log_size", one("1000000", "65536", "16777216")},
	// max_bpf_progs and max_probes must cover the program: a wildcard
	// tracepoint attaches several probes.
	{"max_bpf_progs", one("64", "1024", "5000")},
	{"max_probes", one("64", "1024", "100000")},
	{"max_cat_bytes", one("1", "100", "10240")},
	{"cache_user_symbols", one("PER_PROGRAM", "PER_PID", "NONE")},
	{"cpp_demangle", one("true", "false")},
	{"lazy_symbolication", one("true", "false")},
	{"show_debug_info", one("true", "false")},
	{"stack_mode", one("bpftrace", "perf", "raw", "build_id")},
	{"unstable_tseries", one("warn", "enable", "error")},
	{"unstable_dw_ustack", one("warn", "enable")},
	{"unstable_macro", one("warn", "enable")},
	{"unstable_map_decl", one("warn", "enable")},
	{"unstable_import", one("warn", "enable")},
}

// configBlock writes `config = { ... }` with a few distinct variables,
// spelled as the variable, in upper case or as its environment variable.
func (g *gen) configBlock() {
	if !g.chance(0.35) {
		return
	}
	var items []string
	seen := map[int]bool{}
	for range 1 + g.r.IntN(5) {
		i := g.r.IntN(len(configVars))
		if g.chance(0.5) {
			i = g.r.IntN(5) // the ones that change the code
		}
		if seen[i] {
			continue // a variable set twice is an error
		}
		seen[i] = true
		v := configVars[i]
		name := v.name
		switch g.r.IntN(6) {
		case 0:
			name = strings.ToUpper(name)
		case 1:
			name = "BPFTRACE_" + strings.ToUpper(name)
		}
		items = append(items, name+" = "+v.values(g))
	}
	sep := g.pick("; ", ";\n\t", "; ")
	end := g.pick("", ";")
	g.out.WriteString("config = {\n\t" + strings.Join(items, sep) + end + "\n}\n")
}

// namedParam is a getopt() parameter: every getopt() of a name must give
// the same type and default, so the generator writes the same call each
// time.
type namedParam struct {
	call  string // getopt("name", default, "description")
	t     *typ
	value string // the command line's value; "" for the default
	used  bool
}

// declareParams chooses the program's named parameters and the values
// the command line gives them.
func (g *gen) declareParams() {
	if !g.chance(0.3) {
		return
	}
	for i := range 1 + g.r.IntN(3) {
		name := fmt.Sprintf("%s%d", g.pick("opt", "verbose", "max-count", "name_x"), i)
		p := &namedParam{}
		var def string
		switch g.r.IntN(4) {
		case 0:
			p.t, def = intT, fmt.Sprint(g.r.IntN(100))
			if g.chance(0.5) {
				p.value = g.pick("0", "17", "-3", "0x10", "9223372036854775807")
			}
		case 1:
			p.t, def = strT, g.strLiteral()
			if g.chance(0.5) {
				p.value = g.pick("", "value", "a longer value with spaces", "x=y")
			}
		case 2:
			p.t, def = boolT, g.pick("true", "false")
			if g.chance(0.5) {
				p.value = g.pick("true", "false", "1", "0")
			}
		default:
			// No default: a bool, false unless given.
			p.t = boolT
			if g.chance(0.5) {
				p.value = g.pick("true", "0")
			}
		}
		p.call = fmt.Sprintf("getopt(%q", name)
		if def != "" {
			p.call += ", " + def
			if g.chance(0.5) {
				p.call += fmt.Sprintf(", %q", "the "+name)
			}
		}
		p.call += ")"
		if p.value != "" {
			// Remember the name for the command line.
			p.value = name + "=" + p.value
		}
		g.params = append(g.params, p)
	}
}

// paramUse is a getopt() call of type t, or "" when no parameter has it.
func (g *gen) paramUse(t *typ) string {
	var ps []*namedParam
	for _, p := range g.params {
		if p.t.k == t.k {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	p := ps[g.r.IntN(len(ps))]
	p.used = true
	return p.call
}

// paramValues are the command line's values of the parameters the
// program uses: a value for a name no getopt() declares is an error.
func (g *gen) paramValues() map[string]string {
	var out map[string]string
	for _, p := range g.params {
		if !p.used || p.value == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		name, value, _ := strings.Cut(p.value, "=")
		out[name] = value
	}
	return out
}
