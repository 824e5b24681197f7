package bpfscript

import "github.com/bpfscript/bpfscript/runtime/value"

// RawMaps returns every user map of the session as it is now, undecoded,
// in name order, with the decoder for its keys and values: what a reader
// of every entry uses that needs neither Maps' order nor all of its Go
// values, such as a metrics scrape (package metrics).
func (s *Session) RawMaps() ([]*value.RawMap, *value.Decoder, error) { return s.rt.RawMaps() }
