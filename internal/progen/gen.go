package progen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Config shapes the generated programs. The zero value gives the defaults.
type Config struct {
	// MaxProbes bounds the number of probe blocks (default 4).
	MaxProbes int
	// MaxStmts bounds the statements of one block (default 10); nested
	// blocks get fewer.
	MaxStmts int
	// MaxDepth bounds the nesting of expressions (default 3).
	MaxDepth int
	// BeginEndOnly restricts the program to begin and end probes and to
	// exit codes of 0, so that it can be run to completion cheaply and any
	// non-zero exit status or error output means something went wrong.
	BeginEndOnly bool
	// SelfContained leaves out what needs other files: imports, headers
	// of the program's own and --include, so that Source alone is the
	// whole program (a fuzz seed).
	SelfContained bool
}

// Program is one generated program with the positional parameters it
// expects: $1 is an integer, $2 a string, $3 is left missing (it reads 0).
type Program struct {
	Seed   uint64
	Source string
	Params []string
	// NamedParams are the values given on the command line to the
	// program's getopt() parameters (--name=value); a parameter not
	// given takes its default.
	NamedParams map[string]string
	// Files are the other files the program reads, by slash-separated
	// path relative to the program's directory: the scripts it imports
	// and the headers it includes. Write puts them there.
	Files map[string]string
	// IncludeDirs are the -I directories and Includes the --include
	// headers, relative to the program's directory.
	IncludeDirs []string
	Includes    []string
}

// MainFile is the name Write gives the program in its directory.
const MainFile = "gen.bt"

// Write writes the program and its files into dir and returns the path of
// the program, which imports resolve against.
func (p Program) Write(dir string) (string, error) {
	for name, text := range p.Files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	path := filepath.Join(dir, MainFile)
	return path, os.WriteFile(path, []byte(p.Source), 0o644)
}

// InDir returns paths relative to the program's directory as paths in dir.
func InDir(dir string, paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Join(dir, filepath.FromSlash(p)))
	}
	return out
}

// Params are the positional parameters every generated program is written
// for.
var Params = []string{"42", "hello"}

// Generate returns the program of seed under conf. The same seed and
// configuration always give the same program.
func Generate(seed uint64, conf Config) Program {
	if conf.MaxProbes <= 0 {
		conf.MaxProbes = 4
	}
	if conf.MaxStmts <= 0 {
		conf.MaxStmts = 10
	}
	if conf.MaxDepth <= 0 {
		conf.MaxDepth = 3
	}
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), conf: conf, strLen: defaultStrLen, out: &strings.Builder{}}
	g.spell = rand.New(rand.NewPCG(seed^0x5bd1e9955bd1e995, seed))
	p := Program{Seed: seed, Params: append([]string(nil), Params...)}
	// The preamble comes first because it decides what the probes may
	// use: the macros, the string size and the named parameters.
	g.preamble(&p)
	g.declareMaps()
	g.declareParams()
	g.imports(&p)
	g.mapDecls()
	g.out.WriteString(macroDefs)
	n := 1 + g.r.IntN(conf.MaxProbes)
	for range n {
		g.probe()
	}
	g.writeUnwritten()
	p.Source = g.out.String()
	p.NamedParams = g.paramValues()
	return p
}

// macroDefs are defined at the top of every program, for expressions to
// call: an expression parameter used twice, and a variable parameter the
// macro changes, which the caller sees. (The #define macros of the
// preprocessor are gen.macros.)
const macroDefs = "macro pg_twice(x) { x + x }\nmacro pg_bump($v, n) { $v += n; $v }\n"

// gen is the state of one program being generated.
type gen struct {
	r *rand.Rand
	// spell chooses among spellings of the same program (spelling.go)
	// without drawing from r, so that a seed writes the program it wrote
	// before those spellings were added.
	spell *rand.Rand
	conf  Config
	out   *strings.Builder
	maps  []*mapDecl

	// Per probe.
	fields map[string]fieldKind // args fields usable in this probe; nil outside tracepoints
	scopes []scope              // innermost last; scopes[0] holds $x first assigned without let
	nvars  int                  // variables named so far in this probe
	// pure is set while writing a value that must read no map and no
	// variable (see mapStore).
	pure bool
	// probeKind is the current probe's provider: "begin", "end",
	// "interval", "profile" or "tracepoint", for builtins valid in some
	// kinds only.
	probeKind string
	// loops counts the loops around the statement being written (for
	// break and continue), nest the loops and unrolls, whose bodies
	// multiply the verifier's work.
	loops, nest int
	nloops      int // loops and unrolls written in this probe

	strLen   int           // max_strlen: buf()'s largest length
	macros   []macro       // #defines the program may use
	params   []*namedParam // getopt() parameters
	nimports int           // imported files written so far
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) pick(options ...string) string { return options[g.r.IntN(len(options))] }

