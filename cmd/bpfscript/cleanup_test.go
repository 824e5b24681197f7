package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
)

// These tests check that however bpfscript ends (exit(), SIGINT, SIGTERM,
// SIGKILL, or a probe that cannot attach after the others have), it leaves
// no BPF program, map or link in the kernel, nothing pinned under
// /sys/fs/bpf and nothing mounted. No link is left when the process is
// gone, so no program runs; its perf events, which bpfscript hands to a
// closer process to close (attach.Closer), go when the closer has.
//
// Other test packages load BPF objects at the same time, so the objects of
// a run are identified exactly: while bpfscript runs, by the file
// descriptors it holds (/proc/PID/fdinfo names the object behind each);
// for a run too short to watch, by map names no other test uses.

// cleanupScript has every kind of probe; @cl_* maps make its objects easy
// to tell apart from other tests'. EXIT is replaced by the statement that
// ends the run when the load generator calls getppid(2).
const cleanupScript = `
begin { @cl_begin = 1; }
tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @cl_tp = count(); EXIT }
interval:ms:50 { @cl_iv = count(); }
profile:hz:99 { @cl_pf = count(); }
end { @cl_end = 1; }
`

// ownedObjects are the BPF objects a process holds, by ID, with the name of
// each program and map (links have none).
type ownedObjects struct {
	progs map[ebpf.ProgramID]string
	maps  map[ebpf.MapID]string
	links map[link.ID]bool
}

// bpfObjectsOf lists the BPF objects process pid holds through its file
// descriptors, and the maps its programs use.
func bpfObjectsOf(t *testing.T, pid int) ownedObjects {
	t.Helper()
	o := ownedObjects{progs: map[ebpf.ProgramID]string{}, maps: map[ebpf.MapID]string{}, links: map[link.ID]bool{}}
	fdinfo := fmt.Sprintf("/proc/%d/fdinfo", pid)
	entries, err := os.ReadDir(fdinfo)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		fields := readFdinfo(t, filepath.Join(fdinfo, e.Name()))
		// A link's fdinfo names its program too.
		if id, ok := fields["link_id"]; ok {
			o.links[link.ID(id)] = true
		}
		if id, ok := fields["prog_id"]; ok {
			o.progs[ebpf.ProgramID(id)] = ""
		}
		if id, ok := fields["map_id"]; ok {
			o.maps[ebpf.MapID(id)] = ""
		}
	}
	for id := range o.progs {
		p, err := ebpf.NewProgramFromID(id)
		if err != nil {
			t.Fatalf("opening program %d: %v", id, err)
		}
		info, err := p.Info()
		p.Close()
		if err != nil {
			t.Fatal(err)
		}
		o.progs[id] = info.Name
		mapIDs, _ := info.MapIDs()
		for _, m := range mapIDs {
			o.maps[m] = ""
		}
	}
	for id := range o.maps {
		m, err := ebpf.NewMapFromID(id)
		if err != nil {
			t.Fatalf("opening map %d: %v", id, err)
		}
		info, err := m.Info()
		m.Close()
		if err != nil {
			t.Fatal(err)
		}
		o.maps[id] = info.Name
	}
	return o
}

// readFdinfo returns the numeric fields of an fdinfo file. A descriptor
// closed since the directory was read has none.
func readFdinfo(t *testing.T, path string) map[string]uint32 {
	t.Helper()
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fields := map[string]uint32{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		if n, err := strconv.ParseUint(strings.TrimSpace(value), 10, 32); err == nil {
			fields[key] = uint32(n)
		}
	}
	return fields
}

// remaining returns the objects of o that still exist in the kernel. An ID
// now naming an object with another name was reused and does not count
// (the kernel allocates IDs cyclically, so this is unlikely).
func (o ownedObjects) remaining() []string {
	var left []string
	for id, name := range o.progs {
		if p, err := ebpf.NewProgramFromID(id); err == nil {
			if info, err := p.Info(); err == nil && info.Name == name {
				left = append(left, fmt.Sprintf("program %d %q", id, name))
			}
			p.Close()
		}
	}
	for id, name := range o.maps {
		if m, err := ebpf.NewMapFromID(id); err == nil {
			if info, err := m.Info(); err == nil && info.Name == name {
				left = append(left, fmt.Sprintf("map %d %q", id, name))
			}
			m.Close()
		}
	}
	left = append(left, o.linksLeft()...)
	sort.Strings(left)
	return left
}

