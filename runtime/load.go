package runtime

import (
	"errors"
	"fmt"
	goruntime "runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// loaded are the kernel objects of one loaded compiled.Program.
type loaded struct {
	maps map[string]*ebpf.Map // every map the programs refer to, by name
	// created are the maps this load made: its private ones, and the
	// session maps it was the first to use (the session adopts those once
	// the load succeeds).
	created []*ebpf.Map
	progs   map[*compiled.Code]*ebpf.Program
}

// createdMap reports whether m was made by this load.
func (l *loaded) createdMap(m *ebpf.Map) bool {
	for _, c := range l.created {
		if c == m {
			return true
		}
	}
	return false
}

// closePrograms closes the loaded programs.
func (l *loaded) closePrograms() {
	for _, p := range l.progs {
		p.Close()
	}
}

// kernelMapName turns "@x" into a valid BPF object name ("AT_x").
func kernelMapName(name string) string {
	var b strings.Builder
	for _, r := range strings.Replace(name, "@", "AT_", 1) {
		if r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if len(s) > 15 {
		s = s[:15]
	}
	return s
}

func mapType(k compiled.MapKind, lru bool) ebpf.MapType {
	switch k {
	case compiled.HashMap:
		if lru {
			return ebpf.LRUHash
		}
	case compiled.PerCPUHashMap:
		if lru {
			return ebpf.LRUCPUHash
		}
		return ebpf.PerCPUHash
	case compiled.PerCPUArrayMap:
		return ebpf.PerCPUArray
	case compiled.RingBufMap:
		return ebpf.RingBuf
	case compiled.ArrayMap:
		return ebpf.Array
	}
	return ebpf.Hash
}

// mapSpec is the kernel's description of one map.
func mapSpec(m *compiled.Map) *ebpf.MapSpec {
	ms := &ebpf.MapSpec{
		Name:       kernelMapName(m.Name),
		Type:       mapType(m.Kind, m.LRU),
		KeySize:    uint32(m.KeySize),
		ValueSize:  uint32(m.ValueSize),
		MaxEntries: uint32(m.MaxEntries),
	}
	if (m.Kind == compiled.HashMap || m.Kind == compiled.PerCPUHashMap) && !m.LRU {
		// Preallocating every entry of a per-CPU hash costs milliseconds
		// at start (entries × CPUs) and memory that most runs never use;
		// entries are allocated on insert instead, which tracing programs
		// may do since Linux 6.1. (LRU maps are always preallocated: the
		// kernel refuses the flag for them.)
		ms.Flags = unix.BPF_F_NO_PREALLOC
	}
	return ms
}

// programSpec is the kernel's description of one program: its map
// references bound to maps, its load-time constants filled in.
func programSpec(name string, code *compiled.Code, maps map[string]*ebpf.Map, consts compiled.Consts, license string) (*ebpf.ProgramSpec, error) {
	if license == "" {
		license = "GPL"
	}
	typ, attachType := attach.ProgramType(code.Kind)
	insns := slices.Clone(code.Insns) // binding maps and constants edits instructions
	for i := range insns {
		ins := &insns[i]
		if c, ok := compiled.ConstOf(ins); ok {
			ins.Constant = int64(consts.Value(c))
			continue
		}
		if !ins.IsLoadFromMap() || ins.Reference() == "" {
			continue
		}
		m, ok := maps[ins.Reference()]
		if !ok {
			return nil, fmt.Errorf("program %s: no map %q", name, ins.Reference())
		}
		if err := ins.AssociateMap(m); err != nil {
			return nil, fmt.Errorf("program %s: map %s: %w", name, ins.Reference(), err)
		}
	}
	return &ebpf.ProgramSpec{
		Name:         name,
		Type:         typ,
		AttachType:   attachType,
		Instructions: insns,
		License:      license,
	}, nil
}

// loadOptions are the settings of one load.
type loadOptions struct {
	consts  compiled.Consts
	verbose bool // whole verifier logs in errors
	keepLog bool // keep every program's verifier log
	logSize int  // starting size of the verifier log buffer; 0 for the default
}

// load creates the maps of prog that shared does not hold already, then
// loads its programs, each distinct Code once. The verifier takes tens of
// microseconds per program and checks programs independently, so they are
// loaded by one worker per CPU. A program the verifier rejects is a
// compiler bug: the error names the probe and shows the tail of the
// verifier log (all of it when verbose). When several fail, the first in
// the program's order is reported. On failure nothing is left loaded.
func load(prog *compiled.Program, shared map[string]*sessionMap, opts loadOptions) (_ *loaded, err error) {
	l := &loaded{maps: map[string]*ebpf.Map{}, progs: map[*compiled.Code]*ebpf.Program{}}
	defer func() {
		if err != nil {
			l.closePrograms()
			for _, m := range l.created {
				m.Close()
			}
		}
	}()
	for _, m := range prog.Maps {
		if sm, ok := shared[m.Name]; ok && !m.Private() {
			if !compiled.SameLayout(sm.spec, m) {
				return nil, fmt.Errorf("map %s: the program lays it out differently from the session's", m.Name)
			}
			l.maps[m.Name] = sm.m
			continue
		}
		km, err := ebpf.NewMap(mapSpec(m))
		if err != nil {
			return nil, fmt.Errorf("creating map %s: %w", m.Name, err)
		}
		l.maps[m.Name] = km
		l.created = append(l.created, km)
	}
	codes := prog.Codes()
	specs := make([]*ebpf.ProgramSpec, len(codes))
	firsts := make([]*compiled.Probe, len(codes)) // a probe of each code, to name it in errors
	index := make(map[*compiled.Code]int, len(codes))
	for i, c := range codes {
		index[c] = i
	}
	for _, p := range prog.Probes {
		i := index[p.Code]
		if firsts[i] != nil {
			continue
		}
		firsts[i] = p
		if specs[i], err = programSpec(p.Name, p.Code, l.maps, opts.consts, prog.License); err != nil {
			return nil, err
		}
	}
	var po ebpf.ProgramOptions
	if opts.logSize > 0 {
		po.LogSizeStart = uint32(min(opts.logSize, 1<<30))
	}
	if opts.keepLog {
		po.LogLevel = ebpf.LogLevelInstruction | ebpf.LogLevelStats
	}
	progs := make([]*ebpf.Program, len(specs))
	errs := make([]error, len(specs))
	forEachParallel(len(specs), func(i int) {
		progs[i], errs[i] = ebpf.NewProgramWithOptions(specs[i], po)
	})
	for i, c := range codes {
		if progs[i] != nil {
			l.progs[c] = progs[i]
		}
	}
	for i, err := range errs {
		if err != nil {
			return nil, explainLoadError(firsts[i].Attach.Name, err, opts.verbose)
		}
	}
	return l, nil
}

// forEachParallel calls f(0) … f(n-1) from one goroutine per CPU (at most
// n), and returns when all calls have returned.
func forEachParallel(n int, f func(i int)) {
	workers := min(n, goruntime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// maxProgramInsns is the kernel's limit on the size of a program loaded
// with CAP_BPF (BPF_COMPLEXITY_LIMIT_INSNS).
const maxProgramInsns = 1000000

func explainLoadError(probe string, err error, verbose bool) error {
	var ve *ebpf.VerifierError
	if !errors.As(err, &ve) {
		return fmt.Errorf("loading the program for %s: %w", probe, err)
	}
	if errors.Is(err, unix.E2BIG) {
		// Not a bug: the script asks for more code than the kernel takes.
		return &VerifierError{Probe: probe, TooLarge: true, Log: ve.Log, Err: err}
	}
	log := ve.Log
	if len(log) == 0 && ve.Cause != nil {
		// The kernel refused the program without a log: the error is all
		// there is to show.
		log = []string{ve.Cause.Error()}
	}
	if !verbose && len(log) > 20 {
		log = log[len(log)-20:]
	}
	return &VerifierError{Probe: probe, Log: log, Err: err}
}
