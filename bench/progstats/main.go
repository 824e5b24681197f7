// Command progstats measures the BPF programs another tracer has loaded: for
// every program loaded after it starts (or matching -name), it prints the
// number of instruction slots the kernel holds (bytes_xlated / 8) and the
// mean run time per event from kernel.bpf_stats_enabled (run_time_ns /
// run_cnt), while a fixed syscall load runs on the other CPU.
//
//	progstats -tracer 'bpfscript -e ...' -load getppid -n 2000000
//
// It is how bench/ compares bpfscript's generated code with bpftrace's.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

func main() {
	tracer := flag.String("tracer", "", "command line of the tracer to measure (run with sh -c)")
	n := flag.Int("n", 1000000, "getppid calls to make while attached")
	settle := flag.Duration("settle", 3*time.Second, "how long to wait for the tracer to attach")
	flag.Parse()
	if err := measure(*tracer, *n, *settle); err != nil {
		fmt.Fprintln(os.Stderr, "progstats:", err)
		os.Exit(1)
	}
}

func existingPrograms() map[ebpf.ProgramID]bool {
	seen := map[ebpf.ProgramID]bool{}
	var id ebpf.ProgramID
	for {
		next, err := ebpf.ProgramGetNextID(id)
		if err != nil {
			return seen
		}
		seen[next] = true
		id = next
	}
}

func measure(tracer string, n int, settle time.Duration) error {
	stats, err := ebpf.EnableStats(unix.BPF_STATS_RUN_TIME)
	if err != nil {
		return fmt.Errorf("enabling BPF stats: %w", err)
	}
	defer stats.Close()
	before := existingPrograms()

	cmd := exec.Command("sh", "-c", tracer)
	cmd.SysProcAttr = &unix.SysProcAttr{Setpgid: true}
	// bpftrace announces "Attaching" on stdout, bpfscript "Attached" on
	// stderr: read both.
	pr, pw, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = pw, pw
	stderr := pr
	if err := cmd.Start(); err != nil {
		return err
	}
	// The tracer runs under sh: signal the whole process group, with
	// SIGTERM (a background job ignores SIGINT).
	pw.Close()
	defer func() { unix.Kill(-cmd.Process.Pid, unix.SIGTERM); cmd.Wait() }()
	attached := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		once := false
		for sc.Scan() {
			if !once && strings.HasPrefix(sc.Text(), "Attach") {
				once = true
				close(attached)
			}
		}
	}()
	select {
	case <-attached:
	case <-time.After(settle * 10):
		return fmt.Errorf("tracer did not attach")
	}
	time.Sleep(settle / 10)

	// A fixed load on one CPU.
	runtime.LockOSThread()
	unix.SchedSetaffinity(0, cpuSet(1))
	start := time.Now()
	for i := 0; i < n; i++ {
		unix.Getppid()
	}
	elapsed := time.Since(start)

	var id ebpf.ProgramID
	for {
		next, err := ebpf.ProgramGetNextID(id)
		if err != nil {
			break
		}
		id = next
		if before[next] {
			continue
		}
		p, err := ebpf.NewProgramFromID(next)
		if err != nil {
			continue
		}
		info, err := p.Info()
		st, serr := p.Stats()
		p.Close()
		if err != nil || serr != nil {
			continue
		}
		size, _ := info.TranslatedSize()
		per := 0.0
		if st.RunCount > 0 {
			per = float64(st.Runtime.Nanoseconds()) / float64(st.RunCount)
		}
		fmt.Printf("%-16s insns=%-4d runs=%-9d ns/run=%.1f\n", info.Name, size/8, st.RunCount, per)
	}
	fmt.Printf("load: %d getppid in %v (%.1f ns each)\n", n, elapsed, float64(elapsed.Nanoseconds())/float64(n))
	return nil
}

func cpuSet(cpu int) *unix.CPUSet {
	var s unix.CPUSet
	s.Set(cpu)
	return &s
}
