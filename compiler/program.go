package compiler

import (
	"errors"
	"fmt"

	"github.com/bpfscript/bpfscript/codegen"
	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/types"
)

// Config holds the facts about the target the compiler needs.
type Config struct {
	StrLen     int // size of str() buffers; 0 means types.DefaultStrLen
	MaxMapKeys int // entries per map; 0 means DefaultMaxMapKeys
	// NumCPUs is the number of possible CPUs, which reading an aggregation
	// as a number walks one by one; 0 means 1.
	NumCPUs int
	// IDs are the first ids the program's events, probe names and time
	// formats take: those of the session it joins, or zero.
	IDs compiled.IDs
	// Maps are the maps of the session the program joins, by name: a map
	// the program uses that is there already is used as it is.
	Maps map[string]*compiled.Map
	// ProbeIDs are the probe names the session has ids for already: a
	// probe of the same name gets the same id, so that maps keyed by probe
	// have one key for it.
	ProbeIDs map[string]int
	// Source is the program's text, which the messages of errorf(),
	// warnf() and the run-time warnings quote; empty, they quote nothing.
	Source string
	// Sources are the texts of the files the program imports, by the
	// names their positions carry, quoted instead of Source for nodes
	// in them.
	Sources map[string]string
	// Env answers the compiler's questions about the system: the BTF ids
	// of kernel functions, asked only when a program calls one (len() of
	// a map). The checker's Env, usually.
	Env types.Env
	// EventsRingBytes sizes the event ring buffer (perf_rb_pages); it
	// must be a power of two and a multiple of the page size. 0 sizes it
	// from what the probes send.
	EventsRingBytes int
	// StrTruncTrailer is what output appends to a string that filled its
	// buffer (the str_trunc_trailer config); nil means
	// DefaultStrTruncTrailer, "" none.
	StrTruncTrailer *string

	// stackBudget is how many bytes of the frame buffers may take before
	// they go to the scratch map: 0 means the default, negative none.
	stackBudget int
}

// DefaultStrTruncTrailer is upstream's default str_trunc_trailer.
const DefaultStrTruncTrailer = ".."

// DefaultMaxMapKeys is bpftrace's default map size.
const DefaultMaxMapKeys = 4096

// defaultStackBudget is how much of the 512-byte frame the compiler hands out to
// buffers; the rest is left to codegen for spills. Buffers beyond it go to
// the per-CPU scratch map. 192 bytes (24 spill slots) of room for codegen:
// with 128, big generated probes (internal/progen) ran out of frame while
// more than 15 spilled values were live at once.
const defaultStackBudget = 320

// Compile lowers a checked program to IR and generates its BPF code. info
// must come from a successful types.Check of prog.
//
// A probe whose buffers and spilled values overflow the 512-byte frame is
// compiled again with fewer buffers on the stack (the rest go to the
// per-CPU scratch map), and finally with none.
func Compile(prog *ast.Program, info *types.Info, conf Config) (*compiled.Program, error) {
	var err error
	for _, budget := range []int{0, 128, -1} {
		conf.stackBudget = budget
		var p *compiled.Program
		if p, err = lower(prog, info, conf); err != nil {
			return nil, err
		}
		if err = generate(p); err == nil {
			return p, nil
		}
		if !errors.As(err, new(*codegen.FrameError)) {
			break
		}
	}
	return nil, err
}

// generate turns every probe's IR into BPF instructions. A function is
// generated once however many attach points share it (a wildcard's
// expansions), and attached probes of different blocks whose IR is the same
// (alike but for where they attach: the probe's id comes from the link's
// cookie) share one Code, which the runtime loads once.
func generate(p *compiled.Program) error {
	byFunc := map[*ir.Func]*compiled.Code{}
	// Functions that may be the same code, by probe kind and fingerprint.
	type sameKey struct {
		kind types.ProbeKind
		sum  uint64
	}
	candidates := map[sameKey][]*compiled.Code{}
	for _, probe := range p.Probes {
		fn := probe.Code.IR
		if code, ok := byFunc[fn]; ok {
			probe.Code = code
			continue
		}
		var key sameKey
		shared := probe.Attach.Kind.Attached()
		if shared {
			key = sameKey{probe.Attach.Kind, fn.Fingerprint()}
			if code := sameCode(candidates[key], fn); code != nil {
				probe.Code, byFunc[fn] = code, code
				continue
			}
		}
		insns, err := codegen.Generate(fn)
		if err != nil {
			return fmt.Errorf("generating code for %s: %w", probe.Attach.Name, err)
		}
		probe.Code.Insns = insns
		byFunc[fn] = probe.Code
		if shared {
			candidates[key] = append(candidates[key], probe.Code)
		}
	}
	return nil
}

