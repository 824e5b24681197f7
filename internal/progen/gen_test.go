package progen_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/internal/progen"
	"github.com/bpfscript/bpfscript/lang/config"
)

// TestGenerateDeterministic checks that a seed always gives the same
// program and that different seeds give different ones.
func TestGenerateDeterministic(t *testing.T) {
	for seed := range uint64(20) {
		a := progen.Generate(seed, progen.Config{})
		b := progen.Generate(seed, progen.Config{})
		if a.Source != b.Source || !maps(a.Files, b.Files) || !maps(a.NamedParams, b.NamedParams) {
			t.Fatalf("seed %d: two different programs:\n%s\n---\n%s", seed, a.Source, b.Source)
		}
		if c := progen.Generate(seed+1000, progen.Config{}); c.Source == a.Source {
			t.Errorf("seeds %d and %d give the same program", seed, seed+1000)
		}
	}
}

func maps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// TestGeneratedProgramsCheck compiles generated programs, with their
// imported scripts, headers and named parameters, against the running
// kernel: every one must be accepted, since the generator only writes
// valid programs. A self-contained program must need no other file.
func TestGeneratedProgramsCheck(t *testing.T) {
	confs := []progen.Config{{}, {BeginEndOnly: true}, {MaxProbes: 2, MaxStmts: 25, MaxDepth: 5}, {SelfContained: true}}
	for _, conf := range confs {
		for i := range uint64(*numPrograms) {
			seed := *firstSeed + i
			p := progen.Generate(seed, conf)
			if conf.SelfContained && (len(p.Files) > 0 || len(p.IncludeDirs) > 0 || len(p.Includes) > 0) {
				t.Fatalf("seed %d: a self-contained program has files %v", seed, p.Files)
			}
			if _, err := bpfscript.Compile(p.Source, compileOptions(t, p)); err != nil {
				t.Fatalf("seed %d %+v: generated program does not compile:\n%s\n%s\nfiles %v\nnamed parameters %v",
					seed, conf, bpfscript.FormatError(err, p.Source), p.Source, p.Files, p.NamedParams)
			}
		}
	}
}

// TestGeneratedConstructs checks that the default configuration writes
// every construct the generator knows, so that none is lost to a change
// of weights: each must appear in some of the first programs.
func TestGeneratedConstructs(t *testing.T) {
	constructs := []string{
		"#include <", "#include \"", "#define", "#ifdef", "#ifndef", "#if ", "#else", "#elif", "#endif",
		"config = {", "max_strlen", "import \"", "getopt(\"", "let @", "hash(",
		"while (", "unroll (", "for ($", " : @", "break;", "continue;", "macro pg_twice", "pg_bump(", "{ let $",
		"?:", "_ = ", " ? print", "let $v0: bool", "true", "(bool)", "is_str(", "has_cpid",
		"ntop(", "pton(", "macaddr(", "buf(", "strerror(", "cgroup_path(", "username", "memcmp(",
		"find(", "delete(", "assert(", "static_assert(", "cat(", "fail(", "tseries(", "pcomm", "probetype",
		"unroll (2 * 2)", "for $", "default_str_length", "config.max_strlen", "2 * 50000000",
		"sizeof(", "(typeof(", "*)", "))*&$",
	}
	var all strings.Builder
	files, includes, params := 0, 0, 0
	for seed := range uint64(400) {
		p := progen.Generate(seed, progen.Config{})
		all.WriteString(p.Source)
		for _, f := range p.Files {
			all.WriteString(f)
		}
		files += len(p.Files)
		includes += len(p.Includes) + len(p.IncludeDirs)
		params += len(p.NamedParams)
	}
	text := all.String()
	for _, c := range constructs {
		if !strings.Contains(text, c) {
			t.Errorf("no program has %q", c)
		}
	}
	if files == 0 || includes == 0 || params == 0 {
		t.Errorf("%d files, %d -I and --include, %d named parameters: want some of each", files, includes, params)
	}
}

// TestConfigVars checks that the generator knows every config variable.
func TestConfigVars(t *testing.T) {
	var text strings.Builder
	for seed := range uint64(2000) {
		src := progen.Generate(seed, progen.Config{}).Source
		if block, _, ok := strings.Cut(src, "\n}\n"); ok && strings.Contains(block, "config = {") {
			text.WriteString(strings.ToLower(block))
		}
	}
	for _, name := range config.Names() {
		if !strings.Contains(text.String(), name+" = ") {
			t.Errorf("no program sets config variable %s", name)
		}
	}
}

// TestGeneratedRangeLoopBodies checks that range loop bodies hold what the
// verifier once refused on the number iterator (see forStmt): histograms,
// loops of their own, and assignments to the probe's variables; and that
// range loops sit inside other loops.
func TestGeneratedRangeLoopBodies(t *testing.T) {
	found := map[string]bool{}
	for seed := range uint64(400) {
		lines := strings.Split(progen.Generate(seed, progen.Config{}).Source, "\n")
		for i, l := range lines {
			head := strings.TrimLeft(l, "\t")
			if !isLoopHeader(head) {
				continue
			}
			isRange := strings.HasPrefix(head, "for ($") && !strings.Contains(head, " : @")
			indent := len(l) - len(head)
			declared := map[string]bool{}
			for _, m := range lines[i+1:] {
				body := strings.TrimLeft(m, "\t")
				if len(m)-len(body) <= indent {
					break
				}
				if strings.HasPrefix(body, "for ($") && !strings.Contains(body, " : @") {
					found["a range loop in a loop"] = true
				}
				if !isRange {
					continue
				}
				switch {
				case strings.Contains(body, "hist("):
					found["a histogram in a range loop"] = true
				case isLoopHeader(body):
					found["a loop in a range loop"] = true
				case strings.HasPrefix(body, "let $"):
					declared[strings.Fields(body)[1]] = true
				case strings.HasPrefix(body, "$") && strings.ContainsAny(body, "=+-"):
					// Assigned here and used before the loop, in its probe.
					name := strings.Fields(body)[0]
					v := regexp.MustCompile(regexp.QuoteMeta(name) + `\b`)
					start := i
					for start > 0 && strings.HasPrefix(lines[start], "\t") {
						start--
					}
					if !declared[name] && v.MatchString(strings.Join(lines[start:i], "\n")) {
						found["an outer variable assigned in a range loop"] = true
					}
				}
			}
		}
	}
	for _, want := range []string{"a range loop in a loop", "a histogram in a range loop", "a loop in a range loop", "an outer variable assigned in a range loop"} {
		if !found[want] {
			t.Errorf("no program has %s", want)
		}
	}
}

func isLoopHeader(line string) bool {
	return strings.HasPrefix(line, "for ($") || strings.HasPrefix(line, "while (") || strings.HasPrefix(line, "unroll (")
}

// TestGeneratedFoldedConstants checks that the generator writes the
// constant arguments of hist and lhist as arithmetic too, which the
// checker folds.
func TestGeneratedFoldedConstants(t *testing.T) {
	var all strings.Builder
	for seed := range uint64(400) {
		all.WriteString(progen.Generate(seed, progen.Config{}).Source)
	}
	for _, re := range []string{`lhist\(.*, -?\d+ \+ \d+ \* \d+, \d+\)`, `hist\(.*, \d - 1\)`} {
		if !regexp.MustCompile(re).MatchString(all.String()) {
			t.Errorf("no program matches %s", re)
		}
	}
}
