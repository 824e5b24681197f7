package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
	"golang.org/x/sys/unix"
)

// machine describes where the figures were measured.
type machine struct {
	kernel, cpuModel string
	cpus             int
	memory           int64 // bytes
	loadAvg          string
}

func thisMachine() machine {
	m := machine{cpus: runtime.NumCPU()}
	var u unix.Utsname
	if unix.Uname(&u) == nil {
		m.kernel = unix.ByteSliceToString(u.Release[:]) + " " + unix.ByteSliceToString(u.Machine[:])
	}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.cpuModel = procField(string(data), "model name")
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		kb, _ := strconv.ParseInt(strings.TrimSuffix(procField(string(data), "MemTotal"), " kB"), 10, 64)
		m.memory = kb << 10
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		m.loadAvg = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	return m
}

// procField is the value of the first "name : value" line of a /proc text.
func procField(text, name string) string {
	for _, line := range strings.Split(text, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == name {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// otherActivity lists the BPF programs already loaded that run while
// nothing of the benchmark's is loaded: another tracer on the machine
// slows every system call and takes CPU, and the report should say so.
func otherActivity() []string {
	stats, err := measure.EnableStats()
	if err != nil {
		return []string{err.Error()}
	}
	defer stats.Close()
	const window = 300 * time.Millisecond
	start, err := measure.Programs()
	if err != nil {
		return []string{err.Error()}
	}
	time.Sleep(window)
	end, err := measure.Programs()
	if err != nil {
		return []string{err.Error()}
	}
	var busy []string
	for _, p := range start {
		d, err := measure.Between(start, end, p.ID)
		if err != nil || d.Runs == 0 {
			continue
		}
		busy = append(busy, fmt.Sprintf("%s (id %d, %.0f runs/s)", p.Name, p.ID, float64(d.Runs)/window.Seconds()))
	}
	return busy
}

// version runs argv and returns the first line it prints.
func version(argv ...string) string {
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

func (b *bench) writeReport(w io.Writer, sections []section, took time.Duration) {
	m := thisMachine()
	fmt.Fprintln(w, "# bpfscript and bpftrace side by side")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Written by `make bench` (bench/sidebyside) on %s in %v. Each figure is the median of %d runs unless\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), took.Round(time.Second), b.runs)
	fmt.Fprintln(w, "its row says otherwise; ratios are bpfscript/bpftrace within this one run. Timings on a shared VM are noisy:")
	fmt.Fprintln(w, "compare ratios, not absolute figures, across runs.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| | |")
	fmt.Fprintln(w, "|---|---|")
	fmt.Fprintf(w, "| kernel | %s |\n", m.kernel)
	fmt.Fprintf(w, "| CPUs | %d × %s |\n", m.cpus, m.cpuModel)
	fmt.Fprintf(w, "| memory | %.1f GiB |\n", float64(m.memory)/(1<<30))
	fmt.Fprintf(w, "| load average (1, 5, 15 min) at the start / at the end | %s / %s |\n", b.loadStart, m.loadAvg)
	if len(b.otherBPF) == 0 {
		fmt.Fprintln(w, "| other BPF programs running at the start | none |")
	} else {
		fmt.Fprintf(w, "| other BPF programs running at the start | **%s: figures are inflated** |\n", strings.Join(b.otherBPF, ", "))
	}
	fmt.Fprintf(w, "| bpfscript | %s (`%s`, tree %s) |\n", version(b.bs.path, "-V"), b.bs.path, version("git", "-C", b.repo, "describe", "--always", "--dirty"))
	if b.bt.present() {
		fmt.Fprintf(w, "| bpftrace | %s (`%s`) |\n", version(b.bt.path, "--version"), b.bt.path)
	} else {
		fmt.Fprintln(w, "| bpftrace | **not installed: its column is empty** |")
	}
	fmt.Fprintf(w, "| Go | %s |\n", runtime.Version())
	fmt.Fprintf(w, "| CPU use | tracers pinned to CPU %d and the fixed load to CPU %d where a row says \"under load\" |\n", b.tracerCPU, b.loadCPU)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Targets")
	fmt.Fprintln(w)
	writeSummary(w, sections)
	for i, s := range sections {
		writeSection(w, i+1, s)
	}
}
