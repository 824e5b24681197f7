package measure

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// EnableStats turns on the kernel's run_time_ns / run_cnt accounting
// (BPF_ENABLE_STATS, as sysctl kernel.bpf_stats_enabled=1) until the
// returned closer is closed.
func EnableStats() (io.Closer, error) {
	c, err := ebpf.EnableStats(unix.BPF_STATS_RUN_TIME)
	if err != nil {
		return nil, fmt.Errorf("enabling BPF run-time stats: %w", err)
	}
	return c, nil
}

// ProgramSet is a set of loaded BPF program ids.
type ProgramSet map[ebpf.ProgramID]bool

// LoadedPrograms lists the ids of every BPF program loaded now.
func LoadedPrograms() ProgramSet {
	seen := ProgramSet{}
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

// Prog is one loaded program's size and counters at one moment.
type Prog struct {
	ID       ebpf.ProgramID
	Name     string
	Insns    int // instruction slots the kernel holds: bytes_xlated / 8
	RunCount uint64
	RunTime  time.Duration
}

// NewPrograms reads every program loaded now that is not in before: the
// programs of a tracer started after before was taken. Programs that go
// away while being read are skipped.
func NewPrograms(before ProgramSet) ([]Prog, error) {
	var out []Prog
	var id ebpf.ProgramID
	for {
		next, err := ebpf.ProgramGetNextID(id)
		if errors.Is(err, os.ErrNotExist) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		id = next
		if before[next] {
			continue
		}
		p, err := readProg(next)
		if err != nil {
			continue
		}
		out = append(out, p)
	}
}

// Reread reads the counters of the same programs again.
func Reread(progs []Prog) ([]Prog, error) {
	out := make([]Prog, 0, len(progs))
	for _, old := range progs {
		p, err := readProg(old.ID)
		if err != nil {
			return nil, fmt.Errorf("program %d (%s): %w", old.ID, old.Name, err)
		}
		out = append(out, p)
	}
	return out, nil
}

func readProg(id ebpf.ProgramID) (Prog, error) {
	p, err := ebpf.NewProgramFromID(id)
	if err != nil {
		return Prog{}, err
	}
	defer p.Close()
	info, err := p.Info()
	if err != nil {
		return Prog{}, err
	}
	st, err := p.Stats()
	if err != nil {
		return Prog{}, err
	}
	size, _ := info.TranslatedSize()
	return Prog{ID: id, Name: info.Name, Insns: size / 8, RunCount: st.RunCount, RunTime: st.Runtime}, nil
}

// Busiest is the program that ran most often, the probe under load when a
// tracer loads helpers beside it; ok is false when none ran.
func Busiest(progs []Prog) (p Prog, ok bool) {
	for _, q := range progs {
		if q.RunCount > p.RunCount {
			p, ok = q, true
		}
	}
	return p, ok
}

// Delta is the runs and run time of one program between two readings.
type Delta struct {
	Runs    uint64
	RunTime time.Duration
}

// NsPerRun is the mean run time in nanoseconds, 0 when it did not run.
func (d Delta) NsPerRun() float64 {
	if d.Runs == 0 {
		return 0
	}
	return float64(d.RunTime.Nanoseconds()) / float64(d.Runs)
}

// Between is the change in prog's counters from before to after, matched
// by id.
func Between(before, after []Prog, id ebpf.ProgramID) (Delta, error) {
	var b, a *Prog
	for i := range before {
		if before[i].ID == id {
			b = &before[i]
		}
	}
	for i := range after {
		if after[i].ID == id {
			a = &after[i]
		}
	}
	if a == nil || b == nil {
		return Delta{}, fmt.Errorf("program %d not in both readings", id)
	}
	return Delta{Runs: a.RunCount - b.RunCount, RunTime: a.RunTime - b.RunTime}, nil
}

// CountRunning counts the programs in progs that have run at least once.
func CountRunning(progs []Prog) int {
	n := 0
	for _, p := range progs {
		if p.RunCount > 0 {
			n++
		}
	}
	return n
}
