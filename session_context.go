package bpfscript

import "context"

// NewSessionContext starts an empty session, as NewSession, that closes
// itself when ctx is done: its end probes run, its maps go to the sink,
// and everything it made in the kernel is closed. Close then returns what
// that closing returned.
func NewSessionContext(ctx context.Context, opts Options, run RunOptions) *Session {
	s := NewSession(opts, run)
	go func() {
		select {
		case <-ctx.Done():
			s.Close()
		case <-s.closed:
		}
	}()
	return s
}

// Wait waits until a program of the session calls exit() or ctx is done,
// then closes the session (see Close) and returns what Close returns.
func (s *Session) Wait(ctx context.Context) (int, error) {
	select {
	case <-ctx.Done():
	case <-s.Done():
	case <-s.closed:
	}
	return s.Close()
}
