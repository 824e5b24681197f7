package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// tool is one of the two tracers; path is empty when it is not installed.
type tool struct {
	name string
	path string
}

func (t tool) present() bool { return t.path != "" }

// script is one program in each tool's dialect (bpftrace 0.17 wants
// `BEGIN` and `args->field`).
type script struct{ bs, bt string }

func same(src string) script { return script{src, src} }

// bench is what every scenario needs.
type bench struct {
	bs, bt    tool
	runs      int
	quick     bool
	repo      string // the module root, for the Go benchmarks
	goTool    string // the go command
	tmp       string // scratch files: generated scripts, printf output
	tracerCPU int    // tracers pinned here when the load runs beside them
	loadCPU   int    // the fixed load's CPU
	log       io.Writer
	otherBPF  []string // programs of other tools running when the run began
	loadStart string   // the load average when the run began
}

// tools lists the tools that are installed, bpfscript first.
func (b *bench) tools() []tool {
	if b.bt.present() {
		return []tool{b.bs, b.bt}
	}
	return []tool{b.bs}
}

func (b *bench) src(t tool, s script) string {
	if t.name == "bpftrace" {
		return s.bt
	}
	return s.bs
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// scenario is one numbered figure of the report.
type scenario struct {
	key string
	run func(*bench) section
}

var scenarios = []scenario{
	{"startup", (*bench).startup},
	{"attach", (*bench).attach20},
	{"compile", (*bench).compileTime},
	{"memory", (*bench).memory},
	{"binary", (*bench).binary},
	{"codegen", (*bench).generatedCode},
	{"printf", (*bench).printfThroughput},
}

func main() {
	var b bench
	bsPath := flag.String("bpfscript", "bin/bpfscript", "the bpfscript binary to measure")
	btPath := flag.String("bpftrace", "", "the bpftrace binary (default: bpftrace on PATH; \"none\" to leave it out)")
	out := flag.String("out", "bench/RESULTS.md", "where to write the report")
	only := flag.String("only", "", "comma-separated scenarios to run (default all: startup,attach,compile,memory,binary,codegen,printf)")
	flag.IntVar(&b.runs, "runs", 5, "runs per figure (medians are taken)")
	flag.BoolVar(&b.quick, "quick", false, "fewer runs and no bpftrace 3,000-statement compile: a smoke test")
	flag.StringVar(&b.repo, "repo", ".", "module root, for the Go compile benchmarks")
	flag.StringVar(&b.goTool, "go", "go", "the go command, for the Go compile benchmarks")
	flag.Parse()
	b.log = os.Stderr
	if err := b.setup(*bsPath, *btPath); err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(b.tmp)
	if b.quick {
		b.runs = min(b.runs, 3)
	}

	started := time.Now()
	b.loadStart = thisMachine().loadAvg
	if b.otherBPF = otherActivity(); len(b.otherBPF) > 0 {
		b.logf("warning: other BPF programs are running and will inflate the figures: %s", strings.Join(b.otherBPF, ", "))
	}
	var sections []section
	for _, s := range scenarios {
		if *only != "" && !contains(strings.Split(*only, ","), s.key) {
			continue
		}
		b.logf("%s ...", s.key)
		sections = append(sections, s.run(&b))
	}
	var buf bytes.Buffer
	b.writeReport(&buf, sections, time.Since(started))
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		os.Exit(1)
	}
	b.logf("wrote %s in %v", *out, time.Since(started).Round(time.Second))
}

func (b *bench) setup(bsPath, btPath string) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("must run as root: the tracers load BPF programs")
	}
	if _, err := os.Stat(bsPath); err != nil {
		return fmt.Errorf("bpfscript binary: %w (run make build)", err)
	}
	b.bs = tool{"bpfscript", bsPath}
	b.bt = tool{name: "bpftrace"}
	switch btPath {
	case "none":
	case "":
		if p, err := exec.LookPath("bpftrace"); err == nil {
			b.bt.path = p
		}
	default:
		if _, err := os.Stat(btPath); err != nil {
			return fmt.Errorf("bpftrace binary: %w", err)
		}
		b.bt.path = btPath
	}
	// The tracer and the fixed load each get a CPU of their own when
	// there are two.
	b.tracerCPU, b.loadCPU = 0, runtime.NumCPU()-1
	var err error
	b.tmp, err = os.MkdirTemp("", "sidebyside")
	return err
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if strings.TrimSpace(y) == x {
			return true
		}
	}
	return false
}

// closeRuns is the number of runs for figures whose two tools come close
// to each other or to the target: the per-event costs near the floor
// (a few nanoseconds apart) and the twenty-probe start-up (a millisecond or
// so from its target). More runs narrow their medians; each is short.
func (b *bench) closeRuns() int { return 2*b.runs + 1 }
