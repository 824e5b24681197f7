package bpfscript

import (
	"sync"

	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/bpfscript/bpfscript/sysenv"
)

// Session runs programs added to it over time, which share its maps: the
// engine of an interactive shell, or of a Go program that adds and removes
// probes while it runs. Maps keep their contents when a program leaves;
// Close runs the end probes of the programs still attached, delivers every
// map to the sink and closes everything the session made.
//
// A Session's methods may be called from several goroutines.
type Session struct {
	opts Options
	rt   *runtime.Session
	add  sync.Mutex // one Add at a time: each compiles against the session's state
}

// Attachment is a program added to a session.
type Attachment struct {
	Program *Program
	rt      *runtime.Attachment
}

// NewSession starts an empty session. opts apply to every program added
// (their Filename names the source in errors); run says where output goes.
func NewSession(opts Options, run runtime.Options) *Session {
	if run.ChildPID == 0 {
		run.ChildPID = opts.ChildPID
	}
	if opts.Env == nil {
		// One environment for every program added: it keeps what it
		// learned of the system (kernel BTF above all) between them.
		opts.Env = sysenv.Kernel()
	}
	return &Session{opts: opts, rt: runtime.NewSession(run)}
}

// Add compiles src against the session's maps, loads it, runs its begin
// probes and attaches its other probes. A use of a session map that
// disagrees with its type is an ordinary positioned error, as are all
// errors in src (FormatError renders them); the session goes on either way.
func (s *Session) Add(src string) (*Attachment, error) {
	s.add.Lock()
	defer s.add.Unlock()
	p, err := compile(src, s.opts, &joining{maps: s.rt.MapSpecs(), ids: s.rt.IDs(), probeIDs: s.rt.ProbeIDs()})
	if err != nil {
		return nil, err
	}
	a, err := s.rt.Load(p.Compiled)
	if err != nil {
		return nil, err
	}
	return &Attachment{Program: p, rt: a}, nil
}

// Detach removes a program's probes from the session; the maps keep what
// it stored.
func (s *Session) Detach(a *Attachment) error { return s.rt.Detach(a.rt) }

// Maps returns every user map of the session as it is now, decoded, in
// name order.
func (s *Session) Maps() ([]*value.Map, error) { return s.rt.Maps() }

// Map returns one user map ("@x") as it is now, decoded.
func (s *Session) Map(name string) (*value.Map, error) { return s.rt.Map(name) }

// Done is closed when a program of the session calls exit().
func (s *Session) Done() <-chan struct{} { return s.rt.Done() }

// Close ends the session and returns the code given to exit(), or 0.
func (s *Session) Close() (int, error) { return s.rt.Close() }
