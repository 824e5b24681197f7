package runtime

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"
)

// Options control a run.
type Options struct {
	Out     io.Writer // program output: printf, print, maps
	Diag    io.Writer // messages about the run: "Attached N probes"
	Quiet   bool      // no "Attached" message
	Verbose bool      // whole verifier logs
	DryRun  bool      // load into the verifier, attach nothing, run nothing
	// VerifierLog, when set, receives the verifier's log of every program.
	VerifierLog io.Writer
	// OnAttached, when set, is called once every probe is attached (the
	// -c command is released then).
	OnAttached func()
	// Closer, when set, tracks the run's links: at the end of the run it
	// detaches them and hands their perf events to a closer process, so
	// that neither Run nor the process's exit waits for the kernel to
	// unregister each event, and its HandOff ends the probes from any
	// goroutine, as when a second signal ends the process at once. It is
	// released when Run returns. Unset, Run closes everything itself.
	Closer *attach.Closer
}

// Run loads and attaches the plan, and runs it until exit(), cancellation of
// ctx (a signal) or, for a program of only begin/end probes, until they have
// run. It returns the exit code (0, or the code given to exit()).
func Run(ctx context.Context, plan *compiler.Plan, code Code, opts Options) (int, error) {
	if opts.Out == nil {
		opts.Out = os.Stdout
	}
	if opts.Diag == nil {
		opts.Diag = os.Stderr
	}
	// Opening the probes' perf events needs no program, and the kernel
	// does it one event at a time: it goes on in the background while the
	// programs are verified.
	var opener *eventOpener
	if !opts.DryRun {
		defer opts.Closer.Release()
		opener = openEvents(plan)
		defer opener.close()
	}
	objs, err := load(plan, code, opts.Verbose, opts.VerifierLog != nil)
	if err != nil {
		return 1, err
	}
	defer objs.close()
	if opts.VerifierLog != nil {
		for _, p := range plan.Programs {
			fmt.Fprintf(opts.VerifierLog, "; %s\n%s\n", p.Attach.Name, objs.progs[p].VerifierLog)
		}
	}
	if opts.DryRun {
		return 0, nil
	}
	r := &run{plan: plan, objs: objs, out: bufio.NewWriterSize(opts.Out, 64<<10), closer: opts.Closer}
	defer r.out.Flush()
	r.fmt = &output.Formatter{ProbeNames: plan.ProbeNames, TimeFormats: plan.TimeFormats, BootTime: bootTime()}
	r.rd, err = ringbuf.NewReader(objs.maps[compiler.EventsMap])
	if err != nil {
		return 1, fmt.Errorf("opening the event ring buffer: %w", err)
	}
	defer r.rd.Close()

	// Every event must open before anything runs: a probe that cannot
	// attach stops the run before begin probes have had any effect.
	events, err := opener.wait()
	if err != nil {
		return 1, err
	}
	// As bpftrace: begin probes run before any other probe is attached, so
	// what they print comes first and what they store is there for the
	// first event.
	if err := r.runProbes(types.BeginProbe); err != nil {
		return 1, err
	}
	if err := r.attachAll(events); err != nil {
		// Keep what begin probes printed before the failure.
		r.drain()
		r.out.Flush()
		return 1, err
	}
	opts.Closer.Track(r.links)
	defer r.detach()
	r.mon = newMonitor(plan, objs, opts.Diag)
	r.mon.start(time.Second)
	defer r.mon.finish()
	if !opts.Quiet {
		n := len(plan.Programs)
		s := "s"
		if n == 1 {
			s = ""
		}
		fmt.Fprintf(opts.Diag, "Attached %d probe%s\n", n, s)
	}
	if opts.OnAttached != nil {
		opts.OnAttached()
	}
	if plan.HasOnlyBeginEnd() {
		err = r.drain()
	} else {
		err = r.loop(ctx)
	}
	if err != nil {
		return 1, err
	}
	return r.finish()
}

type run struct {
	plan  *compiler.Plan
	objs  *objects
	rd    *ringbuf.Reader
	out   *bufio.Writer
	fmt   *output.Formatter
	links []attach.Link
	mon   *monitor
	// closer, when not nil, takes the links' perf events at the end.
	closer *attach.Closer

	exited   bool
	exitCode int
	discard  bool         // drop events: they came after exit()
	args     []output.Arg // printf arguments, reused from event to event
}

// attachAll binds every probe's program to its opened events.
func (r *run) attachAll(events map[*compiler.Program]*attach.Event) error {
	for _, p := range r.plan.Programs {
		ev := events[p]
		if ev == nil {
			continue // begin and end probes run once, unattached
		}
		l, err := ev.Attach(r.objs.progs[p], p.Cookie)
		if err != nil {
			r.detach()
			return err
		}
		r.links = append(r.links, l)
	}
	return nil
}

// stopProbes detaches every probe so that no more events come; the links
// stay open until close.
func (r *run) stopProbes() {
	attach.DetachAll(r.links)
}

// detach releases every link: the slow part of exiting, done last, and
// quick once the closer holds the perf events.
func (r *run) detach() {
	if len(r.links) > 0 {
		r.closer.HandOff()
		attach.CloseAll(r.links)
		r.links = nil
	}
}

func (r *run) runProbes(kind types.ProbeKind) error {
	for _, p := range r.plan.Programs {
		if p.Attach.Kind != kind {
			continue
		}
		if _, err := attach.RunOnce(r.objs.progs[p]); err != nil {
			return fmt.Errorf("running %s: %w", p.Attach.Name, err)
		}
	}
	return nil
}

