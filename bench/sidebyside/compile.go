package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
)

// compileSizes are the statement counts of the generated scripts.
var compileSizes = []int{100, 1000, 3000}

// bpftraceCap bounds the one run of bpftrace on the largest script: its
// compile time grows faster than quadratically (63.9 s for 3,000
// statements on a machine of this kind, 163 s on another day), so it is
// stopped at the cap and the cap reported as a lower bound.
const bpftraceCap = 200 * time.Second

// mapScript is n assignments to one map with distinct string keys in a
// begin probe; bpftrace's version ends with exit() so that it stops, and
// bpfscript stops by itself after a program of only begin probes.
func mapScript(n int, bpftrace bool) string {
	var sb strings.Builder
	if bpftrace {
		sb.WriteString("BEGIN {\n")
	} else {
		sb.WriteString("begin {\n")
	}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sb, "  @map[\"key_%d\"] = %d;\n", i, i)
	}
	if bpftrace {
		sb.WriteString("  exit();\n")
	}
	sb.WriteString("}\n")
	return sb.String()
}

var instructionsRE = regexp.MustCompile(`\((\d+) instructions\)`)

func (b *bench) compileTime() section {
	f := newFigures()
	files := map[string]string{} // by tool name and size
	key := func(t tool, n int) string { return fmt.Sprintf("%s/%d", t.name, n) }
	for _, n := range compileSizes {
		for _, t := range b.tools() {
			path := filepath.Join(b.tmp, fmt.Sprintf("map%d.%s.bt", n, t.name))
			if err := os.WriteFile(path, []byte(mapScript(n, t.name == "bpftrace")), 0o644); err != nil {
				return section{title: "Compile time", notes: []string{err.Error()}}
			}
			files[key(t, n)] = path
		}
	}
	ready := func(n int) string { return fmt.Sprintf("%s statements: ready", thousands(n)) }
	asmOnly := func(n int) string { return fmt.Sprintf("%s statements: `-d asm` (compile only)", thousands(n)) }
	insns := map[int]float64{}

	// bpfscript: --dry-run compiles and loads through the verifier;
	// -d asm compiles and prints.
	for range b.runs {
		for _, n := range compileSizes {
			file := files[key(b.bs, n)]
			if d, _, err := b.timeRun([]string{b.bs.path, "--dry-run", file}, time.Minute); err != nil {
				f.fail(b.bs, fmt.Sprintf("--dry-run, %d statements", n), err)
			} else {
				f.add(ready(n), b.bs, float64(d))
			}
			d, out, err := b.timeRun([]string{b.bs.path, "-d", "asm", file}, time.Minute)
			if err != nil {
				f.fail(b.bs, fmt.Sprintf("-d asm, %d statements", n), err)
				continue
			}
			f.add(asmOnly(n), b.bs, float64(d))
			if m := instructionsRE.FindStringSubmatch(out); m != nil {
				insns[n], _ = strconv.ParseFloat(m[1], 64)
			}
		}
	}
	goBench, goErr := b.goCompileBenchmarks()
	bpftraceNotes := b.bpftraceCompile(f, files, ready)

	var rows []row
	for _, n := range compileSizes {
		r := f.row(ready(n), millis, target{})
		r.note = "bpfscript `--dry-run`: compile + verifier; bpftrace: launch → exit with `exit()`"
		if n == 3000 {
			r.target = target{valueBelow, float64(time.Second)}
		}
		rows = append(rows, r, f.row(asmOnly(n), millis, target{}))
		gb := row{name: fmt.Sprintf("%s statements: BenchmarkCompile%d (in process)", thousands(n), n), unit: millis, bs: nan(), bt: nan()}
		if v, ok := goBench[n]; ok {
			gb.bs = v
		}
		rows = append(rows, gb)
		in := row{name: fmt.Sprintf("%s statements: BPF instructions", thousands(n)), unit: count, bs: nan(), bt: nan()}
		if v, ok := insns[n]; ok {
			in.bs = v
		}
		rows = append(rows, in)
	}
	// Growth: the cost of each statement added between two sizes. Equal
	// figures mean linear growth.
	for i := 1; i < len(compileSizes); i++ {
		lo, hi := compileSizes[i-1], compileSizes[i]
		rows = append(rows,
			growthRow(f, ready(lo), ready(hi), lo, hi, "ready"),
			growthRow(f, asmOnly(lo), asmOnly(hi), lo, hi, "`-d asm`"))
		gr := row{name: fmt.Sprintf("per statement added %s → %s: BenchmarkCompile", thousands(lo), thousands(hi)), unit: micros, bs: nan(), bt: nan()}
		if a, ok := goBench[lo]; ok {
			if c, ok := goBench[hi]; ok {
				gr.bs = (c - a) / float64(hi-lo)
			}
		}
		rows = append(rows, gr)
	}
	notes := append(b.bpftraceNote(), bpftraceNotes...)
	if goErr != nil {
		notes = append(notes, "BenchmarkCompile: "+goErr.Error())
	}
	notes = append(notes,
		"Scripts: `begin { @map[\"key_1\"] = 1; ... @map[\"key_N\"] = N; }` (bpftrace: `BEGIN { ...; exit(); }`).",
		"BenchmarkCompile* (bench_test.go at the repository root) times bpfscript.Compile alone: parse, check, compile, generate; nothing loaded. Median of `go test -bench -benchtime 1x -count "+strconv.Itoa(b.runs)+"`.",
		"\"per statement added\" rows are (t(hi) − t(lo)) / (hi − lo): constant across sizes means linear growth; rising means superlinear.")
	return section{title: "Compile time", rows: rows, notes: append(notes, f.notes...)}
}

