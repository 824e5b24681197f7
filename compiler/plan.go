package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
)

// MapKind is the kind of BPF map a MapSpec asks for.
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

// MapSpec is one map the program needs.
type MapSpec struct {
	Name       string // "@x" for user maps, EventsMap or ScratchMap
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
}

// Program is one BPF program: a block compiled for one attach point.
//
// Programs of attached probes read the probe's id (the `probe` builtin)
// from their link's cookie rather than from a constant, so blocks that
// differ only in where they attach, such as the expansions of a wildcard,
// compile to the same code, which the runtime loads once and attaches
// everywhere with each point's Cookie.
type Program struct {
	Name   string // BPF object name, at most 15 characters
	Attach *types.AttachPoint
	Func   *ir.Func
	Cookie uint64 // the link's cookie: the probe's id in ProbeNames
}

// EventKind says what a ring-buffer record asks user space to do.
type EventKind uint8

const (
	PrintfEvent     EventKind = iota // format Args with Format
	PrintMapEvent                    // print map Map with Top and Div
	PrintValueEvent                  // print the value of type Value
	ClearEvent                       // delete every entry of Map
	ZeroEvent                        // set every value of Map to zero
	ExitEvent                        // exit with the u64 code in the payload
	TimeEvent                        // print the current time with Format
	JoinEvent                        // print the u64 count of StrLen-byte strings that follow, joined by Sep
)

// Event describes one kind of ring-buffer record. Its payload follows the
// u64 id in the record.
type Event struct {
	Kind EventKind

	Format     string             // printf/time: the format as written
	Directives []printf.Directive // printf: the parsed format
	Args       *types.Type        // printf: a Tuple laying out the arguments
	Value      *types.Type        // print(value)
	Map        string             // print/clear/zero
	Top, Div   int64              // print(@m, top, div)
	Sep        string             // join
	Count      int                // join: the most strings a record holds
	StrLen     int                // join: size of each slot
}

// Plan is everything the runtime needs to load and run a program.
type Plan struct {
	Maps     []*MapSpec
	Programs []*Program
	Events   []*Event
	// ProbeNames are the names the `probe` builtin's ids stand for.
	ProbeNames []string
	// TimeFormats are the strftime formats Timestamp values refer to.
	TimeFormats []string
	Info        *types.Info
}

// Map returns the map spec named name, or nil.
func (p *Plan) Map(name string) *MapSpec {
	for _, m := range p.Maps {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// HasOnlyBeginEnd reports whether the program has nothing but begin and end
// probes: it then exits by itself once they have run.
func (p *Plan) HasOnlyBeginEnd() bool {
	for _, pr := range p.Programs {
		if pr.Attach.Kind.Attached() {
			return false
		}
	}
	return true
}