// sameCode returns the code among codes whose function is the same as fn.
func sameCode(codes []*compiled.Code, fn *ir.Func) *compiled.Code {
	for _, c := range codes {
		if ir.SameCode(c.IR, fn) {
			return c
		}
	}
	return nil
}

// lower compiles every block of the program to IR, one compiled.Code per
// distinct function, without instructions yet.
func lower(prog *ast.Program, info *types.Info, conf Config) (*compiled.Program, error) {
	if conf.StrLen == 0 {
		conf.StrLen = types.DefaultStrLen
	}
	if conf.MaxMapKeys == 0 {
		conf.MaxMapKeys = DefaultMaxMapKeys
	}
	if conf.NumCPUs == 0 {
		conf.NumCPUs = 1
	}
	budget := conf.stackBudget
	if budget == 0 {
		budget = defaultStackBudget
	}
	c := &compiler{conf: conf, info: info, prog: &compiled.Program{IDs: conf.IDs, StrLen: conf.StrLen, StrTruncTrailer: DefaultStrTruncTrailer}, maps: map[string]*MapSpec{}, budget: budget}
	if conf.StrTruncTrailer != nil {
		c.prog.StrTruncTrailer = *conf.StrTruncTrailer
	}
	c.declareMaps()
	names := map[string]int{}
	for _, p := range info.Probes {
		// A block's attach points whose code would come out the same (a
		// wildcard's expansions, mostly) share one compiled function.
		compiledFor := map[string]*compiled.Code{}
		usesFunc := usesFunc(p.Node)
		for _, ap := range p.Attach {
			key := codeKey(ap)
			if usesFunc {
				// func is a constant of the program (lower_kprobe.go).
				key += " func=" + ap.Func
			}
			code := compiledFor[key]
			if code == nil {
				code = &compiled.Code{Kind: ap.Kind, IR: c.compileProbe(p, ap)}
				compiledFor[key] = code
			}
			probe := &compiled.Probe{Name: programName(ap, names), Attach: ap, Code: code}
			if ap.Kind.Attached() {
				probe.Cookie = uint64(c.probeID(ap.Name))
			}
			c.prog.Probes = append(c.prog.Probes, probe)
		}
	}
	c.events.MaxEntries = eventsRingSize(c.onceEventBytes, c.streamRecord)
	if c.conf.EventsRingBytes > 0 {
		c.events.MaxEntries = c.conf.EventsRingBytes
	}
	if c.scratchSize > 0 {
		c.addMap(&MapSpec{Name: ScratchMap, Kind: PerCPUArrayMap, KeySize: 4, ValueSize: alignUp(c.scratchSize, 8), MaxEntries: 1})
	}
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	return c.prog, nil
}

type compiler struct {
	conf        Config
	info        *types.Info
	prog        *compiled.Program
	maps        map[string]*MapSpec
	errs        diag.List
	scratchSize int // bytes of the scratch map's value any function needs
	events      *MapSpec
	// What the programs send through the event ring buffer, which sizes
	// it: the ring bytes of the largest record an attached probe sends (0
	// when none sends any), and at most how many bytes of records begin
	// and end probes send (see eventsRingSize).
	streamRecord   int
	onceEventBytes int
	budget         int                 // stack bytes for buffers per function
	pidNS          *types.PIDNamespace // asked of Env when pid or tid is first compiled
	// inScratch are the variables for loops share, which live in
	// scratch memory (see callback).
	inScratch map[*types.Variable]bool
}

