package bpfscript

import (
	"errors"
	"fmt"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/lang/types"
)

// Replace swaps a program of the session for src, as a service reloading
// its script does. The session's maps that src uses with the same key and
// value types keep their contents; a map src gives another type, and a map
// src no longer uses, is dropped with its contents (src then starts the
// changed ones empty). old's probes are detached before src's attach, so
// no event is counted twice; events in between, a few milliseconds, are
// not counted at all.
//
// src is compiled first: if it has errors, they are returned and nothing
// changes, old still runs. If loading src fails after old was detached,
// the error wraps ErrDetached and neither runs; the caller may Add old's
// source again. old may be nil: src then only joins, dropping the maps it
// retypes.
func (s *Session) Replace(old *Attachment, src string) (*Attachment, error) {
	s.add.Lock()
	defer s.add.Unlock()
	// Compiled as if the session had no maps: the types src gives them.
	fresh, err := compile(src, s.opts, &joining{ids: s.rt.IDs(), probeIDs: s.rt.ProbeIDs(), macros: &s.macros})
	if err != nil {
		return nil, err
	}
	if old != nil {
		if err := s.rt.Detach(old.rt); err != nil {
			return nil, err
		}
	}
	wanted := map[string]*compiled.Map{}
	for _, m := range fresh.Compiled.Maps {
		wanted[m.Name] = m
	}
	for name, m := range s.rt.MapSpecs() {
		if m.User == nil {
			continue // the event ring and counters stay the session's
		}
		w, used := wanted[name]
		switch {
		case used && sameMap(m, w):
			continue // kept, with its contents
		case !used && old == nil:
			continue // only joining: maps src does not use are not its business
		}
		if err := s.rt.DropMap(name); err != nil {
			return nil, detached(old, err)
		}
	}
	p, err := compile(src, s.opts, &joining{maps: s.rt.MapSpecs(), ids: s.rt.IDs(), probeIDs: s.rt.ProbeIDs(), macros: &s.macros})
	if err != nil {
		return nil, detached(old, err)
	}
	a, err := s.rt.Load(p.Compiled)
	if err != nil {
		return nil, detached(old, err)
	}
	return &Attachment{Program: p, rt: a}, nil
}

// ErrDetached is wrapped by Replace's errors that come after the old
// program was detached: nothing runs then.
var ErrDetached = errors.New("the old program was detached")

// detached wraps err with ErrDetached when there was an old program.
func detached(old *Attachment, err error) error {
	if old == nil {
		return err
	}
	return fmt.Errorf("%w: %w", ErrDetached, err)
}

// sameMap reports whether a program that compiled its map as b may use the
// session's map a and find what it expects there.
func sameMap(a, b *compiled.Map) bool {
	return compiled.SameLayout(a, b) && a.MaxEntries == b.MaxEntries && b.User != nil &&
		types.Identical(a.User.Key, b.User.Key) && types.Identical(a.User.Value, b.User.Value)
}