// ---- maps ----

var aggNames = []string{"count", "sum", "avg", "min", "max", "stats", "hist", "lhist", "tseries"}

func (g *gen) declareMaps() {
	n := 2 + g.r.IntN(7)
	for i := range n {
		m := &mapDecl{name: fmt.Sprintf("@m%d", i)}
		if i == 0 && g.chance(0.2) {
			m.name = "@"
		}
		if g.chance(0.7) {
			m.key = g.keyType()
		}
		if g.chance(0.45) {
			m.agg = aggNames[g.r.IntN(len(aggNames))]
			if m.agg == "lhist" {
				m.lhMin = int64(g.r.IntN(200)) - 100
				m.lhStep = int64(1 + g.r.IntN(50))
				m.lhMax = m.lhMin + m.lhStep*int64(1+g.r.IntN(40))
			}
			if m.agg == "hist" && g.chance(0.3) {
				m.histBits = 1 + g.r.IntN(5)
			}
			if m.agg == "tseries" {
				// The interval and count are constants; a count above
				// the checker's limit (MaxTSeriesIntervals) is an error.
				m.tsInterval = g.pick("1s", "100ms", "1000000", "5s", "250ms")
				m.tsNum = 1 + g.r.IntN(30)
				m.tsAgg = g.pick("", "", `"avg"`, `"min"`, `"max"`, `"sum"`)
			}
		} else {
			m.val = g.valueType(2)
		}
		g.maps = append(g.maps, m)
	}
}

// keyType is a random map key: an integer, a string, the probe name, or a
// tuple of those (rarely nested).
func (g *gen) keyType() *typ {
	switch g.r.IntN(10) {
	case 0, 1, 2, 3:
		return intT
	case 4, 5, 6:
		return strT
	case 7:
		return probeT
	case 8:
		if g.chance(0.3) {
			return boolT
		}
	}
	n := 2 + g.r.IntN(3)
	elems := make([]*typ, n)
	for i := range elems {
		switch g.r.IntN(8) {
		case 0, 1, 2, 3:
			elems[i] = intT
		case 4, 5:
			elems[i] = strT
		case 6:
			elems[i] = probeT
		default:
			elems[i] = tupleOf(intT, strT)
		}
	}
	return tupleOf(elems...)
}

// valueType is a random type for a variable or a map value.
func (g *gen) valueType(depth int) *typ {
	switch n := g.r.IntN(11); {
	case n < 5 || depth <= 0 && n < 10:
		return intT
	case n < 8:
		return strT
	case n == 10:
		return boolT
	}
	elems := make([]*typ, 1+g.r.IntN(5))
	for i := range elems {
		elems[i] = g.valueType(depth - 1)
	}
	return tupleOf(elems...)
}

// mapsWhere lists the maps that satisfy ok.
// A pure expression reads no map: it gets none.
func (g *gen) mapsWhere(ok func(*mapDecl) bool) []*mapDecl {
	var out []*mapDecl
	if g.pure {
		return nil
	}
	for _, m := range g.maps {
		if ok(m) {
			out = append(out, m)
		}
	}
	return out
}

func (g *gen) pickMap(ok func(*mapDecl) bool) *mapDecl {
	ms := g.mapsWhere(ok)
	if len(ms) == 0 {
		return nil
	}
	return ms[g.r.IntN(len(ms))]
}

// mapRef writes a reference to m with a key of the right type: @m, @m[k],
// @m[a, b] or, for a tuple key, sometimes @m[(a, b)].
func (g *gen) mapRef(m *mapDecl, depth int) string {
	m.used = true
	if m.key == nil {
		return m.name
	}
	if m.key.k == kTuple && g.chance(0.8) {
		parts := make([]string, len(m.key.elems))
		for i, e := range m.key.elems {
			parts[i] = g.expr(e, depth)
		}
		return m.name + "[" + strings.Join(parts, ", ") + "]"
	}
	return m.name + "[" + g.expr(m.key, depth) + "]"
}

