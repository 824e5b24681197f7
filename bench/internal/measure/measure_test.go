package measure

import (
	"os"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		xs   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{7}, 7},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{5, 5, 1, 9, 5}, 5},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.xs)
		if got := Median(tt.xs); got != tt.want {
			t.Errorf("Median(%v) = %v, want %v", tt.xs, got, tt.want)
		}
		if !slices.Equal(in, tt.xs) {
			t.Errorf("Median reordered its argument: %v", tt.xs)
		}
	}
	if got := MedianDuration([]time.Duration{3, 1, 2}); got != 2 {
		t.Errorf("MedianDuration = %v, want 2", got)
	}
}

func TestParseStatusMemory(t *testing.T) {
	tests := []struct {
		status        string
		peak, current int64
		wantErr       bool
	}{
		{"Name:\tx\nVmHWM:\t   9000 kB\nVmRSS:\t    8000 kB\n", 9000 << 10, 8000 << 10, false},
		{"VmRSS:\t1 kB\nVmHWM:\t2 kB", 2 << 10, 1 << 10, false},
		{"Name:\tkthread\n", 0, 0, true},
		{"VmHWM:\tlots kB\nVmRSS:\t1 kB\n", 0, 0, true},
	}
	for _, tt := range tests {
		peak, current, err := parseStatusMemory(tt.status)
		if (err != nil) != tt.wantErr || peak != tt.peak || current != tt.current {
			t.Errorf("parseStatusMemory(%q) = %d, %d, %v; want %d, %d, error %v", tt.status, peak, current, err, tt.peak, tt.current, tt.wantErr)
		}
	}
}

func TestFdinfoProgID(t *testing.T) {
	tests := []struct {
		fdinfo string
		id     ebpf.ProgramID
		ok     bool
	}{
		{"pos:\t0\nflags:\t02000002\nmnt_id:\t16\nino:\t1057\nprog_type:\t5\nprog_jited:\t1\nprog_tag:\t8e2a5f9d4a2b4d5c\nmemlock:\t4096\nprog_id:\t38784\n", 38784, true},
		{"link_type:\tperf\nlink_id:\t12\nprog_tag:\tab\nprog_id:\t7\n", 7, true},
		{"pos:\t0\nflags:\t0100000\nmnt_id:\t24\n", 0, false},
		{"prog_id:\tx\n", 0, false},
	}
	for _, tt := range tests {
		id, ok := fdinfoProgID(tt.fdinfo)
		if id != tt.id || ok != tt.ok {
			t.Errorf("fdinfoProgID(%q) = %d, %v; want %d, %v", tt.fdinfo, id, ok, tt.id, tt.ok)
		}
	}
}

