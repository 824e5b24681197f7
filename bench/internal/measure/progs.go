package measure

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// Prog is one loaded program's size and counters at one moment.
type Prog struct {
	ID       ebpf.ProgramID
	Name     string
	Insns    int // instruction slots the kernel holds: bytes_xlated / 8
	RunCount uint64
	RunTime  time.Duration
}

// Programs reads every BPF program loaded now. Programs that go away while
// being read are skipped.
func Programs() ([]Prog, error) {
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
		if p, err := readProg(next); err == nil {
			out = append(out, p)
		}
	}
}

// ProgramsOf reads the BPF programs process pid holds. Unlike "every
// program loaded since it started", this does not pick up programs other
// tools load at the same time.
func ProgramsOf(pid int) ([]Prog, error) {
	ids, err := programIDsOf(pid)
	if err != nil {
		return nil, err
	}
	var out []Prog
	for _, id := range ids {
		if p, err := readProg(id); err == nil {
			out = append(out, p)
		}
	}
	return out, nil
}

// programIDsOf lists the programs behind process pid's BPF program and
// link file descriptors: the prog_id line of their /proc/PID/fdinfo.
func programIDsOf(pid int) ([]ebpf.ProgramID, error) {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	seen := map[ebpf.ProgramID]bool{}
	var ids []ebpf.ProgramID
	for _, e := range entries {
		// Only program and link fds name a program; the link target says
		// which fds those are without reading every fdinfo.
		target, err := os.Readlink(filepath.Join(dir, e.Name()))
		if err != nil || (target != "anon_inode:bpf-prog" && target != "anon_inode:bpf_link") {
			continue
		}
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%s", pid, e.Name()))
		if err != nil {
			continue // closed meanwhile
		}
		if id, ok := fdinfoProgID(string(data)); ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// fdinfoProgID finds the "prog_id:" line of an fdinfo text.
func fdinfoProgID(fdinfo string) (ebpf.ProgramID, bool) {
	id, ok := fdinfoField(fdinfo, "prog_id")
	return ebpf.ProgramID(id), ok
}

// fdinfoField finds the numeric field name ("prog_id", "map_id") of an
// fdinfo text.
func fdinfoField(fdinfo, name string) (uint32, bool) {
	for _, line := range strings.Split(fdinfo, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok || key != name {
			continue
		}
		id, err := strconv.ParseUint(strings.TrimSpace(value), 10, 32)
		if err != nil {
			return 0, false
		}
		return uint32(id), true
	}
	return 0, false
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

// KeyCounter counts the keys in the user maps a tracer created: the BPF
// maps both bpftrace and bpfscript name "AT_<name>" for a script's @ maps.
// For a script in which every probe counts into @[probe], the count is the
// number of probes that have fired, whatever programs the tool loaded for
// them.
//
// It finds the maps by ID among those created since a point taken before
// the tracer started (the kernel hands out map IDs in increasing order),
// which takes a few system calls, where looking through /proc/PID/fd takes
// a millisecond: that time would count against the tracer. It assumes
// nothing else creates maps named AT_ meanwhile, which holds on a machine
// running a benchmark.
type KeyCounter struct {
	first ebpf.MapID
	maps  map[ebpf.MapID]*ebpf.Map
}

// NewKeyCounter counts the keys of user maps created from now on.
func NewKeyCounter() (*KeyCounter, error) {
	var last ebpf.MapID
	for {
		id, err := ebpf.MapGetNextID(last)
		if errors.Is(err, os.ErrNotExist) {
			break
		}
		if err != nil {
			return nil, err
		}
		last = id
	}
	return &KeyCounter{first: last + 1, maps: map[ebpf.MapID]*ebpf.Map{}}, nil
}

// Discover takes hold of the user maps created since NewKeyCounter.
func (k *KeyCounter) Discover() error {
	for id := k.first - 1; ; {
		next, err := ebpf.MapGetNextID(id)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		id = next
		if k.maps[id] != nil {
			continue
		}
		m, err := ebpf.NewMapFromID(id)
		if err != nil {
			continue // gone meanwhile
		}
		if info, err := m.Info(); err != nil || !strings.HasPrefix(info.Name, "AT_") {
			m.Close()
			continue
		}
		k.maps[id] = m
	}
}

// Maps is the number of user maps found so far.
func (k *KeyCounter) Maps() int { return len(k.maps) }

// Keys counts the keys of every user map found so far.
func (k *KeyCounter) Keys() (int, error) {
	n := 0
	for _, m := range k.maps {
		var key any // nil: the first key
		for {
			next, err := m.NextKeyBytes(key)
			if err != nil {
				return 0, err
			}
			if next == nil {
				break
			}
			n++
			key = next
		}
	}
	return n, nil
}

// Close lets go of the maps.
func (k *KeyCounter) Close() {
	for id, m := range k.maps {
		m.Close()
		delete(k.maps, id)
	}
}
