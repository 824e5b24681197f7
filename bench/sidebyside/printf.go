package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
)

// produceFor is how long the producers call getppid in each printf run.
const produceFor = 2 * time.Second

var lostRE = regexp.MustCompile(`Lost (\d+) events`)

// printfThroughput counts printf lines delivered to a file while one or
// two threads of this process call getppid(2) flat out, each on its own
// CPU, against the calls they made.
func (b *bench) printfThroughput() section {
	s := same(`tracepoint:syscalls:sys_enter_getppid /pid == $1/ { printf("%d\n", tid); }`)
	configs := [][]int{{b.loadCPU}}
	if b.loadCPU != b.tracerCPU {
		configs = append(configs, []int{b.tracerCPU, b.loadCPU})
	}
	runs := min(b.runs, 3)
	f := newFigures()
	var lostNotes []string
	for range runs {
		for _, cpus := range configs {
			for _, t := range b.tools() {
				lost, err := b.printfOnce(f, t, s, cpus)
				if err != nil {
					f.fail(t, fmt.Sprintf("%d producers", len(cpus)), err)
				}
				for _, l := range lost {
					lostNotes = append(lostNotes, fmt.Sprintf("%s, %d producer(s): %q", t.name, len(cpus), l))
				}
			}
		}
	}
	var rows []row
	for _, cpus := range configs {
		k := producers(len(cpus))
		rows = append(rows,
			f.row(k+": lines delivered per second", perSec, target{ratioAtLeast, 2}),
			f.row(k+": getppid calls per second", perSec, target{}),
			f.row(k+": calls without a line (lost)", percent, target{}),
			f.worstRow(k+": calls without a line (lost), worst run", percent, target{}))
	}
	notes := append(b.bpftraceNote(),
		fmt.Sprintf("`%s` with `-o FILE` and $1 = this process; threads pinned one per CPU call getppid(2) flat out for %v. "+
			"Lines are counted in FILE after it stops growing and the tracer has exited on SIGINT. Median of %d runs.", s.bs, produceFor, runs),
		"Where nothing is lost, the producers are the bottleneck: delivered = calls, and the figure measures how much each event slows the traced thread.")
	if len(lostNotes) > 0 {
		notes = append(notes, "\"Lost\" messages: "+strings.Join(lostNotes, "; ")+".")
	} else {
		notes = append(notes, "Neither tool printed a \"Lost N events\" message.")
	}
	return section{title: "printf throughput", rows: rows, notes: append(notes, f.notes...)}
}

func producers(n int) string {
	if n == 1 {
		return "1 producer"
	}
	return fmt.Sprintf("%d producers", n)
}

// printfOnce runs one tracer and the producers and returns any "Lost N
// events" lines it printed.
func (b *bench) printfOnce(f *figures, t tool, s script, cpus []int) ([]string, error) {
	file := filepath.Join(b.tmp, "printf."+t.name+".out")
	os.Remove(file)
	defer os.Remove(file)
	p, err := b.startPrintf(t, s, file)
	if err != nil {
		return nil, err
	}
	defer p.Kill()
	calls, tids, err := measure.GetppidFor(cpus, produceFor)
	if err != nil {
		return nil, err
	}
	if err := waitStill(file, 300*time.Millisecond, 30*time.Second); err != nil {
		return nil, err
	}
	if _, err := p.Stop(syscall.SIGINT, time.Minute); err != nil {
		return nil, err
	}
	delivered, lost, err := countLines(file, tids)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(p.Output(), "\n") {
		if lostRE.MatchString(line) {
			lost = append(lost, strings.TrimSpace(line))
		}
	}
	made := 0
	for _, c := range calls {
		made += c
	}
	k := producers(len(cpus))
	f.add(k+": lines delivered per second", t, float64(delivered)/produceFor.Seconds())
	f.add(k+": getppid calls per second", t, float64(made)/produceFor.Seconds())
	loss := 1 - float64(delivered)/float64(made)
	f.add(k+": calls without a line (lost)", t, loss)
	f.add(k+": calls without a line (lost), worst run", t, loss)
	return lost, nil
}

// startPrintf launches the tracer writing to file and waits until its
// program has run: bpftrace writes its "Attaching" line to the -o file,
// and before attaching, so the run counts from BPF stats are the sign for
// both tools. The pokes come from threads other than the producers', so
// their lines are not counted.
func (b *bench) startPrintf(t tool, s script, file string) (*measure.Proc, error) {
	stats, err := measure.EnableStats()
	if err != nil {
		return nil, err
	}
	defer stats.Close()
	argv := []string{t.path, "-o", file, "-e", b.src(t, s), strconv.Itoa(os.Getpid())}
	p, err := measure.Launch(argv, measure.Options{CPU: -1})
	if err != nil {
		return nil, err
	}
	if _, err := waitRunning(p, func() error {
		_, err := measure.Getppid(b.loadCPU, 1)
		return err
	}); err != nil {
		p.Kill()
		return nil, err
	}
	return p, nil
}

// waitStill waits until file has not grown for quiet.
func waitStill(file string, quiet, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	last, since := int64(-1), time.Now()
	for time.Now().Before(deadline) {
		size, err := fileSize(file)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if size != last {
			last, since = size, time.Now()
		} else if time.Since(since) >= quiet {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s still growing after %v", file, timeout)
}

// countLines counts the lines of file that are one of tids, and returns
// the lines that report lost events.
func countLines(file string, tids []int) (n int, lost []string, err error) {
	fh, err := os.Open(file)
	if err != nil {
		return 0, nil, err
	}
	defer fh.Close()
	want := map[string]bool{}
	for _, tid := range tids {
		want[strconv.Itoa(tid)] = true
	}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case want[line]:
			n++
		case lostRE.MatchString(line):
			lost = append(lost, strings.TrimSpace(line))
		}
	}
	return n, lost, sc.Err()
}