func TestLaunchAttachAndStop(t *testing.T) {
	p, err := Launch([]string{"sh", "-c", "echo starting; echo Attached 1 probe >&2; exec sleep 30"}, Options{CPU: 0, KeepLines: true})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Kill()
	at, err := p.WaitAttached(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if at <= 0 || at > 10*time.Second {
		t.Errorf("attach time %v", at)
	}
	if err := p.Exited(); err != nil {
		t.Fatalf("Exited while running: %v", err)
	}
	if peak, current, err := p.Memory(); err != nil || peak < current || current <= 0 {
		t.Errorf("Memory() = %d, %d, %v", peak, current, err)
	}
	gone, err := p.Stop(syscall.SIGTERM, 10*time.Second)
	// sleep dies of the signal: the status is an error, which Stop reports.
	if err == nil {
		t.Errorf("Stop: no error for a process killed by SIGTERM (took %v)", gone)
	}
	if rss, err := p.MaxRSS(); err != nil || rss <= 0 {
		t.Errorf("MaxRSS() = %d, %v", rss, err)
	}
	if got := p.Lines(); !slices.Equal(got, []string{"starting", "Attached 1 probe"}) {
		t.Errorf("Lines() = %q", got)
	}
	if p.Exited() == nil {
		t.Error("Exited() = nil after Stop")
	}
}

func TestWaitFailsWhenTheTracerExitsFirst(t *testing.T) {
	p, err := Launch([]string{"sh", "-c", "echo ERROR: no such probe; exit 1"}, Options{CPU: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.WaitAttached(10 * time.Second); err == nil {
		t.Fatal("WaitAttached succeeded for a process that never attached")
	}
	if _, err := p.Wait(10 * time.Second); err == nil {
		t.Fatal("Wait: no error for exit status 1")
	}
}

func TestWaitTimesLaunchToExit(t *testing.T) {
	p, err := Launch([]string{"sh", "-c", "exec sleep 0.1"}, Options{CPU: -1})
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.Wait(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if d < 100*time.Millisecond || d > 5*time.Second {
		t.Errorf("launch to exit of sleep 0.1 = %v", d)
	}
	if cpu, err := p.CPUTime(); err != nil || cpu > d {
		t.Errorf("CPUTime() = %v, %v (wall %v)", cpu, err, d)
	}
}

// TestProgramStats loads a program on the getppid tracepoint, as a tracer
// would, and checks that the load drives it and the counters see it.
func TestProgramStats(t *testing.T) {
	stats, err := EnableStats()
	if err != nil {
		t.Fatal(err)
	}
	defer stats.Close()
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name:    "measure_test",
		Type:    ebpf.TracePoint,
		License: "GPL",
		Instructions: asm.Instructions{
			asm.Mov.Imm(asm.R0, 0),
			asm.Return(),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()
	l, err := link.Tracepoint("syscalls", "sys_enter_getppid", prog, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	// This process holds the program: ProgramsOf finds it, and Programs
	// lists it among all.
	mine, err := ProgramsOf(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 1 || mine[0].Name != "measure_test" || mine[0].Insns != 2 {
		t.Fatalf("ProgramsOf(self) = %+v: want measure_test with 2 instructions", mine)
	}
	all, err := Programs()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(all, func(p Prog) bool { return p.ID == mine[0].ID }) {
		t.Errorf("Programs() does not list program %d", mine[0].ID)
	}
	const n = 10000
	cpu := runtime.NumCPU() - 1
	if _, err := Getppid(cpu, n); err != nil {
		t.Fatal(err)
	}
	after, err := Reread(mine)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Between(mine, after, mine[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	// Other processes may call getppid too, but never fewer.
	if d.Runs < n || d.NsPerRun() <= 0 {
		t.Errorf("after %d getppid calls: %d runs, %.1f ns per run", n, d.Runs, d.NsPerRun())
	}
	if CountRunning(after) != 1 {
		t.Errorf("CountRunning = %d, want 1", CountRunning(after))
	}
	if b, ok := Busiest(after); !ok || b.ID != mine[0].ID {
		t.Errorf("Busiest = %+v, %v", b, ok)
	}

	calls, tids, err := GetppidFor([]int{cpu}, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Reread(after)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := Between(after, again, mine[0].ID); calls[0] <= 0 || d.Runs < uint64(calls[0]) || tids[0] <= 0 {
		t.Errorf("GetppidFor: %d calls from tid %d, %d runs", calls[0], tids[0], d.Runs)
	}
}

// TestCycleSyscalls checks that every call Cycle makes has its
// sys_enter tracepoint, and that Cycle runs until stopped.
func TestCycleSyscalls(t *testing.T) {
	if len(CycleSyscalls) != 20 {
		t.Errorf("%d syscalls, want 20", len(CycleSyscalls))
	}
	for _, name := range CycleSyscalls {
		if _, err := os.Stat("/sys/kernel/tracing/events/syscalls/sys_enter_" + name); err != nil {
			t.Errorf("no tracepoint for %s: %v", name, err)
		}
	}
	stop, err := Cycle(runtime.NumCPU()-1, 100*time.Microsecond)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if rounds := stop(); rounds == 0 {
		t.Error("no round in 20 ms")
	}
}

func TestReadLoad(t *testing.T) {
	if d, err := Read(0, 1000); err != nil || d <= 0 {
		t.Errorf("Read = %v, %v", d, err)
	}
}

// TestKeyCounter counts the keys of the user maps (named AT_...) created
// after it.
func TestKeyCounter(t *testing.T) {
	newMap := func(name string, keys int) {
		m, err := ebpf.NewMap(&ebpf.MapSpec{Name: name, Type: ebpf.Hash, KeySize: 8, ValueSize: 8, MaxEntries: 64})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		for i := range keys {
			if err := m.Put(uint64(i), uint64(1)); err != nil {
				t.Fatal(err)
			}
		}
	}
	newMap("AT_before", 6)
	k, err := NewKeyCounter()
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	newMap("AT_", 3)
	newMap("AT_y", 2)
	newMap("other", 5)
	if err := k.Discover(); err != nil {
		t.Fatal(err)
	}
	if k.Maps() != 2 {
		t.Errorf("found %d user maps, want 2", k.Maps())
	}
	if n, err := k.Keys(); n != 5 || err != nil {
		t.Errorf("Keys = %d, %v; want 5 (the new AT_ maps' keys only)", n, err)
	}
}
