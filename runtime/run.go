package runtime

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"
)

// Options control a session or a run.
type Options struct {
	// Sink receives everything the program outputs. When nil, a text
	// sink writes to Out and Diag.
	Sink  output.Sink
	Out   io.Writer // program output: printf, print, maps
	Diag  io.Writer // messages about the run: "Attached N probes"
	Quiet bool      // no "Attached" message
	// NoWarnings drops the warnings the program prints about itself
	// (warnf, a delete() of a missing key, cpid without -c), as
	// bpftrace's --no-warnings.
	NoWarnings bool
	Verbose    bool // whole verifier logs
	DryRun     bool // Run: load into the verifier, attach nothing, run nothing
	// VerifierLog, when set, receives the verifier's log of every program
	// (with DryRun).
	VerifierLog io.Writer
	// OnAttached, when set, is called by Load once every probe of the
	// program is attached, before the "Attached" message and before any
	// of its events is read: the CLI releases the -c command then, and
	// makes sure that its signal handlers are in place before it says
	// that the probes are.
	OnAttached func()
	// ChildPID is the pid of the traced command (-c): the value of cpid.
	ChildPID int
	// NumCPUs is the value of ncpus; 0 means the number of possible CPUs.
	NumCPUs int
	// Closer, when set, tracks the session's links: when the session
	// closes it detaches them and hands their perf events to a closer
	// process, so that neither Close nor the process's exit waits for the
	// kernel to unregister each event, and its HandOff ends the probes
	// from any goroutine, as when a second signal ends the process at
	// once. It is released when the session closes. Unset, the session
	// closes everything itself.
	Closer *attach.Closer
	// Events, when set, are the probes' events opened ahead, while the
	// program was compiled (see OpenEvents). The first Load whose attach
	// points they are uses them; the session closes them otherwise.
	Events *EventOpener
	// NoExitMaps leaves maps unprinted when the session closes (the
	// print_maps_on_exit config variable set to false).
	NoExitMaps bool
	// MissingProbes is what to do about a probe whose event cannot be
	// opened: "error" (or "") fails the load, "warn" attaches the others
	// and says which failed, "ignore" attaches the others silently.
	MissingProbes string
	// LogSize is the starting size in bytes of the verifier log buffer
	// (log_size); 0 leaves the library's default.
	LogSize int
}

func (o *Options) setDefaults() {
	if o.Out == nil {
		o.Out = os.Stdout
	}
	if o.Diag == nil {
		o.Diag = os.Stderr
	}
	if o.Sink == nil {
		o.Sink = output.NewTextSink(o.Out, o.Diag)
	}
	if o.NumCPUs == 0 {
		o.NumCPUs, _ = ebpf.PossibleCPU()
	}
}

// Run loads and attaches prog in a session of its own, and runs it until
// exit(), cancellation of ctx (a signal) or, for a program of only
// begin/end probes, until they have run. It returns the exit code (0, or
// the code given to exit()).
func Run(ctx context.Context, prog *compiled.Program, opts Options) (int, error) {
	if opts.DryRun {
		opts.Events.Close()
		return 0, dryRun(prog, opts)
	}
	s := NewSession(opts)
	if _, err := s.Load(prog); err != nil {
		s.Close()
		return 1, err
	}
	if !prog.HasOnlyBeginEnd() {
		select {
		case <-ctx.Done():
		case <-s.Done():
		}
	}
	return s.Close()
}

// dryRun loads prog's maps and programs into the kernel, which verifies
// them, and closes them again.
func dryRun(prog *compiled.Program, opts Options) error {
	opts.setDefaults()
	consts := compiled.Consts{StartNS: bootNS(), ChildPID: uint64(opts.ChildPID), NumCPUs: uint64(opts.NumCPUs), TAIOffset: taiOffset()}
	l, err := load(prog, nil, loadOptions{consts: consts, verbose: opts.Verbose, keepLog: opts.VerifierLog != nil, logSize: opts.LogSize})
	if err != nil {
		return err
	}
	defer func() {
		l.closePrograms()
		for _, m := range l.created {
			m.Close()
		}
	}()
	if opts.VerifierLog != nil {
		for _, p := range prog.Probes {
			fmt.Fprintf(opts.VerifierLog, "; %s\n%s\n", p.Attach.Name, l.progs[p.Code].VerifierLog)
		}
	}
	return nil
}

// read handles events as they come until exit() or Close.
//
// Close sets stopReading and flushes the reader to wake it; the flag is
// checked after every record, since under a storm of events the reader
// would otherwise never run dry.
func (s *Session) read() {
	defer close(s.readerDone)
	var rec ringbuf.Record
	for !s.stopReading.Load() {
		err := s.rd.ReadInto(&rec)
		if errors.Is(err, ringbuf.ErrFlushed) {
			continue
		}
		s.mu.Lock()
		if err == nil {
			err = s.handle(rec.RawSample)
		}
		if err == nil && s.rd.AvailableBytes() == 0 {
			err = s.sink.Flush()
		}
		exited := s.exited
		s.mu.Unlock()
		if err != nil {
			if !errors.Is(err, os.ErrClosed) {
				s.sink.Error(err)
			}
			return
		}
		if exited {
			return
		}
	}
}

