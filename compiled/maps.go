package compiled

import "github.com/bpfscript/bpfscript/lang/types"

// MapKind is the kind of BPF map a Map asks for.
type MapKind uint8

const (
	HashMap MapKind = iota
	PerCPUHashMap
	PerCPUArrayMap
	RingBufMap
	ArrayMap
)

func (k MapKind) String() string {
	return [...]string{"hash", "percpu_hash", "percpu_array", "ringbuf", "array"}[k]
}

// Internal map names. User maps are named as written ("@", "@x").
const (
	EventsMap   = "events"
	ScratchMap  = "scratch"
	CountersMap = "counters"
)

// CountersMap is an array with one value of u64 counters that programs
// update atomically through a direct pointer (no lookup): at
// LostEventsOffset, the events the full ring buffer refused.
const LostEventsOffset = 0

// Map is one map the program needs.
type Map struct {
	Name       string // "@x" for user maps, or one of the internal names
	Kind       MapKind
	KeySize    int
	ValueSize  int
	MaxEntries int

	// User maps only.
	User *types.Map
	// KeyPad is the size of the user key as laid out at the start of the
	// BPF key (8-byte aligned, 8 for a scalar map's implicit 0 key).
	KeyPad int
	// Buckets marks hist/lhist maps: the BPF key is the user key (KeyPad
	// bytes; 0 bytes for a scalar hist) followed by a u64 bucket index.
	Buckets bool
	// LRU marks a map declared lruhash or percpulruhash: a hash (per-CPU
	// or not, as Kind says) that evicts its least recently used entries
	// when full instead of refusing new keys.
	LRU bool
}

// Private reports whether the map belongs to its program alone: the
// scratch space, which each program of a session sizes for itself. Every
// other map is the session's: user maps, the event ring and the counters.
func (m *Map) Private() bool { return m.Name == ScratchMap }

// SameLayout reports whether a and b describe the same kernel map, so that
// a program may use a map another program of the session created.
func SameLayout(a, b *Map) bool {
	return a.Kind == b.Kind && a.KeySize == b.KeySize && a.ValueSize == b.ValueSize &&
		a.KeyPad == b.KeyPad && a.Buckets == b.Buckets && a.LRU == b.LRU
}
