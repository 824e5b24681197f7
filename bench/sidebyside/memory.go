package main

import (
	"fmt"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
)

// loadFor is how long the memory scenario runs its load while attached.
const loadFor = 2 * time.Second

// memory reads the resident set of a tracer running a typical one-liner
// after some seconds of load: VmHWM (the peak so far) and VmRSS.
func (b *bench) memory() section {
	s := same("tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }")
	f := newFigures()
	for range b.runs {
		for _, t := range b.tools() {
			if err := b.memoryOnce(f, t, s); err != nil {
				f.fail(t, "memory", err)
			}
		}
	}
	return section{
		title: "Memory while attached",
		intro: fmt.Sprintf("`%s`, attached, after %v of getppid(2) flat out on CPU %d; from /proc/PID/status. Median of %d runs.",
			s.bs, loadFor, b.loadCPU, b.runs),
		rows: []row{
			f.row("peak RSS (VmHWM)", mebibyte, target{ratioAtMost, 0.25}),
			f.row("RSS now (VmRSS)", mebibyte, target{}),
		},
		notes: append(b.bpftraceNote(), f.notes...),
	}
}

func (b *bench) memoryOnce(f *figures, t tool, s script) error {
	p, err := measure.Launch([]string{t.path, "-e", b.src(t, s)}, measure.Options{CPU: -1})
	if err != nil {
		return err
	}
	defer p.Kill()
	if _, err := p.WaitAttached(time.Minute); err != nil {
		return err
	}
	if _, _, err := measure.GetppidFor([]int{b.loadCPU}, loadFor); err != nil {
		return err
	}
	peak, now, err := p.Memory()
	if err != nil {
		return err
	}
	if _, err := p.Stop(syscall.SIGINT, time.Minute); err != nil {
		return err
	}
	f.add("peak RSS (VmHWM)", t, float64(peak))
	f.add("RSS now (VmRSS)", t, float64(now))
	return nil
}