// aggCall is an aggregating call for m: count(), sum(x), lhist(x, ...).
func (g *gen) aggCall(m *mapDecl, depth int) string {
	switch m.agg {
	case "count":
		return "count()"
	case "lhist":
		x := g.expr(intT, depth)
		return fmt.Sprintf("lhist(%s, %s, %s, %d)", x, intLit(m.lhMin), g.lhistMax(m), m.lhStep)
	case "hist":
		if m.histBits > 0 {
			x := g.expr(intT, depth)
			return fmt.Sprintf("hist(%s, %s)", x, g.histBits(m.histBits))
		}
	case "tseries":
		agg := ""
		if m.tsAgg != "" {
			agg = ", " + m.tsAgg
		}
		x := g.expr(intT, depth)
		return fmt.Sprintf("tseries(%s, %s, %d%s)", x, g.tseriesInterval(m.tsInterval), m.tsNum, agg)
	}
	return m.agg + "(" + g.expr(intT, depth) + ")"
}

// intLit writes a possibly negative integer constant.
func intLit(v int64) string {
	if v < 0 {
		return fmt.Sprintf("-%d", -v)
	}
	return fmt.Sprint(v)
}

// writeUnwritten adds an end probe that stores into every map the program
// uses but never assigns, which the checker would reject, and into every
// map a for loop iterates over: a store whose key depends on nothing
// gives the map its key type even when the program's only other stores
// take their keys from the loop's variable, whose type is the map's.
func (g *gen) writeUnwritten() {
	var lines []string
	g.beginProbe(nil)
	g.probeKind = "end"
	g.pure = true
	for _, m := range g.maps {
		if m.used && !m.written || m.iterated {
			lines = append(lines, g.mapStore(m, 1))
		}
	}
	g.pure = false
	g.endProbe()
	if len(lines) == 0 {
		return
	}
	g.out.WriteString(g.pick("end", "END") + "\n{\n")
	for _, l := range lines {
		g.out.WriteString("\t" + l + ";\n")
	}
	g.out.WriteString("}\n")
}

// mapStore is a store into m: `@m[k] = value` or `@m[k] = agg(...)`.
//
// The checker learns a map's type from its stores, and a store whose value
// reads a map, or a variable that may hold a map's value, teaches it
// nothing until that other map is known: `$x = @a; @a = $x;` alone leaves
// @a untyped. So a map counts as written only once a store whose value
// reads no map and no variable (a pure one) gives it its type; other
// stores may read anything.
func (g *gen) mapStore(m *mapDecl, depth int) string {
	ref := g.mapRef(m, depth)
	wasPure := g.pure
	if g.chance(0.4) {
		g.pure = true
	}
	var value string
	if m.agg != "" {
		value = g.aggCall(m, depth)
	} else {
		value = g.expr(m.val, depth)
	}
	if g.pure {
		m.written = true
	}
	g.pure = wasPure
	return ref + " = " + value
}

// ---- probes ----

// fieldKind is how a tracepoint field can be used.
type fieldKind uint8

const (
	fInt    fieldKind = iota
	fStrPtr           // a user string pointer: str(args.f)
	fArray            // unsigned long[6]: args.f[i]
	fArgv             // const char *const *: join(args.f)
)

// tracepoint is an attach point with the fields of its args.
type tracepoint struct {
	spec   string // without the provider
	fields map[string]fieldKind
}

// tracepoints are the events programs attach to. Wildcards that match
// several events list only the fields every match has.
var tracepoints = []tracepoint{
	{"syscalls:sys_enter_getppid", map[string]fieldKind{"__syscall_nr": fInt}},
	{"syscalls:sys_exit_read", map[string]fieldKind{"__syscall_nr": fInt, "ret": fInt}},
	{"raw_syscalls:sys_enter", map[string]fieldKind{"id": fInt, "args": fArray}},
	{"raw_syscalls:sys_exit", map[string]fieldKind{"id": fInt, "ret": fInt}},
	{"syscalls:sys_enter_openat", map[string]fieldKind{"__syscall_nr": fInt, "dfd": fInt, "filename": fStrPtr, "flags": fInt, "mode": fInt}},
	{"syscalls:sys_enter_execve", map[string]fieldKind{"__syscall_nr": fInt, "filename": fStrPtr, "argv": fArgv, "envp": fArgv}},
	{"syscalls:sys_exit_getpp*", map[string]fieldKind{"__syscall_nr": fInt, "ret": fInt}},
	{"syscalls:sys_exit_readlink*", map[string]fieldKind{"__syscall_nr": fInt, "ret": fInt}},
}

