package runtime

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/cilium/ebpf"
)

// ErrNoEntry is what DeleteEntry returns for a key the map does not hold.
var ErrNoEntry = errors.New("no such entry")

// editable returns a user map of an open session. The caller holds s.mu.
func (s *Session) editable(name string) (*sessionMap, error) {
	if s.closed {
		return nil, ErrClosed
	}
	m, ok := s.maps[name]
	if !ok || m.spec.User == nil {
		return nil, fmt.Errorf("no map %s in the session", name)
	}
	return m, nil
}

// LookupEntry returns the value of one key of a user map, merged over
// CPUs, and whether the map holds it; key is as for UpdateEntry.
func (s *Session) LookupEntry(name string, key any) (value.Value, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.editable(name)
	if err != nil {
		return value.Value{}, false, err
	}
	k, err := s.bpfKey(m.spec, key)
	if err != nil {
		return value.Value{}, false, err
	}
	var raw *value.RawMap
	if m.spec.Buckets {
		// A histogram's entries are its buckets, keyed by the user key
		// and a bucket index.
		if raw, err = readMapPrefix(m.m, m.spec, k); err != nil {
			return value.Value{}, false, err
		}
	} else {
		b, err := m.m.LookupBytes(k)
		if err != nil {
			return value.Value{}, false, fmt.Errorf("map %s: %w", name, err)
		}
		raw = &value.RawMap{Name: m.spec.Name, Key: m.spec.User.Key, Value: m.spec.User.Value}
		if b != nil {
			raw.Entries = []value.RawEntry{rawEntry(m.spec, k, b)}
		}
	}
	md, err := s.dec.DecodeMap(raw)
	if err != nil || len(md.Entries) == 0 {
		return value.Value{}, false, err
	}
	return md.Entries[0].Value, true, nil
}

// ClearMap deletes every entry of a user map, as clear(@x) does.
func (s *Session) ClearMap(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.editable(name)
	if err != nil {
		return err
	}
	return clearMap(m.m)
}

// ZeroMap sets every value of a user map to zero, keeping its keys, as
// zero(@x) does.
func (s *Session) ZeroMap(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.editable(name)
	if err != nil {
		return err
	}
	return zeroMap(m.m, m.spec)
}

// UpdateEntry sets the value of one key of a user map, creating the entry
// when it is not there; see value.Decoder.Encode for the Go values keys
// and plain values may be. key is nil for a scalar map (@x). An
// aggregation takes its merged value: an integer for count, sum, min and
// max, a value.StatsValue (its Count and Total) for avg and stats;
// histograms cannot be written.
func (s *Session) UpdateEntry(name string, key, val any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.editable(name)
	if err != nil {
		return err
	}
	k, err := s.bpfKey(m.spec, key)
	if err != nil {
		return err
	}
	v, err := s.bpfValue(m.spec, val)
	if err != nil {
		return fmt.Errorf("map %s: value: %w", name, err)
	}
	if err := m.m.Update(k, v, ebpf.UpdateAny); err != nil {
		return fmt.Errorf("map %s: %w", name, err)
	}
	return nil
}

// DeleteEntry deletes one key of a user map (every bucket of it, for a
// histogram), as delete(@x[key]) does. A key the map does not hold is
// ErrNoEntry.
func (s *Session) DeleteEntry(name string, key any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.editable(name)
	if err != nil {
		return err
	}
	k, err := s.bpfKey(m.spec, key)
	if err != nil {
		return err
	}
	if !m.spec.Buckets {
		err := m.m.Delete(k)
		if isNotExist(err) {
			return fmt.Errorf("map %s: %w", name, ErrNoEntry)
		}
		return err
	}
	// A histogram's key is the user key and a bucket index.
	keys, err := mapKeys(m.m)
	if err != nil {
		return err
	}
	found := false
	for _, bk := range keys {
		if bytes.HasPrefix(bk, k) {
			found = true
			if err := m.m.Delete(bk); err != nil && !isNotExist(err) {
				return err
			}
		}
	}
	if !found {
		return fmt.Errorf("map %s: %w", name, ErrNoEntry)
	}
	return nil
}

// bpfKey lays a Go key out as the map's BPF key: the user key padded to
// KeyPad bytes, or the zero key of a scalar map. A histogram's key is
// this prefix of its keys.
func (s *Session) bpfKey(spec *compiled.Map, key any) ([]byte, error) {
	k := make([]byte, spec.KeyPad)
	t := spec.User.Key
	if t == nil {
		if key != nil {
			return nil, fmt.Errorf("map %s has no keys: want a nil key, got %T", spec.Name, key)
		}
		return k, nil
	}
	if key == nil {
		return nil, fmt.Errorf("map %s is keyed by %s: the key is missing", spec.Name, t)
	}
	b, err := s.dec.Encode(t, key)
	if err != nil {
		return nil, fmt.Errorf("map %s: key: %w", spec.Name, err)
	}
	copy(k, b)
	return k, nil
}

// bpfValue lays a Go value out as the map's BPF value: one slot per
// possible CPU for an aggregation, CPU 0's holding it all.
func (s *Session) bpfValue(spec *compiled.Map, val any) (any, error) {
	t := spec.User.Value
	agg := types.AggregationOf(t.Kind)
	if agg == nil {
		b, err := s.dec.Encode(t, val)
		if err != nil {
			return nil, err
		}
		v := make([]byte, spec.ValueSize)
		copy(v, b)
		return v, nil
	}
	if agg.Buckets {
		return nil, fmt.Errorf("a %s cannot be written from Go (delete or clear its entries instead)", agg.Name)
	}
	slot := make([]byte, agg.SlotSize)
	if agg.Averages {
		stats, err := statsOf(agg, val)
		if err != nil {
			return nil, err
		}
		binary.LittleEndian.PutUint64(slot, stats.Count)
		binary.LittleEndian.PutUint64(slot[8:], stats.Total)
	} else {
		b, err := s.dec.Encode(types.NewInt(8, t.Signed), val)
		if err != nil {
			return nil, err
		}
		copy(slot, b)
		if agg.SlotSize >= 16 {
			binary.LittleEndian.PutUint64(slot[8:], 1) // min/max: the slot is set
		}
	}
	n, err := ebpf.PossibleCPU()
	if err != nil {
		return nil, err
	}
	slots := make([][]byte, n)
	slots[0] = slot
	for i := 1; i < n; i++ {
		slots[i] = make([]byte, agg.SlotSize)
	}
	return slots, nil
}

// statsOf takes the count and total of an avg or stats value.
func statsOf(agg *types.Aggregation, val any) (value.StatsValue, error) {
	switch v := val.(type) {
	case value.StatsValue:
		return v, nil
	case value.Value:
		if v.Kind == value.Aggregate && v.Agg != nil && v.Agg.Averages {
			return v.Stats, nil
		}
	}
	return value.StatsValue{}, fmt.Errorf("want a value.StatsValue (count and total) for %s, got %T", agg.Name, val)
}
