package runtime

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
)

// Session owns what compiled programs run with: the maps they share, the
// event ring buffer and the goroutine that reads it, and every program
// loaded into it with its attachments. Programs join with Load and leave
// with Detach while the session goes on, and maps keep their contents
// across both; Close ends everything.
//
// A Session's methods may be called from several goroutines.
type Session struct {
	opts   Options
	consts compiled.Consts

	mu       sync.Mutex // guards everything below; the reader holds it per record
	maps     map[string]*sessionMap
	ids      compiled.IDs
	events   []*compiled.Event // by event id
	sink     output.Sink
	dec      *value.Decoder
	attached []*Attachment
	rd       *ringbuf.Reader
	mon      *monitor
	exited   bool
	exitCode int
	discard  bool          // drop events: they came after exit()
	args     []value.Value // printf arguments, reused from event to event
	closed   bool
	loading  sync.WaitGroup // Loads under way, which Close waits for

	stopReading atomic.Bool
	readerDone  chan struct{} // closed when the reader goroutine returns; nil until it starts
	done        chan struct{} // closed by exit()
}

// sessionMap is a map of the session, shared by its programs.
type sessionMap struct {
	spec *compiled.Map
	m    *ebpf.Map
}

// Attachment is one compiled program loaded into a session.
type Attachment struct {
	prog   *compiled.Program
	loaded *loaded
	links  []attach.Link
}

// Probes returns how many attach points the program has.
func (a *Attachment) Probes() int { return len(a.prog.Probes) }

// NewSession starts an empty session. Nothing is created in the kernel
// until the first Load.
func NewSession(opts Options) *Session {
	opts.setDefaults()
	s := &Session{
		opts:   opts,
		consts: compiled.Consts{StartNS: bootNS(), ChildPID: uint64(opts.ChildPID), NumCPUs: uint64(opts.NumCPUs), TAIOffset: taiOffset()},
		maps:   map[string]*sessionMap{},
		sink:   opts.Sink,
		dec:    output.NewDecoder(nil, nil, bootTime()),
		done:   make(chan struct{}),
	}
	return s
}

// IDs returns the ids the next program loaded into the session must be
// compiled with.
func (s *Session) IDs() compiled.IDs {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids
}

// MapSpecs returns the session's maps by name, for compiling a program
// that uses them.
func (s *Session) MapSpecs() map[string]*compiled.Map {
	s.mu.Lock()
	defer s.mu.Unlock()
	specs := make(map[string]*compiled.Map, len(s.maps))
	for name, m := range s.maps {
		specs[name] = m.spec
	}
	return specs
}

// ProbeIDs returns the ids of the probe names the session knows, for
// compiling a program that joins it.
func (s *Session) ProbeIDs() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make(map[string]int, len(s.dec.ProbeNames))
	for i, name := range s.dec.ProbeNames {
		if _, ok := ids[name]; !ok {
			ids[name] = i
		}
	}
	return ids
}

// Done is closed when a program calls exit().
func (s *Session) Done() <-chan struct{} { return s.done }

// Load loads prog into the session, runs its begin probes and attaches its
// other probes. prog must have been compiled with the session's IDs and
// MapSpecs. Nothing runs unless everything can: every program must pass
// the verifier and every event must open before begin probes run. On
// failure nothing of prog is left in the kernel, but what its begin probes
// printed is kept.
func (s *Session) Load(prog *compiled.Program) (*Attachment, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, ErrClosed
	}
	if prog.IDs != s.ids {
		s.mu.Unlock()
		return nil, fmt.Errorf("the program was compiled for ids %+v, the session is at %+v", prog.IDs, s.ids)
	}
	// Close, from another goroutine, waits for the load to end: what it
	// attaches is then the session's to close.
	s.loading.Add(1)
	defer s.loading.Done()
	s.mu.Unlock()
	// Opening the probes' perf events needs no program, and the kernel
	// does it one event at a time: it goes on in the background while the
	// programs are verified.
	aps := make([]*types.AttachPoint, len(prog.Probes))
	for i, p := range prog.Probes {
		aps[i] = p.Attach
	}
	opener := s.takeOpener(aps)
	defer opener.Close()
	a, err := s.loadAndRegister(prog, loadOptions{consts: s.consts, verbose: s.opts.Verbose, logSize: s.opts.LogSize})
	if err != nil {
		return nil, err
	}
	events, err := opener.wait()
	attached := len(prog.Probes)
	if err != nil && (s.opts.MissingProbes == "warn" || s.opts.MissingProbes == "ignore") && len(events) > 0 {
		// Attach what opened; say what did not, unless told not to.
		for _, f := range opener.failed {
			if s.opts.MissingProbes == "warn" {
				s.sink.Warning(fmt.Sprintf("%s is not attached: %v", f.ap.Name, f.err))
			}
		}
		attached, err = attached-len(opener.failed), nil
	}
	if err == nil {
		// As bpftrace: begin probes run before any other probe is
		// attached, so what they print comes first and what they store
		// is there for the first event.
		err = s.runProbes(a, types.BeginProbe)
	}
	if err == nil {
		err = a.attach(events)
	}
	if err != nil {
		// Keep what begin probes printed before the failure. When the
		// session's reader runs, it handles them; draining here too
		// would wait on the ring buffer the reader holds while holding
		// s.mu, which the reader needs: a deadlock.
		s.mu.Lock()
		if s.readerDone == nil {
			s.drain()
			s.sink.Flush()
		}
		s.forgetMapsOf(a)
		s.mu.Unlock()
		s.unload(a)
		return nil, err
	}
	s.mu.Lock()
	s.attached = append(s.attached, a)
	s.mu.Unlock()
	s.opts.Closer.Track(a.links)
	if s.opts.OnAttached != nil {
		s.opts.OnAttached()
	}
	if !s.opts.Quiet {
		s.sink.Attached(attached)
	}
	s.startReading()
	return a, nil
}