// probe writes one probe block.
func (g *gen) probe() {
	var specs []string
	var fields map[string]fieldKind
	switch n := g.r.IntN(20); {
	case g.conf.BeginEndOnly && n < 13, !g.conf.BeginEndOnly && n < 5:
		specs = []string{g.pick("begin", "BEGIN")}
	case g.conf.BeginEndOnly, n < 7:
		specs = []string{g.pick("end", "END")}
	case n < 9:
		specs = []string{g.pick("interval", "i") + ":" + g.pick("s:1", "ms:100", "us:250000", "hz:3", "1s", "500ms")}
	case n < 11:
		specs = []string{g.pick("profile", "p") + ":" + g.pick("hz:99", "hz:49", "ms:10", "10ms")}
	default:
		tp := tracepoints[g.r.IntN(len(tracepoints))]
		specs = []string{g.pick("tracepoint", "t") + ":" + tp.spec}
		fields = tp.fields
		if g.chance(0.2) {
			// A second tracepoint in the same block: args keeps only the
			// fields both have, with the same types.
			tp2 := tracepoints[g.r.IntN(len(tracepoints))]
			if tp2.spec != tp.spec {
				specs = append(specs, "tracepoint:"+tp2.spec)
				common := map[string]fieldKind{}
				for f, k := range fields {
					if k2, ok := tp2.fields[f]; ok && k2 == k && (f == "__syscall_nr" || f == "ret") {
						common[f] = k
					}
				}
				fields = common
			}
		}
	}
	g.beginProbe(fields)
	g.probeKind = probeKindOf(specs[0])
	g.out.WriteString(strings.Join(specs, ", "))
	if g.chance(0.3) {
		g.out.WriteString(" /" + g.cond(2) + "/")
	}
	g.out.WriteString("\n{\n")
	g.block(1, g.conf.MaxStmts)
	g.out.WriteString("}\n")
	g.endProbe()
}

func (g *gen) beginProbe(fields map[string]fieldKind) {
	g.fields = fields
	g.scopes = []scope{nil}
	g.nvars = 0
	g.nloops = 0
}

func (g *gen) endProbe() {
	g.fields = nil
	g.scopes = nil
	g.probeKind = ""
}

// probeKindOf is the provider of an attach point as the generator writes
// it: begin, end, interval, profile or tracepoint.
func probeKindOf(spec string) string {
	provider, _, _ := strings.Cut(strings.ToLower(spec), ":")
	switch provider {
	case "i":
		return "interval"
	case "p":
		return "profile"
	case "t":
		return "tracepoint"
	}
	return provider
}

// ---- variables ----

// vars lists the visible variables that satisfy ok; none in a pure
// expression.
func (g *gen) vars(ok func(*variable) bool) []*variable {
	var out []*variable
	if g.pure {
		return nil
	}
	for _, s := range g.scopes {
		for _, v := range s {
			if ok(v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// varOf returns a visible variable holding a value of type t, if any.
func (g *gen) varOf(t *typ) *variable {
	vs := g.vars(func(v *variable) bool { return v.t != nil && same(v.t, t) })
	if len(vs) == 0 {
		return nil
	}
	return vs[g.r.IntN(len(vs))]
}

// mutableVarOf is varOf for a variable that statements may assign: not
// a loop's counter.
func (g *gen) mutableVarOf(t *typ) *variable {
	vs := g.vars(func(v *variable) bool { return v.t != nil && same(v.t, t) && !v.fixed })
	if len(vs) == 0 {
		return nil
	}
	return vs[g.r.IntN(len(vs))]
}

// newVarName returns a name that no visible variable has. Names are reused
// across probes and sibling blocks, where they are different variables.
func (g *gen) newVarName() string {
	for {
		name := fmt.Sprintf("$v%d", g.nvars)
		g.nvars++
		if len(g.vars(func(v *variable) bool { return v.name == name })) == 0 {
			return name
		}
	}
}

func (g *gen) declare(scopeIndex int, name string, t *typ) {
	g.scopes[scopeIndex] = append(g.scopes[scopeIndex], &variable{name: name, t: t})
}
