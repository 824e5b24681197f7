package runtime

import "github.com/bpfscript/bpfscript/runtime/value"

// RawMaps snapshots every user map of the session, undecoded, in name
// order, with a decoder for them: for a reader that wants each entry once
// and neither the order nor the Go values Maps gives (a metrics scrape of
// thousands of keys, which decoding and ordering them all would double).
// The decoder is the session's as it is now, safe to use after the call.
func (s *Session) RawMaps() ([]*value.RawMap, *value.Decoder, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var raws []*value.RawMap
	for _, m := range s.userMaps() {
		raw, err := readMap(m.m, m.spec)
		if err != nil {
			return nil, nil, err
		}
		raws = append(raws, raw)
	}
	// Loading a program appends to the decoder's tables; a copy of the
	// slices keeps reading what is there now.
	d := *s.dec
	return raws, &d, nil
}
