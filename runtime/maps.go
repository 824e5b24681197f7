package runtime

import (
	"bytes"
	"fmt"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/cilium/ebpf"
)

// readMap snapshots a user map's bytes, to be decoded: in batches where
// the map allows (a few syscalls for thousands of keys), or else key by key.
func readMap(m *ebpf.Map, spec *compiled.Map) (*value.RawMap, error) {
	if md, err := readMapBatch(m, spec); err != errNoBatch {
		return md, err
	}
	return readMapPrefix(m, spec, nil)
}

// readMapPrefix snapshots, two syscalls a key (the next key, its value),
// the entries of a user map whose keys start with prefix: all of them for
// an empty prefix.
func readMapPrefix(m *ebpf.Map, spec *compiled.Map, prefix []byte) (*value.RawMap, error) {
	md := &value.RawMap{Name: spec.Name, Key: spec.User.Key, Value: spec.User.Value}
	var cur any // nil asks for the first key
	for {
		next, err := m.NextKeyBytes(cur)
		if err != nil {
			return nil, fmt.Errorf("reading map %s: %w", spec.Name, err)
		}
		if next == nil {
			break
		}
		cur = next
		if !bytes.HasPrefix(next, prefix) {
			continue
		}
		raw, err := m.LookupBytes(next)
		if err != nil {
			return nil, fmt.Errorf("reading map %s: %w", spec.Name, err)
		}
		if raw == nil {
			continue // deleted since NextKey
		}
		md.Entries = append(md.Entries, rawEntry(spec, next, raw))
	}
	return md, nil
}

// rawEntry cuts a looked-up value into its CPUs' values.
func rawEntry(spec *compiled.Map, key, raw []byte) value.RawEntry {
	e := value.RawEntry{Key: key}
	if spec.Kind == compiled.PerCPUHashMap {
		stride := (spec.ValueSize + 7) / 8 * 8
		for off := 0; off+spec.ValueSize <= len(raw); off += stride {
			e.Values = append(e.Values, raw[off:off+spec.ValueSize])
		}
	} else {
		e.Values = [][]byte{raw[:spec.ValueSize]}
	}
	return e
}

// mapKeys lists a map's keys.
func mapKeys(m *ebpf.Map) ([][]byte, error) {
	var keys [][]byte
	var cur any
	for {
		next, err := m.NextKeyBytes(cur)
		if err != nil {
			return nil, err
		}
		if next == nil {
			return keys, nil
		}
		keys = append(keys, next)
		cur = next
	}
}

// clearMap deletes every entry of a map.
func clearMap(m *ebpf.Map) error {
	keys, err := mapKeys(m)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := m.Delete(k); err != nil && !isNotExist(err) {
			return err
		}
	}
	return nil
}

// zeroMap sets every value of a map to zero, keeping the keys.
func zeroMap(m *ebpf.Map, spec *compiled.Map) error {
	keys, err := mapKeys(m)
	if err != nil {
		return err
	}
	var zero any = make([]byte, spec.ValueSize)
	if spec.Kind == compiled.PerCPUHashMap {
		n, err := ebpf.PossibleCPU()
		if err != nil {
			return err
		}
		vals := make([][]byte, n)
		for i := range vals {
			vals[i] = make([]byte, spec.ValueSize)
		}
		zero = vals
	}
	for _, k := range keys {
		if err := m.Update(k, zero, ebpf.UpdateExist); err != nil && !isNotExist(err) {
			return err
		}
	}
	return nil
}
