package progen

import (
	"fmt"
	"strings"
)

// The C preprocessor subset (lang/preproc): #include of built-in headers,
// of the program's own headers (from its directory, from -I directories
// and by --include), #define of object- and function-like macros that the
// probes then use, and #if/#ifdef/#ifndef/#else/#endif around statements.

// macro is a #define the probes may use.
type macro struct {
	name string
	t    *typ // intT or strT: what the macro expands to
	// params is a function-like macro's parameter count (its arguments
	// are integers), -1 for an object-like one.
	params int
	// value is an integer macro's value when it is known (known), for
	// #if conditions and static_assert.
	value int64
	known bool
}

// headerMacro is an integer constant of a built-in header. The table is
// the generator's own (the headers are embedded in lang/preproc);
// TestHeaderMacros checks that each header defines its names.
type headerMacro struct {
	header string
	names  []string
}

var headerMacros = []headerMacro{
	{"linux/sched.h", []string{"TASK_COMM_LEN", "TASK_RUNNING", "TASK_INTERRUPTIBLE"}},
	{"asm-generic/errno-base.h", []string{"EPERM", "ENOENT", "EINTR"}},
	{"linux/fcntl.h", []string{"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"}},
	{"net/tcp_states.h", []string{"TCP_ESTABLISHED", "TCP_SYN_SENT"}},
	{"linux/socket.h", []string{"AF_UNIX", "AF_INET", "AF_INET6", "PF_INET"}},
	{"linux/limits.h", []string{"NR_OPEN", "NGROUPS_MAX"}},
	{"linux/signal.h", []string{"SIGHUP", "SIGINT"}},
}

// preamble writes what comes before the probes: preprocessor lines, the
// config block and the program's own headers.
func (g *gen) preamble(p *Program) {
	var lines []string
	if g.chance(0.3) {
		for range 1 + g.r.IntN(2) {
			h := headerMacros[g.r.IntN(len(headerMacros))]
			lines = append(lines, "#include <"+h.header+">")
			for _, name := range h.names {
				g.addMacro(macro{name: name, t: intT, params: -1})
			}
		}
	}
	if g.chance(0.3) {
		for range 1 + g.r.IntN(4) {
			lines = append(lines, g.define("K"))
		}
	}
	if !g.conf.SelfContained && g.chance(0.2) {
		g.ownHeaders(p, &lines)
	}
	if g.chance(0.1) {
		// A conditional at the top: the branch not taken holds lines
		// that would not parse, which the preprocessor must drop.
		name := fmt.Sprintf("DBG%d", len(g.macros))
		lines = append(lines, "#ifndef "+name, "#define "+name+" 1", "#else", "this line is skipped (", "#endif")
		g.addMacro(macro{name: name, t: intT, params: -1, value: 1, known: true})
	}
	for _, l := range lines {
		g.out.WriteString(l + "\n")
	}
	g.configBlock()
}

func (g *gen) addMacro(m macro) { g.macros = append(g.macros, m) }

// define writes one #define with a name starting with prefix and records
// the macro: an integer or string constant, an expression of earlier
// macros, or a function-like macro of integers.
func (g *gen) define(prefix string) string {
	name := fmt.Sprintf("%s%d", prefix, len(g.macros))
	switch g.r.IntN(6) {
	case 0, 1:
		v := int64(g.r.IntN(1000))
		g.addMacro(macro{name: name, t: intT, params: -1, value: v, known: true})
		return fmt.Sprintf("#define %s %d", name, v)
	case 2:
		s := strWords[g.r.IntN(len(strWords))]
		g.addMacro(macro{name: name, t: strT, params: -1})
		return fmt.Sprintf("#define %s \"%s\"", name, s)
	case 3:
		if m := g.intMacro(-1); m != nil {
			g.addMacro(macro{name: name, t: intT, params: -1})
			return fmt.Sprintf("#define %s (%s * 2 + 1)", name, m.name)
		}
		g.addMacro(macro{name: name, t: intT, params: -1, value: 7, known: true})
		return fmt.Sprintf("#define %s 7", name)
	case 4:
		// No division: F(x, 0) with constant arguments would divide a
		// constant by zero, which the checker refuses.
		op := g.pick("+", "-", "*", "&", "|", "^")
		g.addMacro(macro{name: name, t: intT, params: 2})
		return fmt.Sprintf("#define %s(a, b) ((a) %s (b))", name, op)
	}
	g.addMacro(macro{name: name, t: intT, params: 1})
	return fmt.Sprintf("#define %s(x) ((x) > 10 ? (x) : 10 - (x))", name)
}

