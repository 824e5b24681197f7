package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
)

func main() {
	tracer := flag.String("tracer", "", "command line of the tracer to measure (run with sh -c)")
	n := flag.Int("n", 1000000, "getppid calls to make while attached")
	settle := flag.Duration("settle", 300*time.Millisecond, "how long to wait after the \"Attach\" line (bpftrace prints it before attaching)")
	flag.Parse()
	if *tracer == "" {
		fmt.Fprintln(os.Stderr, "progstats: -tracer is required")
		os.Exit(2)
	}
	if err := measureTracer(*tracer, *n, *settle); err != nil {
		fmt.Fprintln(os.Stderr, "progstats:", err)
		os.Exit(1)
	}
}

func measureTracer(tracer string, n int, settle time.Duration) error {
	stats, err := measure.EnableStats()
	if err != nil {
		return err
	}
	defer stats.Close()
	// exec, so that the signal that stops it reaches the tracer, not sh.
	p, err := measure.Launch([]string{"sh", "-c", "exec " + tracer}, measure.Options{CPU: -1})
	if err != nil {
		return err
	}
	defer p.Kill()
	if _, err := p.WaitAttached(30 * time.Second); err != nil {
		return err
	}
	time.Sleep(settle)

	loadCPU := runtime.NumCPU() - 1
	elapsed, err := measure.Getppid(loadCPU, n)
	if err != nil {
		return err
	}
	progs, err := measure.ProgramsOf(p.Pid())
	if err != nil {
		return err
	}
	for _, q := range progs {
		per := measure.Delta{Runs: q.RunCount, RunTime: q.RunTime}.NsPerRun()
		fmt.Printf("%-16s insns=%-4d runs=%-9d ns/run=%.1f\n", q.Name, q.Insns, q.RunCount, per)
	}
	fmt.Printf("load: %d getppid on CPU %d in %v (%.1f ns each)\n", n, loadCPU, elapsed, float64(elapsed.Nanoseconds())/float64(n))
	_, err = p.Stop(syscall.SIGINT, 30*time.Second)
	return err
}
