package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
	"github.com/bpfscript/bpfscript/tracefs"
)

// startup times `begin { exit(); }` from launch to exit, with its peak RSS
// and CPU time from wait4. It is cheap, so it gets two more runs.
func (b *bench) startup() section {
	s := script{bs: "begin { exit(); }", bt: "BEGIN { exit(); }"}
	runs := b.runs + 2
	f := newFigures()
	for range runs {
		// Alternate the tools so that drift in the machine's load
		// touches both alike.
		for _, t := range b.tools() {
			p, err := measure.Launch([]string{t.path, "-e", b.src(t, s)}, measure.Options{CPU: -1})
			if err != nil {
				f.fail(t, "launch", err)
				continue
			}
			wall, err := p.Wait(time.Minute)
			if err != nil {
				f.fail(t, "run", err)
				continue
			}
			f.add("launch → exit", t, float64(wall))
			if rss, err := p.MaxRSS(); err == nil {
				f.add("peak RSS", t, float64(rss))
			}
			if cpu, err := p.CPUTime(); err == nil {
				f.add("CPU time (user + system)", t, float64(cpu))
			}
		}
	}
	return section{
		title: "Start-up: `begin { exit(); }`",
		intro: fmt.Sprintf("Launch to exit of `%s` (bpftrace: `%s`); peak RSS and CPU time from wait4's rusage. Median of %d runs.", s.bs, s.bt, runs),
		rows: []row{
			f.row("launch → exit", millis, target{ratioAtMost, 0.1}),
			f.row("peak RSS", mebibyte, target{ratioAtMost, 0.1}),
			f.row("CPU time (user + system)", millis, target{}),
		},
		notes: append(b.bpftraceNote(), f.notes...),
	}
}

// attachScript has one probe per syscall of measure.CycleSyscalls, each
// counting by probe name: the same text for both tools.
func attachScript() script {
	var sb strings.Builder
	for _, name := range measure.CycleSyscalls {
		fmt.Fprintf(&sb, "tracepoint:syscalls:sys_enter_%s { @[probe] = count(); }\n", name)
	}
	return same(sb.String())
}

// attach20 times a twenty-probe script: launch to its "Attach" line, launch
// to all twenty probes having fired (a thread on the load CPU cycles
// through the twenty system calls, and the keys of the script's map are
// counted: bpftrace prints "Attaching" before it attaches, so only this
// second figure is the same thing for both tools), and SIGINT to the
// process being gone.
func (b *bench) attach20() section {
	s := attachScript()
	probes := len(measure.CycleSyscalls)
	f := newFigures()
	for range b.closeRuns() {
		for _, t := range b.tools() {
			if err := b.attachOnce(f, t, s, probes); err != nil {
				f.fail(t, "twenty probes", err)
			}
		}
	}
	stages := b.bpfscriptStages(f, s)
	exitAll, exitAllRuns, exitAllNote := b.exitEverySyscall(f)
	exitAllGone, exitAllClosed := exitAll+": SIGINT → process gone", exitAll+": SIGINT → every perf event closed"
	firing := fmt.Sprintf("launch → all %d probes firing", probes)
	return section{
		title: "Attaching twenty probes",
		intro: fmt.Sprintf("%d probes, `tracepoint:syscalls:sys_enter_{%s} { @[probe] = count(); }` one block each. "+
			"A thread on CPU %d makes the twenty calls in turn (pausing 200 µs a round) while the tracer starts; "+
			"\"firing\" is when the script's map first holds a key for every probe (polled every 0.25 ms). "+
			"Median of %d runs.",
			probes, strings.Join(measure.CycleSyscalls, ","), b.loadCPU, b.closeRuns()),
		rows: []row{
			f.row("launch → \"Attach\" line", millis, target{ratioAtMost, 0.1}),
			f.row(firing, millis, target{ratioAtMost, 0.1}),
			f.row("SIGINT → process gone", millis, target{ratioAtMost, 0.1}),
			f.row("SIGINT → every perf event closed", millis, target{}),
			f.row("peak RSS", mebibyte, target{}),
			f.row(exitAllGone, millis, target{valueBelow, float64(time.Second)}),
			f.row(exitAllClosed, millis, target{}),
			stages[0], stages[1], stages[2],
		},
		notes: append(append(b.bpftraceNote(),
			"bpftrace prints `Attaching N probes...` before attaching and bpfscript `Attached N probes` after, so the first row favours bpftrace; the \"firing\" row is the like-for-like figure.",
			"Closing a perf-event tracepoint takes the kernel ~35–70 ms, synchronously, in close() (twenty one after another 1.46 s, from twenty threads at once 0.73 s), whoever closes it, the process or the kernel as the process exits. "+
				"bpftrace closes its events before it exits. bpfscript detaches its programs (closing their BPF links stops them at once), prints its maps, hands the perf events to a closer process and exits: "+
				"the \"every perf event closed\" rows are when that process has gone (the next run starts only then).",
			exitAllNote+fmt.Sprintf(" Median of %d runs of bpfscript, %d of bpftrace.", exitAllRuns[0], exitAllRuns[1])),
			f.notes...),
	}
}