// takeOpener returns the opener of Options.Events, once, when it opens
// the points aps; otherwise one that starts opening them now.
func (s *Session) takeOpener(aps []*types.AttachPoint) *EventOpener {
	s.mu.Lock()
	o := s.opts.Events
	s.opts.Events = nil
	s.mu.Unlock()
	if o != nil && o.covers(aps) {
		return o
	}
	o.Close()
	return OpenEvents(aps)
}

// loadAndRegister loads prog's maps and programs and makes its maps, events
// and names the session's.
func (s *Session) loadAndRegister(prog *compiled.Program, opts loadOptions) (*Attachment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, err := load(prog, s.maps, opts)
	if err != nil {
		return nil, err
	}
	if s.rd == nil {
		if s.rd, err = ringbuf.NewReader(l.maps[compiled.EventsMap]); err != nil {
			l.closePrograms()
			for _, m := range l.created {
				m.Close()
			}
			return nil, fmt.Errorf("opening the event ring buffer: %w", err)
		}
	}
	for _, m := range prog.Maps {
		if _, ok := s.maps[m.Name]; !ok && !m.Private() {
			s.maps[m.Name] = &sessionMap{spec: m, m: l.maps[m.Name]}
		}
	}
	s.events = append(s.events, prog.Events...)
	s.dec.ProbeNames = append(s.dec.ProbeNames, prog.ProbeNames...)
	s.dec.TimeFormats = append(s.dec.TimeFormats, prog.TimeFormats...)
	trailer := prog.StrTruncTrailer
	s.dec.TruncTrailer = &trailer
	s.dec.StrLen = prog.StrLen
	s.ids = prog.Next()
	return &Attachment{prog: prog, loaded: l}, nil
}

// forgetMapsOf drops the user maps a failed load created from the session
// and closes them: nothing of the program stays. The event ring and the
// counters stay, since the session reads them.
func (s *Session) forgetMapsOf(a *Attachment) {
	for _, m := range a.prog.Maps {
		sm, ok := s.maps[m.Name]
		if !ok || m.User == nil || !a.loaded.createdMap(sm.m) {
			continue
		}
		delete(s.maps, m.Name)
		sm.m.Close()
	}
}

// attach binds every probe's program to its opened events.
func (a *Attachment) attach(events map[*types.AttachPoint]*attach.Event) error {
	for _, p := range a.prog.Probes {
		ev := events[p.Attach]
		if ev == nil {
			continue // begin and end probes run once, unattached
		}
		l, err := ev.Attach(a.loaded.progs[p.Code], p.Cookie)
		if err != nil {
			return err
		}
		a.links = append(a.links, l)
	}
	return nil
}

// unload closes an attachment's links and programs and the maps only it
// used. Session maps it created stay: they hold what it stored.
func (s *Session) unload(a *Attachment) {
	if len(a.links) > 0 {
		attach.CloseAll(a.links)
		a.links = nil
	}
	a.loaded.closePrograms()
	for _, m := range a.prog.Maps {
		if m.Private() {
			a.loaded.maps[m.Name].Close()
		}
	}
}

