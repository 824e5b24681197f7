package attach

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

func getppidPoint() *types.AttachPoint {
	return &types.AttachPoint{
		Kind:  types.TracepointProbe,
		Name:  "tracepoint:syscalls:sys_enter_getppid",
		Group: "syscalls",
		Event: "sys_enter_getppid",
	}
}

func TestAttachTracepoint(t *testing.T) {
	prog, counter := countingProgram(t, ebpf.TracePoint, os.Getpid())
	l, err := Attach(prog, getppidPoint())
	if err != nil {
		t.Fatal(err)
	}
	const calls = 100
	for range calls {
		unix.Getppid()
	}
	if got := readCount(t, counter); got != calls {
		t.Errorf("count = %d after %d getppid calls", got, calls)
	}
	if n := linksOf(t, prog); n != 1 {
		t.Errorf("program has %d links while attached, want 1", n)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if n := linksOf(t, prog); n != 0 {
		t.Errorf("program has %d links after Close", n)
	}
	unix.Getppid()
	if got := readCount(t, counter); got != calls {
		t.Errorf("count = %d after Close, want it to stay %d", got, calls)
	}
}

// TestAttachCPUClock attaches profile and interval probes and waits for
// them to fire.
func TestAttachCPUClock(t *testing.T) {
	tests := []struct {
		ap       types.AttachPoint
		minCount uint64 // within the first second
	}{
		{types.AttachPoint{Kind: types.ProfileProbe, Name: "profile:hz:99", Freq: 99}, 10},
		{types.AttachPoint{Kind: types.IntervalProbe, Name: "interval:ms:10", PeriodNS: 10e6}, 10},
		{types.AttachPoint{Kind: types.IntervalProbe, Name: "interval:hz:50", Freq: 50}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.ap.Name, func(t *testing.T) {
			prog, counter := countingProgram(t, ebpf.PerfEvent, 0)
			l, err := Attach(prog, &tt.ap)
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(time.Second)
			for readCount(t, counter) < tt.minCount && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if got := readCount(t, counter); got < tt.minCount {
				t.Errorf("fired %d times in a second, want at least %d", got, tt.minCount)
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			if n := linksOf(t, prog); n != 0 {
				t.Errorf("program has %d links after Close", n)
			}
		})
	}
}

// TestIntervalFiresOnOneCPU checks that interval:ms:10 fires about 100
// times a second overall, not 100 times per CPU.
func TestIntervalFiresOnOneCPU(t *testing.T) {
	prog, counter := countingProgram(t, ebpf.PerfEvent, 0)
	l, err := Attach(prog, &types.AttachPoint{Kind: types.IntervalProbe, Name: "interval:ms:10", PeriodNS: 10e6})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	start := time.Now()
	time.Sleep(500 * time.Millisecond)
	got := readCount(t, counter)
	elapsed := time.Since(start) // more than 500 ms on a loaded machine
	cpus, err := onlineCPUs()
	if err != nil {
		t.Fatal(err)
	}
	// One per 10 ms; allow for timer slack but not for one event per CPU.
	want := float64(elapsed) / float64(10*time.Millisecond)
	if float64(got) < want/2 || (len(cpus) > 1 && float64(got) > want*1.5) {
		t.Errorf("interval:ms:10 fired %d times in %v on a %d-CPU machine, want about %.0f", got, elapsed, len(cpus), want)
	}
}

func TestAttachErrors(t *testing.T) {
	tracepointProg, _ := countingProgram(t, ebpf.TracePoint, 0)
	perfProg, _ := countingProgram(t, ebpf.PerfEvent, 0)
	attached, err := Attach(tracepointProg, getppidPoint())
	if err != nil {
		t.Fatal(err)
	}
	defer attached.Close()
	tests := []struct {
		name    string
		prog    *ebpf.Program
		ap      types.AttachPoint
		wantErr string
	}{
		{"attached twice", tracepointProg, *getppidPoint(),
			"attaching tracepoint:syscalls:sys_enter_getppid: the program is already attached there"},
		{"missing tracepoint", tracepointProg,
			types.AttachPoint{Kind: types.TracepointProbe, Name: "tracepoint:nosuch:event", Group: "nosuch", Event: "event"},
			"attaching tracepoint:nosuch:event: tracepoint nosuch:event does not exist"},
		{"wrong program type for tracepoint", perfProg, *getppidPoint(),
			"attaching tracepoint:syscalls:sys_enter_getppid: a PerfEvent program cannot run for a tracepoint probe, which needs a TracePoint program"},
		{"wrong program type for profile", tracepointProg,
			types.AttachPoint{Kind: types.ProfileProbe, Name: "profile:hz:99", Freq: 99},
			"attaching profile:hz:99: a TracePoint program cannot run for a profile probe, which needs a PerfEvent program"},
		{"frequency too high", perfProg, types.AttachPoint{Kind: types.ProfileProbe, Name: "profile:hz:100000000", Freq: 100000000},
			"attaching profile:hz:100000000: perf_event_open on CPU 0: invalid argument (is 100000000 Hz above kernel.perf_event_max_sample_rate?)"},
		{"no rate", perfProg, types.AttachPoint{Kind: types.IntervalProbe, Name: "interval:s:0"},
			"attaching interval:s:0: neither a frequency nor a period is set"},
		{"begin", tracepointProg, types.AttachPoint{Kind: types.BeginProbe, Name: "BEGIN"},
			"attaching BEGIN: begin probes are not attached but run once with RunOnce"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Attach(tt.prog, &tt.ap)
			if err == nil {
				l.Close()
				t.Fatalf("Attach succeeded, want an error starting %q", tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %q, want one line starting %q", err, tt.wantErr)
			}
		})
	}
}

// TestProgramTypesLoad loads a minimal program of each type ProgramType
// names, proving the running kernel accepts them.
func TestProgramTypesLoad(t *testing.T) {
	want := map[types.ProbeKind]ebpf.ProgramType{
		types.BeginProbe:      ebpf.RawTracepoint,
		types.EndProbe:        ebpf.RawTracepoint,
		types.TracepointProbe: ebpf.TracePoint,
		types.IntervalProbe:   ebpf.PerfEvent,
		types.ProfileProbe:    ebpf.PerfEvent,
	}
	for kind, wantType := range want {
		progType, attachType := ProgramType(kind)
		if progType != wantType || attachType != ebpf.AttachNone {
			t.Errorf("ProgramType(%s) = %s, %s; want %s, none", kind, progType, attachType, wantType)
			continue
		}
		prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
			Type:         progType,
			AttachType:   attachType,
			Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()},
			License:      "GPL",
		})
		if err != nil {
			t.Errorf("loading a %s program for %s: %v", progType, kind, err)
			continue
		}
		prog.Close()
	}
}

