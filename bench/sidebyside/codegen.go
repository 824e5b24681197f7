package main

import (
	"errors"
	"fmt"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
)

// codeCase is one program whose generated code is measured under a load.
type codeCase struct {
	name  string
	s     script
	load  measure.Load
	what  string // the load, for the report
	calls int    // calls per round
	args  []string
}

var codeCases = []codeCase{
	{
		name: "floor: empty probe", s: same("tracepoint:raw_syscalls:sys_enter { }"),
		load: measure.Getppid, what: "getppid", calls: 500_000,
	},
	{
		name: "count by comm", s: same("tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }"),
		load: measure.Getppid, what: "getppid", calls: 500_000,
	},
	{
		name: "hist of read sizes",
		s: script{
			bs: "tracepoint:syscalls:sys_exit_read { @ = hist(args.ret); }",
			bt: "tracepoint:syscalls:sys_exit_read { @ = hist(args->ret); }",
		},
		load: measure.Read, what: "read(2) of /dev/zero, 1 to 4096 bytes", calls: 500_000,
	},
	{
		name: "printf comm, pid", s: same(`tracepoint:syscalls:sys_enter_getppid { printf("%s %d\n", comm, pid); }`),
		load: measure.Getppid, what: "getppid", calls: 100_000, args: []string{"-o", "/dev/null"},
	},
	{
		name: "filter that fails", s: same("tracepoint:raw_syscalls:sys_enter /pid == 1234/ { @[tid] = count(); }"),
		load: measure.Getppid, what: "getppid", calls: 500_000,
	},
}

// generatedCode measures each codeCase under both tools: the instruction
// slots the kernel holds for the probe's program (bytes_xlated / 8), its
// mean run time per event from BPF stats, and what one call of the load
// costs with the probe attached. The tracer is pinned to one CPU and the
// load to the other.
func (b *bench) generatedCode() section {
	f := newFigures()
	stats, err := measure.EnableStats()
	if err != nil {
		return section{title: "Generated code", notes: []string{err.Error()}}
	}
	defer stats.Close()
	var rows []row
	var notes []string
	untraced := map[string]float64{}
	for _, c := range codeCases {
		if _, ok := untraced[c.what]; !ok {
			untraced[c.what] = b.untracedCost(c)
			notes = append(notes, fmt.Sprintf("Untraced %s: %.0f ns per call.", c.what, untraced[c.what]))
		}
		// A fresh tracer per run, alternating the tools, so that where a
		// process happens to sit in memory and caches counts as noise
		// rather than as a bias.
		for range b.closeRuns() {
			for _, t := range b.tools() {
				if err := b.codeOnce(f, t, c); err != nil {
					f.fail(t, c.name, err)
				}
			}
		}
		ins, run := c.name+": instructions", c.name+": ns per run"
		call := c.name + ": ns per " + c.what + " call"
		tgt := target{ratioAtMost, 1}
		if c.name == codeCases[0].name {
			tgt = target{}
		}
		r := f.row(ins, count, tgt)
		r.note = fmt.Sprintf("`%s`", c.s.bs)
		rows = append(rows, r, f.row(run, nanos, tgt), f.row(call, nanos, target{}))
	}
	intro := fmt.Sprintf("Instruction slots the kernel holds (bytes_xlated / 8) and mean run_time_ns / run_cnt from BPF stats "+
		"while a fixed load runs on CPU %d and the tracer is pinned to CPU %d; per-call cost of the load with the probe attached beside them. "+
		"raw_syscalls probes also count the tracer's own system calls. The instruction counts are exact; the run times are the median of %d runs, each a fresh tracer process and one round of the load.",
		b.loadCPU, b.tracerCPU, b.closeRuns())
	return section{title: "Generated code", intro: intro, rows: rows, notes: append(append(b.bpftraceNote(), notes...), f.notes...)}
}

// untracedCost is the median ns per call of c's load with nothing attached.
func (b *bench) untracedCost(c codeCase) float64 {
	var xs []float64
	for range b.runs {
		d, err := c.load(b.loadCPU, c.calls)
		if err != nil {
			return nan()
		}
		xs = append(xs, float64(d.Nanoseconds())/float64(c.calls))
	}
	return measure.Median(xs)
}

func (b *bench) codeOnce(f *figures, t tool, c codeCase) error {
	argv := append(append([]string{t.path}, c.args...), "-e", b.src(t, c.s))
	p, err := measure.Launch(argv, measure.Options{CPU: b.tracerCPU})
	if err != nil {
		return err
	}
	defer p.Kill()
	probe, err := waitRunning(p, func() error {
		_, err := c.load(b.loadCPU, 100)
		return err
	})
	if err != nil {
		return err
	}
	progs := []measure.Prog{probe}
	f.add(c.name+": instructions", t, float64(probe.Insns))
	start, err := measure.Reread(progs)
	if err != nil {
		return err
	}
	d, err := c.load(b.loadCPU, c.calls)
	if err != nil {
		return err
	}
	end, err := measure.Reread(progs)
	if err != nil {
		return err
	}
	delta, err := measure.Between(start, end, probe.ID)
	if err != nil {
		return err
	}
	f.add(c.name+": ns per run", t, delta.NsPerRun())
	f.add(c.name+": ns per "+c.what+" call", t, float64(d.Nanoseconds())/float64(c.calls))
	_, err = p.Stop(syscall.SIGINT, time.Minute)
	return err
}

// waitRunning waits until one of the tracer's programs has run,
// poking it between looks. Neither tool's message says when its probes are
// attached (bpftrace prints "Attaching" before attaching, and into the -o
// file when there is one), so the run counts in BPF stats are the sign.
func waitRunning(p *measure.Proc, poke func() error) (measure.Prog, error) {
	deadline := time.Now().Add(time.Minute)
	for {
		if err := poke(); err != nil {
			return measure.Prog{}, err
		}
		progs, err := measure.ProgramsOf(p.Pid())
		if err != nil {
			return measure.Prog{}, err
		}
		if probe, ok := measure.Busiest(progs); ok {
			return probe, nil
		}
		if err := p.Exited(); err != nil {
			return measure.Prog{}, err
		}
		if time.Now().After(deadline) {
			return measure.Prog{}, errors.New("the probe did not run within a minute")
		}
		time.Sleep(time.Millisecond)
	}
}
