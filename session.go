package bpfscript

import (
	"sync"

	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
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
	// macros are the macros the session's programs defined (Define, Add),
	// which later programs may call.
	macros sessionMacros

	closeOnce sync.Once
	closed    chan struct{} // closed once Close has returned
	exitCode  int           // Close's results
	closeErr  error
}

// Attachment is a program added to a session: Detach removes it.
type Attachment struct {
	Program *Program
	rt      *runtime.Attachment
}

// NewSession starts an empty session. opts apply to every program added
// (their Filename names the source in errors); run says where output goes.
func NewSession(opts Options, run RunOptions) *Session {
	if run.ChildPID == 0 {
		run.ChildPID = opts.ChildPID
	}
	// One environment for every program added: it keeps what it learned
	// of the system (kernel BTF above all) between them.
	opts.Env = opts.env()
	return &Session{opts: opts, rt: runtime.NewSession(run), closed: make(chan struct{})}
}

// Add compiles src against the session's maps, loads it, runs its begin
// probes and attaches its other probes. A use of a session map that
// disagrees with its type is an ordinary positioned error, as are all
// errors in src (a *CompileError; FormatError renders them); the session
// goes on either way. Errors of loading are typed as Program.Run's.
func (s *Session) Add(src string) (*Attachment, error) {
	s.add.Lock()
	defer s.add.Unlock()
	p, err := compile(src, s.opts, &joining{maps: s.rt.MapSpecs(), ids: s.rt.IDs(), probeIDs: s.rt.ProbeIDs(), macros: &s.macros})
	if err != nil {
		return nil, compileError(err, src)
	}
	if err := attach.CheckPrivileges(); err != nil {
		return nil, err
	}
	a, err := s.rt.Load(p.Compiled)
	if err != nil {
		return nil, err
	}
	if p.definesMacros {
		s.macros.keep(p.parsed)
	}
	return &Attachment{Program: p, rt: a}, nil
}

// Detach removes a program's probes from the session; the maps keep what
// it stored.
func (s *Session) Detach(a *Attachment) error { return s.rt.Detach(a.rt) }

// Maps returns every user map of the session as it is now, decoded, in
// name order.
func (s *Session) Maps() ([]*Map, error) { return s.rt.Maps() }

// Map returns one user map ("@x") as it is now, decoded.
func (s *Session) Map(name string) (*Map, error) { return s.rt.Map(name) }

// Done is closed when a program of the session calls exit().
func (s *Session) Done() <-chan struct{} { return s.rt.Done() }

// Close ends the session: it detaches every probe, runs the end probes of
// the programs still attached, delivers every map to the sink and closes
// everything the session made in the kernel. It returns the code given to
// exit(), or 0. Calls after the first wait for it and return the same.
func (s *Session) Close() (int, error) {
	s.closeOnce.Do(func() {
		s.exitCode, s.closeErr = s.rt.Close()
		close(s.closed)
	})
	<-s.closed
	return s.exitCode, s.closeErr
}