// linksLeft returns the links of o that still exist. A link goes as soon
// as it is closed (its program detaches then), so none may be left once
// the process that held it is gone.
func (o ownedObjects) linksLeft() []string {
	var left []string
	for id := range o.links {
		if l, err := link.NewFromID(id); err == nil {
			left = append(left, fmt.Sprintf("link %d", id))
			l.Close()
		}
	}
	sort.Strings(left)
	return left
}

// waitGone waits for the kernel to free what list returns (it frees BPF
// objects after an RCU grace period, not at close) and fails the test with
// whatever is left after a generous delay.
func waitGone(t *testing.T, list func() []string) {
	t.Helper()
	waitGoneWithin(t, 10*time.Second, list)
}

func waitGoneWithin(t *testing.T, d time.Duration, list func() []string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		left := list()
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("left behind in the kernel:\n%s", strings.Join(left, "\n"))
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// systemState is what a run must not change: entries under /sys/fs/bpf
// (pins) and mounts of BPF-related filesystems.
type systemState struct {
	pins, mounts []string
}

func currentSystemState(t *testing.T) systemState {
	t.Helper()
	var s systemState
	err := filepath.WalkDir("/sys/fs/bpf", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		s.pins = append(s.pins, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mountinfo, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(mountinfo)) {
		// The filesystem type follows the " - " separator.
		_, tail, _ := strings.Cut(line, " - ")
		if fstype, _, _ := strings.Cut(tail, " "); fstype == "bpf" || fstype == "tracefs" || fstype == "debugfs" {
			fields := strings.Fields(line)
			s.mounts = append(s.mounts, fields[4]+" "+fstype)
		}
	}
	return s
}

func (s systemState) check(t *testing.T, before systemState) {
	t.Helper()
	if !slices.Equal(s.pins, before.pins) {
		t.Errorf("/sys/fs/bpf changed:\nbefore %q\nafter  %q", before.pins, s.pins)
	}
	if !slices.Equal(s.mounts, before.mounts) {
		t.Errorf("mounts changed:\nbefore %q\nafter  %q", before.mounts, s.mounts)
	}
}

func TestCleanupAfterEnding(t *testing.T) {
	cpus, err := onlineCPUCount()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		exit string    // the statement that ends the run from the tracepoint
		sig  os.Signal // the signal that ends it otherwise
		code int       // the exit status expected
		args []string  // more arguments for bpfscript
	}{
		{"exit", "exit();", nil, 0, nil},
		{"SIGINT", "", syscall.SIGINT, 0, nil},
		{"SIGTERM", "", syscall.SIGTERM, 0, nil},
		{"SIGKILL", "", syscall.SIGKILL, -1, nil},
		// The traced command crashes: the run ends with it.
		{"-c command crashes", "", nil, 0, []string{"-c", "sh -c 'sleep 0.5; kill -SEGV $$'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := currentSystemState(t)
			s := startWithLoad(t, strings.Replace(cleanupScript, "EXIT", tt.exit, 1), "getppid 1 1", tt.args...)
			owned := bpfObjectsOf(t, s.cmd.Process.Pid)
			checkOwned(t, owned, cpus)

			var r result
			if tt.sig == nil {
				s.resume()
				r = s.wait()
			} else {
				r = s.stop(tt.sig)
			}
			if r.code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			if tt.sig != syscall.SIGKILL && !strings.Contains(r.stdout, "@cl_end: 1\n") {
				t.Errorf("the end probe did not run; stdout:\n%s", r.stdout)
			}
			if left := owned.linksLeft(); len(left) > 0 {
				t.Errorf("left attached after the process had gone:\n%s", strings.Join(left, "\n"))
			}
			waitGone(t, owned.remaining)
			waitGone(t, closersLeft(t))
			currentSystemState(t).check(t, before)
		})
	}
}

// checkOwned makes sure the objects found for a run are the run's: all of
// its programs, its maps, and a link per attachment (one for the
// tracepoint, one for the interval, one per CPU for the profile probe).
func checkOwned(t *testing.T, o ownedObjects, cpus int) {
	t.Helper()
	var progs, maps []string
	for _, name := range o.progs {
		progs = append(progs, name)
	}
	for _, name := range o.maps {
		if strings.HasPrefix(name, "AT_") {
			maps = append(maps, name)
		}
	}
	sort.Strings(progs)
	sort.Strings(maps)
	if want := []string{"begin", "end", "interval", "profile", "sys_enter_g"}; !slices.Equal(progs, want) {
		t.Errorf("bpfscript holds programs %q, want %q", progs, want)
	}
	if want := []string{"AT_cl_begin", "AT_cl_end", "AT_cl_iv", "AT_cl_pf", "AT_cl_tp"}; !slices.Equal(maps, want) {
		t.Errorf("bpfscript holds maps %q, want %q", maps, want)
	}
	if want := 2 + cpus; len(o.links) != want {
		t.Errorf("bpfscript holds %d links, want %d", len(o.links), want)
	}
}

func onlineCPUCount() (int, error) {
	text, err := os.ReadFile("/sys/devices/system/cpu/online")
	if err != nil {
		return 0, err
	}
	n := 0
	for part := range strings.SplitSeq(strings.TrimSpace(string(text)), ",") {
		first, last, isRange := strings.Cut(part, "-")
		lo, err := strconv.Atoi(first)
		if err != nil {
			return 0, err
		}
		hi := lo
		if isRange {
			if hi, err = strconv.Atoi(last); err != nil {
				return 0, err
			}
		}
		n += hi - lo + 1
	}
	return n, nil
}

// TestCleanupAfterAttachFails runs a script whose last probe cannot attach
// (a profile rate above kernel.perf_event_max_sample_rate), found while the
// maps and programs are loaded and the other probes' perf events are open:
// everything must go.
func TestCleanupAfterAttachFails(t *testing.T) {
	rate, err := os.ReadFile("/proc/sys/kernel/perf_event_max_sample_rate")
	if err != nil {
		t.Fatal(err)
	}
	max, err := strconv.ParseUint(strings.TrimSpace(string(rate)), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	tooFast := fmt.Sprintf("profile:hz:%d", 10*max)
	script := `begin { @cleanup_fail1 = 1; }
tracepoint:syscalls:sys_enter_getppid { @cleanup_fail2 = count(); }
interval:ms:50 { @cleanup_fail3 = count(); }
` + tooFast + ` { @cleanup_fail4 = count(); }
end { @cleanup_fail5 = 1; }`

	before := currentSystemState(t)
	firstMap, err := nextMapID()
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "-e", script)
	// The failure is reported once every map and program is loaded, so
	// there is something to clean up.
	if r.code != 1 || !strings.Contains(r.stderr, "attaching "+tooFast+": ") {
		t.Fatalf("exit code %d, want 1 with an error attaching %s; stderr:\n%s", r.code, tooFast, r.stderr)
	}
	waitGone(t, func() []string { return mapsNamedSince(t, firstMap, "AT_cleanup_fail") })
	currentSystemState(t).check(t, before)
}

// nextMapID returns the lowest ID a map created from now on can have,
// given that the kernel allocates IDs in increasing order (cyclically,
// which wraps only after 2^31 maps).
func nextMapID() (ebpf.MapID, error) {
	var last ebpf.MapID
	for {
		id, err := ebpf.MapGetNextID(last)
		if errors.Is(err, os.ErrNotExist) {
			return last + 1, nil
		}
		if err != nil {
			return 0, err
		}
		last = id
	}
}

// mapsNamedSince lists the maps with an ID from first on whose names start
// with prefix. A program or link left behind would hold its maps, so
// finding none of a run's maps means none of its objects are left.
func mapsNamedSince(t *testing.T, first ebpf.MapID, prefix string) []string {
	t.Helper()
	var found []string
	for id := first - 1; ; {
		next, err := ebpf.MapGetNextID(id)
		if errors.Is(err, os.ErrNotExist) {
			return found
		}
		if err != nil {
			t.Fatal(err)
		}
		id = next
		m, err := ebpf.NewMapFromID(id)
		if err != nil {
			continue // freed in the meantime
		}
		if info, err := m.Info(); err == nil && strings.HasPrefix(info.Name, prefix) {
			found = append(found, fmt.Sprintf("map %d %q", id, info.Name))
		}
		m.Close()
	}
}
