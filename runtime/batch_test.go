package runtime

import (
	"fmt"
	"testing"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf"
)

// countMap creates a per-CPU hash map of count() values keyed by u64, as
// the compiler lays out @m[k] = count(), with keys 0..n-1 each counted k
// times on CPU 0 and once on every other CPU.
func countMap(t testing.TB, n int) (*ebpf.Map, *compiled.Map) {
	t.Helper()
	u64 := &types.Type{Kind: types.Int, Size: 8}
	spec := &compiled.Map{Name: "@m", Kind: compiled.PerCPUHashMap, KeySize: 8, ValueSize: 8, MaxEntries: n, KeyPad: 8,
		User: &types.Map{Name: "@m", Key: u64, Value: &types.Type{Kind: types.Count}}}
	m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.PerCPUHash, KeySize: 8, ValueSize: 8, MaxEntries: uint32(n)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	cpus, err := ebpf.PossibleCPU()
	if err != nil {
		t.Fatal(err)
	}
	for k := range uint64(n) {
		vals := make([]uint64, cpus)
		for c := range vals {
			vals[c] = 1
		}
		vals[0] = k
		if err := m.Put(k, vals); err != nil {
			t.Fatal(err)
		}
	}
	return m, spec
}

// TestReadMapBatch: batch lookups read what key-by-key lookups read, every
// CPU's value apart, for maps smaller and larger than one batch.
func TestReadMapBatch(t *testing.T) {
	for _, n := range []int{1, 100, batchRows + 17} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			m, spec := countMap(t, n)
			batch, err := readMapBatch(m, spec)
			if err != nil {
				t.Fatal(err)
			}
			byKey, err := readMapPrefix(m, spec, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(batch.Entries) != n || len(byKey.Entries) != n {
				t.Fatalf("%d entries in batches, %d key by key, want %d", len(batch.Entries), len(byKey.Entries), n)
			}
			want := map[string]string{}
			for _, e := range byKey.Entries {
				want[string(e.Key)] = fmt.Sprint(e.Values)
			}
			for _, e := range batch.Entries {
				if got := fmt.Sprint(e.Values); got != want[string(e.Key)] {
					t.Errorf("key %x: %s in batches, %s key by key", e.Key, got, want[string(e.Key)])
				}
			}
		})
	}
}

// BenchmarkReadMap10000 reads a per-CPU map of 10,000 keys in batches and
// key by key.
func BenchmarkReadMap10000(b *testing.B) {
	m, spec := countMap(b, 10000)
	for _, read := range []struct {
		name string
		fn   func(*ebpf.Map, *compiled.Map) error
	}{
		{"batch", func(m *ebpf.Map, s *compiled.Map) error { _, err := readMapBatch(m, s); return err }},
		{"bykey", func(m *ebpf.Map, s *compiled.Map) error { _, err := readMapPrefix(m, s, nil); return err }},
	} {
		b.Run(read.name, func(b *testing.B) {
			for b.Loop() {
				if err := read.fn(m, spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