// stopReader stops the reader goroutine and waits for it.
func (s *Session) stopReader() {
	s.mu.Lock()
	done := s.readerDone
	s.mu.Unlock()
	if done == nil {
		return
	}
	s.stopReading.Store(true)
	s.rd.Flush()
	<-done
}

// drain handles every event already in the ring buffer. The caller holds
// s.mu.
func (s *Session) drain() error {
	if s.rd == nil {
		return nil
	}
	s.rd.SetDeadline(time.Now())
	defer s.rd.SetDeadline(time.Time{})
	var rec ringbuf.Record
	for {
		err := s.rd.ReadInto(&rec)
		if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, ringbuf.ErrFlushed) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading events: %w", err)
		}
		if err := s.handle(rec.RawSample); err != nil {
			return err
		}
	}
}

// printMaps prints every non-empty user map, as at exit.
func (s *Session) printMaps() error {
	var maps []*value.Map
	for _, m := range s.userMaps() {
		md, err := s.decodeMap(m)
		if err != nil {
			return err
		}
		if len(md.Entries) > 0 {
			maps = append(maps, md)
		}
	}
	return s.sink.ExitMaps(maps)
}

// snapshot reads and decodes a user map. The caller holds s.mu.
func (s *Session) snapshot(name string) (*value.Map, error) {
	m, ok := s.maps[name]
	if !ok {
		return nil, fmt.Errorf("no map %s in the session", name)
	}
	return s.decodeMap(m)
}

func (s *Session) decodeMap(m *sessionMap) (*value.Map, error) {
	raw, err := readMap(m.m, m.spec)
	if err != nil {
		return nil, err
	}
	return s.dec.DecodeMap(raw)
}

// handle dispatches one ring-buffer record. The caller holds s.mu.
func (s *Session) handle(rec []byte) error {
	if len(rec) < 8 {
		return fmt.Errorf("short event record of %d bytes", len(rec))
	}
	id := binary.LittleEndian.Uint64(rec)
	if id >= uint64(len(s.events)) {
		return fmt.Errorf("unknown event id %d", id)
	}
	r := s
	ev, payload := s.events[id], rec[8:]
	if r.discard {
		return nil
	}
	switch ev.Kind {
	case compiled.PrintfEvent:
		// One slice for every printf event: this is the per-event path.
		r.args = r.args[:0]
		for _, f := range ev.Args.Fields {
			r.args = append(r.args, r.dec.Decode(f.Type, payload[f.Offset:f.Offset+f.Type.Size]))
		}
		text, err := output.FormatPrintf(ev.Directives, r.args)
		if err != nil {
			return err
		}
		return r.sink.Printf(ev.Directives, r.args, text)
	case compiled.PrintMapEvent:
		md, err := r.snapshot(ev.Map)
		if err != nil {
			return err
		}
		return r.sink.PrintMap(md, int(ev.Top), int(ev.Div))
	case compiled.PrintValueEvent:
		return r.sink.Print(r.dec.Decode(ev.Value, payload[:ev.Value.Size]))
	case compiled.ClearEvent:
		return clearMap(r.maps[ev.Map].m)
	case compiled.ZeroEvent:
		m := r.maps[ev.Map]
		return zeroMap(m.m, m.spec)
	case compiled.ExitEvent:
		if !r.exited {
			r.exited = true
			r.exitCode = int(int64(binary.LittleEndian.Uint64(payload)))
			close(r.done)
			return r.sink.Exit(r.exitCode)
		}
	case compiled.TimeEvent:
		return r.sink.Time(output.FormatTime(ev.Format, time.Now()))
	case compiled.CatEvent:
		return r.cat(ev, payload)
	case compiled.LogEvent:
		return r.log(ev, payload)
	case compiled.JoinEvent:
		var parts []string
		n := int(binary.LittleEndian.Uint64(payload))
		for i := 0; i < n && i < ev.Count; i++ {
			s := payload[8+i*ev.StrLen : 8+(i+1)*ev.StrLen]
			if n := bytes.IndexByte(s, 0); n >= 0 {
				s = s[:n]
			}
			parts = append(parts, string(s))
		}
		return r.sink.Join(parts, ev.Sep)
	case compiled.SystemEvent:
		return r.system(ev, payload)
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

// bootNS is CLOCK_BOOTTIME now, in nanoseconds: what bpf_ktime_get_boot_ns
// returns in programs.
func bootNS() uint64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return 0
	}
	return uint64(ts.Nano())
}

func isNotExist(err error) bool { return errors.Is(err, ebpf.ErrKeyNotExist) }