// bpfscriptStages splits bpfscript's launch → "Attached" into stages by
// running the same script only as far as each: launch → exit of -V (the
// process and Go runtime), of -d asm (+ reading tracepoint formats,
// parsing, checking, compiling, printing) and of --dry-run (+ creating the
// maps and loading every program through the verifier; no attaching).
func (b *bench) bpfscriptStages(f *figures, s script) []row {
	file := filepath.Join(b.tmp, "twenty.bt")
	names := []string{"bpfscript stage: launch → exit of `-V`", "bpfscript stage: … of `-d asm` (compile)", "bpfscript stage: … of `--dry-run` (compile + maps + verifier)"}
	argvs := [][]string{{b.bs.path, "-V"}, {b.bs.path, "-d", "asm", file}, {b.bs.path, "--dry-run", file}}
	if err := os.WriteFile(file, []byte(s.bs), 0o644); err != nil {
		f.fail(b.bs, "stages", err)
	} else {
		for range b.runs {
			for i, argv := range argvs {
				d, _, err := b.timeRun(argv, time.Minute)
				if err != nil {
					f.fail(b.bs, names[i], err)
					continue
				}
				f.add(names[i], b.bs, float64(d))
			}
		}
	}
	rows := make([]row, len(names))
	for i, name := range names {
		rows[i] = f.row(name, millis, target{})
	}
	return rows
}

func (b *bench) attachOnce(f *figures, t tool, s script, probes int) error {
	stopCycle, err := measure.Cycle(b.loadCPU, 200*time.Microsecond)
	if err != nil {
		return err
	}
	cycling := true
	defer func() {
		if cycling {
			stopCycle()
		}
	}()
	// Every probe counts into @[probe], so the script's map holds a key
	// for each probe that has fired, however the tool arranged its
	// programs. The map is looked for after the "Attach" line until it
	// is found (bpftrace prints the line before creating it), and then
	// only its keys are counted.
	k, err := measure.NewKeyCounter()
	if err != nil {
		return err
	}
	defer k.Close()
	p, err := measure.Launch([]string{t.path, "-e", b.src(t, s)}, measure.Options{CPU: -1})
	if err != nil {
		return err
	}
	defer p.Kill()
	line, err := p.WaitAttached(time.Minute)
	if err != nil {
		return err
	}
	var firing time.Duration
	for {
		if k.Maps() == 0 {
			if err := k.Discover(); err != nil {
				return err
			}
		}
		n, err := k.Keys()
		if err != nil {
			return err
		}
		if n >= probes {
			firing = p.Since()
			break
		}
		if p.Since() > time.Minute {
			return fmt.Errorf("only %d of %d probes fired within a minute", n, probes)
		}
		measure.Pause(250 * time.Microsecond)
	}
	// Let go of the tracer's maps before it exits, so that holding them
	// is no part of its exit.
	k.Close()
	stopCycle()
	cycling = false
	time.Sleep(100 * time.Millisecond)
	exit, err := p.Stop(syscall.SIGINT, time.Minute)
	if err != nil {
		return err
	}
	f.add("launch → \"Attach\" line", t, float64(line))
	f.add(fmt.Sprintf("launch → all %d probes firing", probes), t, float64(firing))
	f.add("SIGINT → process gone", t, float64(exit))
	f.add("SIGINT → every perf event closed", t, float64(p.Released()))
	if rss, err := p.MaxRSS(); err == nil {
		f.add("peak RSS", t, float64(rss))
	}
	return nil
}

// exitEverySyscall times SIGINT → gone for `tracepoint:syscalls:sys_exit_*
// { @[probe] = count(); }`, once every one of its tracepoints is attached
// (the tracer holds a perf event for each). bpftrace takes half a minute
// to exit from it, so it runs once. It returns the figures' common name,
// the runs of each tool and a note.
func (b *bench) exitEverySyscall(f *figures) (string, [2]int, string) {
	s := same("tracepoint:syscalls:sys_exit_* { @[probe] = count(); }")
	names, err := tracefs.New().Tracepoints("syscalls", "sys_exit_*")
	name := fmt.Sprintf("every syscall exit tracepoint (%d probes)", len(names))
	runs := [2]int{b.runs, 1}
	if !b.bt.present() {
		runs[1] = 0
	}
	note := fmt.Sprintf("\"every syscall exit tracepoint\": `%s`, stopped once the tracer holds a perf event for each tracepoint.", s.bs)
	if err != nil {
		f.fail(b.bs, "listing the syscall exit tracepoints", err)
		return name, runs, note
	}
	for i := range runs[0] {
		for j, t := range b.tools() {
			if i >= runs[j] {
				continue
			}
			if err := b.exitOnce(f, t, s, name, len(names)); err != nil {
				f.fail(t, name, err)
			}
		}
	}
	return name, runs, note
}

func (b *bench) exitOnce(f *figures, t tool, s script, name string, events int) error {
	p, err := measure.Launch([]string{t.path, "-e", b.src(t, s)}, measure.Options{CPU: -1})
	if err != nil {
		return err
	}
	defer p.Kill()
	if _, err := p.WaitAttached(time.Minute); err != nil {
		return err
	}
	// A tracer may hold perf events of other kinds too (bpftrace: one
	// per CPU for its output): wait for the count to settle.
	for last := -1; ; {
		n := p.PerfEvents()
		if n >= events && n == last {
			break
		}
		if err := p.Exited(); err != nil {
			return err
		}
		if p.Since() > 2*time.Minute {
			return fmt.Errorf("only %d of %d perf events open after two minutes", n, events)
		}
		last = n
		time.Sleep(200 * time.Millisecond)
	}
	exit, err := p.Stop(syscall.SIGINT, 2*time.Minute)
	if err != nil {
		return err
	}
	f.add(name+": SIGINT → process gone", t, float64(exit))
	f.add(name+": SIGINT → every perf event closed", t, float64(p.Released()))
	return nil
}