// Detach removes a program's probes from the session. The maps keep their
// contents; its end probes do not run.
func (s *Session) Detach(a *Attachment) error {
	s.mu.Lock()
	if s.closed {
		// Close detaches it, and owns it from then on.
		s.mu.Unlock()
		return ErrClosed
	}
	i := -1
	for j, b := range s.attached {
		if b == a {
			i = j
		}
	}
	if i < 0 {
		s.mu.Unlock()
		return errors.New("the program is not attached to this session")
	}
	s.attached = append(s.attached[:i], s.attached[i+1:]...)
	s.mu.Unlock()
	s.opts.Closer.Untrack(a.links)
	attach.DetachAll(a.links)
	s.unload(a)
	return nil
}

func (s *Session) runProbes(a *Attachment, kind types.ProbeKind) error {
	for _, p := range a.prog.Probes {
		if p.Attach.Kind != kind {
			continue
		}
		if _, err := attach.RunOnce(a.loaded.progs[p.Code]); err != nil {
			return fmt.Errorf("running %s: %w", p.Attach.Name, err)
		}
	}
	return nil
}

// startReading starts the goroutine that handles events as they come, once.
func (s *Session) startReading() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readerDone != nil || s.rd == nil {
		return
	}
	s.readerDone = make(chan struct{})
	s.mon = newMonitor(s, s.sink)
	s.mon.start(time.Second)
	go s.read()
}

// Close ends the session: it detaches every probe, runs the end probes of
// the programs still attached, handles every event already sent, prints
// every map, and closes everything it made. It returns the code given to
// exit(), or 0.
//
// Events other probes sent after exit() are dropped: exit() means stop,
// even when other CPUs were still tracing while it reached user space.
// After a signal, everything sent before detaching is still printed.
func (s *Session) Close() (int, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return s.exitCode, nil
	}
	s.closed = true
	s.mu.Unlock()
	s.loading.Wait()
	s.mu.Lock()
	attached := s.attached
	unused := s.opts.Events
	s.opts.Events = nil
	s.mu.Unlock()
	unused.Close()
	s.stopReader()
	if s.mon != nil {
		s.mon.stopTicking()
	}
	defer s.release()
	var links []attach.Link
	for _, a := range attached {
		links = append(links, a.links...)
	}
	attach.DetachAll(links)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.exited {
		s.discard = true
	}
	if err := s.drain(); err != nil {
		return 1, err
	}
	s.discard = false
	for _, a := range attached {
		if err := s.runProbes(a, types.EndProbe); err != nil {
			return 1, err
		}
	}
	if err := s.drain(); err != nil {
		return 1, err
	}
	if s.mon != nil {
		s.mon.check(s.userMaps(), s.counters())
	}
	if !s.opts.NoExitMaps {
		if err := s.printMaps(); err != nil {
			return 1, err
		}
	}
	return s.exitCode, s.sink.Flush()
}

// release closes every kernel object of the session: the links, the slow
// part of exiting unless a Closer takes their perf events, then programs
// and maps.
func (s *Session) release() {
	s.mu.Lock()
	attached := s.attached
	s.attached = nil
	s.mu.Unlock()
	s.opts.Closer.HandOff()
	defer s.opts.Closer.Release()
	for _, a := range attached {
		s.unload(a)
	}
	if s.rd != nil {
		s.rd.Close()
	}
	for _, m := range s.maps {
		m.m.Close()
	}
}

// counters returns the session's counters map, or nil.
func (s *Session) counters() *ebpf.Map {
	if m, ok := s.maps[compiled.CountersMap]; ok {
		return m.m
	}
	return nil
}

// userMaps returns the session's user maps in name order.
func (s *Session) userMaps() []*sessionMap {
	var out []*sessionMap
	for _, m := range s.maps {
		if m.spec.User != nil {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].spec.Name < out[j].spec.Name })
	return out
}

// Maps returns every user map of the session as it is now, decoded, in
// name order.
func (s *Session) Maps() ([]*value.Map, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var maps []*value.Map
	for _, m := range s.userMaps() {
		md, err := s.decodeMap(m)
		if err != nil {
			return nil, err
		}
		maps = append(maps, md)
	}
	return maps, nil
}

// Map returns one user map ("@x") as it is now, decoded.
func (s *Session) Map(name string) (*value.Map, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.maps[name]
	if !ok || m.spec.User == nil {
		return nil, fmt.Errorf("no map %s in the session", name)
	}
	return s.decodeMap(m)
}
