package shell

import (
	"bytes"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
)

// screen is the terminal as the shell's output sees it. Events print while
// liner shows the prompt (the probes run in the background), so output
// first clears the prompt line, and once a burst of output is flushed the
// prompt comes back with what was typed: liner redraws its line on a
// window change, so the shell signals one to itself. While muted (after
// Ctrl-C) output is dropped and counted.
type screen struct {
	w io.Writer

	mu        sync.Mutex
	prompting bool // liner shows a prompt
	cleared   bool // output replaced the prompt line since it was drawn
	midLine   bool // the last output did not end its line
	dropped   int  // lines dropped while muted

	// muted is set without the lock: a write blocked on a terminal that
	// does not keep up holds it, and Ctrl-C must still stop what follows.
	muted atomic.Bool
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(p) == 0 {
		return 0, nil
	}
	if s.muted.Load() {
		s.dropped += bytes.Count(p, []byte{'\n'})
		return len(p), nil
	}
	if s.prompting && !s.cleared {
		// Back to the start of the prompt line, erased.
		if _, err := io.WriteString(s.w, "\r\x1b[K"); err != nil {
			return 0, err
		}
		s.cleared = true
	}
	s.midLine = p[len(p)-1] != '\n'
	return s.w.Write(p)
}

// flushed is called when a burst of output has been written: the prompt
// comes back under it.
func (s *screen) flushed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.prompting || !s.cleared {
		return
	}
	if s.midLine {
		io.WriteString(s.w, "\n")
		s.midLine = false
	}
	s.cleared = false
	syscall.Kill(os.Getpid(), syscall.SIGWINCH)
}

// setPrompting says whether liner shows a prompt now.
func (s *screen) setPrompting(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prompting, s.cleared = on, false
}

// mute starts dropping output; a write in progress ends first.
func (s *screen) mute() { s.muted.Store(true) }

// unmute stops dropping output and returns how many lines were dropped.
func (s *screen) unmute() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.dropped
	s.muted.Store(false)
	s.dropped = 0
	return n
}