func (c *compiler) addMap(m *MapSpec) {
	c.maps[m.Name] = m
	c.prog.Maps = append(c.prog.Maps, m)
}

// declareMaps creates a MapSpec for every user map and the event ring
// buffer. Maps are declared in name order so programs are deterministic.
// A map the session has already is taken as it is.
func (c *compiler) declareMaps() {
	for _, name := range sortedKeys(c.info.Maps) {
		if m, ok := c.conf.Maps[name]; ok {
			c.addMap(m)
			continue
		}
		c.addMap(c.userMapSpec(c.info.Maps[name]))
	}
	c.events = &MapSpec{Name: EventsMap, Kind: RingBufMap} // sized once the probes are compiled
	c.addMap(c.events)
	c.addMap(&MapSpec{Name: CountersMap, Kind: ArrayMap, KeySize: 4, ValueSize: 8, MaxEntries: 1})
}

// Event ring buffer sizes, in bytes: powers of two, and multiples of every
// page size Linux uses (4 to 64 KiB), as the kernel requires.
const (
	minEventsRing       = 64 << 10
	streamingEventsRing = 1 << 20
	maxEventsRing       = 8 << 20
)

// streamingRecords is how many of its largest records the ring of a
// program that streams events holds at least. A printf of one string of
// the default size (1 KiB) is a record the 1 MiB ring holds 985 of (it
// held ten thousand when strings were 64 bytes), so the common program
// keeps the ring whose start-up cost is measured; a join() of 16 strings
// (16 KiB), of which 1 MiB held 63, gets 8 MiB.
const streamingRecords = 512

// eventsRingSize sizes the event ring buffer. Probes that fire on events
// may send any number of records, in bursts, so a program with such
// senders gets the large ring: 1 MiB, or more when its largest record
// (streamRecord bytes of ring, 0 when no such probe sends any) would fit
// fewer than streamingRecords times, up to maxEventsRing. Begin and end
// probes run once and have no loops, so what they can send adds up to a
// bound (onceBytes), and a program whose other probes send nothing gets a
// ring of that size: most aggregating scripts send nothing at all, and
// creating and mapping the large ring would cost a quarter of a
// millisecond of their start-up (and as much again for each further MiB).
func eventsRingSize(onceBytes, streamRecord int) int {
	if streamRecord > 0 {
		size := streamingEventsRing
		for size < streamingRecords*streamRecord && size < maxEventsRing {
			size *= 2
		}
		return size
	}
	size := minEventsRing
	for size < onceBytes && size < streamingEventsRing {
		size *= 2
	}
	return size
}

// ringRecordSize is the room a record with size bytes of data takes in a
// BPF ring buffer: an 8-byte header and the data rounded up to 8 bytes.
func ringRecordSize(size int) int { return 8 + alignUp(size, 8) }

func (c *compiler) userMapSpec(m *types.Map) *MapSpec {
	s := &MapSpec{Name: m.Name, User: m, MaxEntries: c.conf.MaxMapKeys, Kind: HashMap}
	if m.Decl != types.Undeclared {
		// A declaration sizes the map; the checker made sure its kind
		// suits the value (per-CPU for aggregations), so only LRU is left.
		s.MaxEntries, s.LRU = m.MaxEntries, m.Decl.LRU()
	}
	if m.Key != nil {
		s.KeyPad = alignUp(m.Key.Size, 8)
	}
	if agg := types.AggregationOf(m.Value.Kind); agg != nil {
		// Aggregations keep one slot per CPU: no atomics, no contention.
		s.Kind, s.ValueSize = PerCPUHashMap, agg.SlotSize
		if agg.Buckets {
			s.Buckets = true
			s.KeySize = s.KeyPad + 8
			return s
		}
	} else {
		s.ValueSize = alignUp(m.Value.Size, 8)
	}
	if m.Key == nil {
		s.KeyPad = 8 // scalar maps use the key 0
	}
	s.KeySize = s.KeyPad
	return s
}