// TestRunOnce runs a begin-style program that uses the tracing helpers a
// BEGIN block needs and writes them to a ring buffer.
func TestRunOnce(t *testing.T) {
	events, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.RingBuf, MaxEntries: 4096})
	if err != nil {
		t.Fatal(err)
	}
	defer events.Close()
	progType, attachType := ProgramType(types.BeginProbe)
	// The record: pid_tgid u64 at fp-32, ktime u64 at fp-24, comm[16] at fp-16.
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Type:       progType,
		AttachType: attachType,
		License:    "GPL",
		Instructions: asm.Instructions{
			asm.FnGetCurrentPidTgid.Call(),
			asm.StoreMem(asm.RFP, -32, asm.R0, asm.DWord),
			asm.FnKtimeGetNs.Call(),
			asm.StoreMem(asm.RFP, -24, asm.R0, asm.DWord),
			asm.Mov.Reg(asm.R1, asm.RFP),
			asm.Add.Imm(asm.R1, -16),
			asm.Mov.Imm(asm.R2, 16),
			asm.FnGetCurrentComm.Call(),
			asm.LoadMapPtr(asm.R1, events.FD()),
			asm.Mov.Reg(asm.R2, asm.RFP),
			asm.Add.Imm(asm.R2, -32),
			asm.Mov.Imm(asm.R3, 32),
			asm.Mov.Imm(asm.R4, 0),
			asm.FnRingbufOutput.Call(),
			asm.Mov.Imm(asm.R0, 42),
			asm.Return(),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer prog.Close()

	reader, err := ringbuf.NewReader(events)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	ret, err := RunOnce(prog)
	if err != nil {
		t.Fatal(err)
	}
	if ret != 42 {
		t.Errorf("RunOnce = %d, want 42", ret)
	}

	reader.SetDeadline(time.Now().Add(time.Second))
	record, err := reader.Read()
	if err != nil {
		t.Fatalf("reading the ring buffer: %v", err)
	}
	if len(record.RawSample) != 32 {
		t.Fatalf("record is %d bytes, want 32", len(record.RawSample))
	}
	if tgid := binary.NativeEndian.Uint64(record.RawSample[0:]) >> 32; tgid != uint64(os.Getpid()) {
		t.Errorf("tgid = %d, want %d", tgid, os.Getpid())
	}
	if ktime := binary.NativeEndian.Uint64(record.RawSample[8:]); ktime == 0 {
		t.Error("ktime_get_ns gave 0")
	}
	wantComm, err := os.ReadFile("/proc/self/comm")
	if err != nil {
		t.Fatal(err)
	}
	comm, _, _ := bytes.Cut(record.RawSample[16:], []byte{0})
	if string(comm) != strings.TrimSpace(string(wantComm)) {
		t.Errorf("comm = %q, want %q", comm, strings.TrimSpace(string(wantComm)))
	}

	tracepointProg, _ := countingProgram(t, ebpf.TracePoint, 0)
	if _, err := RunOnce(tracepointProg); err == nil || !strings.Contains(err.Error(), "want RawTracepoint") {
		t.Errorf("RunOnce of a tracepoint program: error = %v", err)
	}
}