// loop handles events until exit() or cancellation.
//
// A signal flushes the reader to wake it, and sets a flag the loop checks
// after every record: under a storm of events the reader would otherwise
// never run dry and the signal would go unheeded.
func (r *run) loop(ctx context.Context) error {
	var stopped atomic.Bool
	stop := context.AfterFunc(ctx, func() {
		stopped.Store(true)
		r.rd.Flush()
	})
	defer stop()
	var rec ringbuf.Record
	for !r.exited && !stopped.Load() {
		err := r.rd.ReadInto(&rec)
		if errors.Is(err, ringbuf.ErrFlushed) {
			continue
		}
		if err != nil {
			return fmt.Errorf("reading events: %w", err)
		}
		if err := r.handle(rec.RawSample); err != nil {
			return err
		}
		if r.rd.AvailableBytes() == 0 {
			if err := r.out.Flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// drain handles every event already in the ring buffer.
func (r *run) drain() error {
	r.rd.SetDeadline(time.Now())
	var rec ringbuf.Record
	for {
		err := r.rd.ReadInto(&rec)
		if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, ringbuf.ErrFlushed) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading events: %w", err)
		}
		if err := r.handle(rec.RawSample); err != nil {
			return err
		}
	}
}

// finish detaches, runs end probes, prints what they sent and every map.
//
// Events other probes sent after exit() are dropped: exit() means stop,
// even when other CPUs were still tracing while it reached user space.
// After a signal, everything sent before detaching is still printed.
func (r *run) finish() (int, error) {
	r.stopProbes()
	if r.exited {
		r.discard = true
	}
	if err := r.drain(); err != nil {
		return 1, err
	}
	r.discard = false
	if err := r.runProbes(types.EndProbe); err != nil {
		return 1, err
	}
	if err := r.drain(); err != nil {
		return 1, err
	}
	r.mon.finish()
	if err := r.printMaps(); err != nil {
		return 1, err
	}
	return r.exitCode, r.out.Flush()
}

func (r *run) printMaps() error {
	var maps []*output.MapData
	names := make([]string, 0)
	for _, m := range r.plan.Maps {
		if m.User != nil {
			names = append(names, m.Name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		md, err := r.snapshot(name)
		if err != nil {
			return err
		}
		if len(md.Entries) > 0 {
			maps = append(maps, md)
		}
	}
	return r.fmt.PrintExitMaps(r.out, maps)
}

func (r *run) snapshot(name string) (*output.MapData, error) {
	spec := r.plan.Map(name)
	return readMap(r.objs.maps[name], spec)
}

// handle dispatches one ring-buffer record.
func (r *run) handle(rec []byte) error {
	if len(rec) < 8 {
		return fmt.Errorf("short event record of %d bytes", len(rec))
	}
	id := binary.LittleEndian.Uint64(rec)
	if id >= uint64(len(r.plan.Events)) {
		return fmt.Errorf("unknown event id %d", id)
	}
	ev, payload := r.plan.Events[id], rec[8:]
	if r.discard {
		return nil
	}
	switch ev.Kind {
	case compiler.PrintfEvent:
		// One slice for every printf event: this is the per-event path.
		r.args = r.args[:0]
		for _, f := range ev.Args.Fields {
			r.args = append(r.args, output.Arg{Type: f.Type, Data: payload[f.Offset : f.Offset+f.Type.Size]})
		}
		return r.fmt.Printf(r.out, ev.Directives, r.args)
	case compiler.PrintMapEvent:
		md, err := r.snapshot(ev.Map)
		if err != nil {
			return err
		}
		if len(md.Entries) == 0 {
			// bpftrace prints an empty line for an empty map, so that
			// periodic reports keep their shape.
			_, err := io.WriteString(r.out, "\n")
			return err
		}
		return r.fmt.PrintMap(r.out, md, int(ev.Top), int(ev.Div))
	case compiler.PrintValueEvent:
		_, err := fmt.Fprintln(r.out, r.fmt.FormatValue(ev.Value, payload[:ev.Value.Size]))
		return err
	case compiler.ClearEvent:
		return clearMap(r.objs.maps[ev.Map])
	case compiler.ZeroEvent:
		return zeroMap(r.objs.maps[ev.Map], r.plan.Map(ev.Map))
	case compiler.ExitEvent:
		if !r.exited {
			r.exited = true
			r.exitCode = int(int64(binary.LittleEndian.Uint64(payload)))
		}
	case compiler.TimeEvent:
		_, err := io.WriteString(r.out, output.FormatTime(ev.Format, time.Now()))
		return err
	case compiler.JoinEvent:
		var parts []string
		n := int(binary.LittleEndian.Uint64(payload))
		for i := 0; i < n && i < ev.Count; i++ {
			s := payload[8+i*ev.StrLen : 8+(i+1)*ev.StrLen]
			if n := strings.IndexByte(string(s), 0); n >= 0 {
				s = s[:n]
			}
			parts = append(parts, string(s))
		}
		_, err := fmt.Fprintln(r.out, strings.Join(parts, ev.Sep))
		return err
	}
	return nil
}

// bootTime is the wall-clock time at boot: nsecs and strftime() count from
// it (CLOCK_BOOTTIME, as bpf_ktime_get_boot_ns).
func bootTime() time.Time {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return time.Now()
	}
	return time.Now().Add(-time.Duration(ts.Nano()))
}

func isNotExist(err error) bool { return errors.Is(err, ebpf.ErrKeyNotExist) }