// intMacro returns an integer macro with params parameters (-1: an
// object-like one), or nil.
func (g *gen) intMacro(params int) *macro {
	var ms []*macro
	for i := range g.macros {
		if m := &g.macros[i]; m.t.k == kInt && m.params == params {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return nil
	}
	return ms[g.r.IntN(len(ms))]
}

// macroUse expands to a value of type t (intT or strT) through a macro,
// or is "" when no macro gives one.
func (g *gen) macroUse(t *typ, depth int) string {
	var ms []macro
	for _, m := range g.macros {
		if m.t.k == t.k {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return ""
	}
	m := ms[g.r.IntN(len(ms))]
	if m.params < 0 {
		return m.name
	}
	// Each argument in parentheses: as in cpp, only parentheses keep a
	// comma from splitting arguments, not brackets (@m[a, b]).
	args := make([]string, m.params)
	for i := range args {
		args[i] = "(" + g.intExpr(depth) + ")"
	}
	return m.name + "(" + strings.Join(args, ", ") + ")"
}

// ownHeaders writes headers of the program's own and includes them the
// three ways: #include "..." from the program's directory, #include <...>
// from an -I directory, and --include.
func (g *gen) ownHeaders(p *Program, lines *[]string) {
	p.Files = map[string]string{}
	header := func() string {
		var b strings.Builder
		guard := fmt.Sprintf("GEN_H%d", len(g.macros))
		b.WriteString("#ifndef " + guard + "\n#define " + guard + "\n")
		// C declarations in a header are skipped: types come from BTF.
		b.WriteString("struct skipped { int a; };\n")
		for range 1 + g.r.IntN(3) {
			b.WriteString(g.define("H") + "\n")
		}
		b.WriteString("#endif\n")
		return b.String()
	}
	switch g.r.IntN(3) {
	case 0:
		p.Files["local.h"] = header()
		*lines = append(*lines, `#include "local.h"`)
	case 1:
		p.Files["include/gen/defs.h"] = header()
		p.IncludeDirs = append(p.IncludeDirs, "include")
		*lines = append(*lines, "#include <gen/defs.h>")
	default:
		p.Files["pre.h"] = header()
		p.Includes = append(p.Includes, "pre.h")
	}
}

// ifdefStmt wraps statements in a conditional whose outcome the
// generator knows: the branch taken gets generated statements, the other
// lines that must not be compiled. BPFTRACE_HAVE_BTF depends on the
// kernel, so both its branches get statements that declare and mark
// nothing.
func (g *gen) ifdefStmt(level, maxStmts int) bool {
	if maxStmts < 2 {
		return false
	}
	ind := strings.Repeat("\t", level)
	junk := g.pick("this is not compiled (", `printf("%d\n", $undeclared);`, "@never = nonsense(1, 2;", `#error "never"`)
	taken := func() {
		for range 1 + g.r.IntN(2) {
			g.stmt(level, maxStmts/2)
		}
	}
	switch m := g.intMacro(-1); {
	case g.chance(0.25):
		g.out.WriteString(ind + "#ifdef BPFTRACE_HAVE_BTF\n")
		g.line(level, `printf("btf\n");`)
		g.out.WriteString(ind + "#else\n")
		g.line(level, `printf("no btf\n");`)
		g.out.WriteString(ind + "#endif\n")
	case m != nil && m.known && g.chance(0.5):
		// #if on a value: both comparisons are decided by the
		// generator, so it knows which branch is compiled.
		bound := m.value + int64(g.r.IntN(5)) - 2
		g.out.WriteString(fmt.Sprintf("%s#if %s > %d\n", ind, m.name, bound))
		if m.value > bound {
			taken()
			g.out.WriteString(ind + "#else\n" + ind + junk + "\n")
		} else {
			g.out.WriteString(ind + junk + "\n" + ind + "#elif defined(" + m.name + ")\n")
			taken()
		}
		g.out.WriteString(ind + "#endif\n")
	case g.chance(0.5):
		g.out.WriteString(ind + "#ifdef NEVER_DEFINED\n" + ind + junk + "\n" + ind + "#else\n")
		taken()
		g.out.WriteString(ind + "#endif\n")
	default:
		name := fmt.Sprintf("L%d", len(g.macros))
		g.out.WriteString(ind + "#define " + name + " 3\n" + ind + "#ifndef " + name + "\n" + ind + junk + "\n" + ind + "#endif\n")
		g.addMacro(macro{name: name, t: intT, params: -1, value: 3, known: true})
		taken()
	}
	return true
}

// mentionsMacro reports whether the expression text s uses one of the
// program's macros.
func (g *gen) mentionsMacro(s string) bool {
	for _, m := range g.macros {
		for from := 0; ; {
			i := strings.Index(s[from:], m.name)
			if i < 0 {
				break
			}
			i += from
			end := i + len(m.name)
			if (i == 0 || !isIdentByte(s[i-1])) && (end == len(s) || !isIdentByte(s[end])) {
				return true
			}
			from = end
		}
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