func TestCloseAllRealLinks(t *testing.T) {
	prog, counter := countingProgram(t, ebpf.TracePoint, os.Getpid())
	names, err := tracefs.New().Tracepoints("syscalls", "sys_enter_*")
	if err != nil {
		t.Fatal(err)
	}
	names = names[:min(len(names), 40)]
	links := []Link{}
	for _, name := range names {
		group, event, _ := strings.Cut(name, ":")
		l, err := Attach(prog, &types.AttachPoint{Kind: types.TracepointProbe, Group: group, Event: event})
		if err != nil {
			CloseAll(links)
			t.Fatal(err)
		}
		links = append(links, l)
	}
	// Several programs on one tracepoint must be fine too.
	for range 3 {
		other, _ := countingProgram(t, ebpf.TracePoint, 0)
		l, err := Attach(other, getppidPoint())
		if err != nil {
			CloseAll(links)
			t.Fatal(err)
		}
		links = append(links, l)
	}
	if n := linksOf(t, prog); n != len(names) {
		t.Errorf("program has %d links, want %d", n, len(names))
	}
	start := time.Now()
	if err := CloseAll(links); err != nil {
		t.Fatal(err)
	}
	t.Logf("CloseAll of %d links took %v", len(links), time.Since(start))
	if n := linksOf(t, prog); n != 0 {
		t.Errorf("program has %d links after CloseAll", n)
	}
	before := readCount(t, counter)
	unix.Getppid()
	if after := readCount(t, counter); after != before {
		t.Errorf("count went from %d to %d after CloseAll", before, after)
	}
}

type fakeLink struct {
	err    error
	closed *int
}

func (l fakeLink) Close() error {
	*l.closed++
	return l.err
}

func (l fakeLink) Detach() error { return l.err }

func TestCloseAllErrors(t *testing.T) {
	errA, errB := errors.New("a failed"), errors.New("b failed")
	tests := []struct {
		name string
		errs []error
		want []error
	}{
		{"none", nil, nil},
		{"all succeed", []error{nil, nil, nil}, nil},
		{"one fails", []error{nil, errA, nil}, []error{errA}},
		{"two fail", []error{errA, nil, errB}, []error{errA, errB}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counts := make([]int, len(tt.errs))
			links := make([]Link, len(tt.errs))
			for i, err := range tt.errs {
				links[i] = fakeLink{err: err, closed: &counts[i]}
			}
			links = append(links, nil) // nil entries are skipped
			err := CloseAll(links)
			for i, c := range counts {
				if c != 1 {
					t.Errorf("link %d closed %d times", i, c)
				}
			}
			if (err == nil) != (len(tt.want) == 0) {
				t.Fatalf("CloseAll = %v, want errors %v", err, tt.want)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("CloseAll = %v, does not hold %v", err, w)
				}
			}
		})
	}
}

func BenchmarkAttachDetachTracepoint(b *testing.B) {
	prog, _ := countingProgram(b, ebpf.TracePoint, 0)
	ap := getppidPoint()
	for b.Loop() {
		l, err := Attach(prog, ap)
		if err != nil {
			b.Fatal(err)
		}
		if err := l.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