func growthRow(f *figures, lo, hi string, nlo, nhi int, what string) row {
	r := row{name: fmt.Sprintf("per statement added %s → %s: %s", thousands(nlo), thousands(nhi), what), unit: micros}
	per := func(toolName string) float64 {
		a, c := f.median(lo, toolName), f.median(hi, toolName)
		return (c - a) / float64(nhi-nlo)
	}
	r.bs, r.bt = per("bpfscript"), per("bpftrace")
	return r
}

// bpftraceCompile times bpftrace on the generated scripts: every run for
// 100 statements, at most three for 1,000, and one for 3,000, stopped at
// bpftraceCap; -quick leaves 3,000 out.
func (b *bench) bpftraceCompile(f *figures, files map[string]string, ready func(int) string) []string {
	if !b.bt.present() {
		return nil
	}
	var notes []string
	for _, n := range compileSizes {
		runs := b.runs
		switch n {
		case 1000:
			runs = min(runs, 3)
			if runs < b.runs {
				notes = append(notes, fmt.Sprintf("bpftrace on 1,000 statements: median of %d runs.", runs))
			}
		case 3000:
			if b.quick {
				notes = append(notes, "bpftrace on 3,000 statements: not run (-quick).")
				continue
			}
			runs = 1
		}
		for range runs {
			file := files[fmt.Sprintf("bpftrace/%d", n)]
			d, _, err := b.timeRun([]string{b.bt.path, file}, bpftraceCap)
			if errors.Is(err, errTimeout) {
				f.add(ready(n), b.bt, float64(bpftraceCap))
				notes = append(notes, fmt.Sprintf("bpftrace on %s statements: killed after %v; the figure is a lower bound.", thousands(n), bpftraceCap))
				break
			}
			if err != nil {
				f.fail(b.bt, fmt.Sprintf("%d statements", n), err)
				break
			}
			f.add(ready(n), b.bt, float64(d))
			if n == 3000 {
				notes = append(notes, fmt.Sprintf("bpftrace on 3,000 statements: one run (capped at %v).", bpftraceCap))
			}
		}
	}
	return notes
}

var errTimeout = errors.New("timed out")

// timeRun runs argv to its exit and returns the time from launch and the
// beginning of its output; errTimeout when it was killed at timeout.
func (b *bench) timeRun(argv []string, timeout time.Duration) (time.Duration, string, error) {
	p, err := measure.Launch(argv, measure.Options{CPU: -1})
	if err != nil {
		return 0, "", err
	}
	timer := time.AfterFunc(timeout, p.Kill)
	d, err := p.Wait(timeout + time.Minute)
	if !timer.Stop() && err != nil {
		return 0, p.Output(), errTimeout
	}
	return d, p.Output(), err
}

var benchLineRE = regexp.MustCompile(`^BenchmarkCompile(\d+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

// goCompileBenchmarks runs BenchmarkCompile{100,1000,3000} of the root
// package and returns the median ns/op by size.
func (b *bench) goCompileBenchmarks() (map[int]float64, error) {
	cmd := exec.Command(b.goTool, "test", "-run", "^$", "-bench", "^BenchmarkCompile(100|1000|3000)$",
		"-benchtime", "1x", "-count", strconv.Itoa(b.runs), ".")
	cmd.Dir = b.repo
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test: %v: %s", err, firstLine(string(out)))
	}
	return parseGoBench(string(out)), nil
}

// parseGoBench reads `go test -bench` output: the median ns/op of each
// BenchmarkCompileN over its -count lines.
func parseGoBench(out string) map[int]float64 {
	samples := map[int][]float64{}
	for _, line := range strings.Split(out, "\n") {
		m := benchLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		v, _ := strconv.ParseFloat(m[2], 64)
		samples[n] = append(samples[n], v)
	}
	med := map[int]float64{}
	for n, xs := range samples {
		med[n] = measure.Median(xs)
	}
	return med
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// thousands writes n with a comma between thousands: 3,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
