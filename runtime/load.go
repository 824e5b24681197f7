package runtime

import (
	"encoding/binary"
	"errors"
	"fmt"
	goruntime "runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"
)

// Code pairs each program of a plan with its generated instructions.
type Code map[*compiler.Program]asm.Instructions

// objects are the kernel objects of one loaded plan.
type objects struct {
	maps   map[string]*ebpf.Map                // by the plan's map name
	loaded []*ebpf.Program                     // each distinct program once
	progs  map[*compiler.Program]*ebpf.Program // shared by programs alike
}

func (o *objects) close() {
	if o == nil {
		return
	}
	for _, p := range o.loaded {
		if p != nil {
			p.Close()
		}
	}
	for _, m := range o.maps {
		m.Close()
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

func mapType(k compiler.MapKind) ebpf.MapType {
	switch k {
	case compiler.PerCPUHashMap:
		return ebpf.PerCPUHash
	case compiler.PerCPUArrayMap:
		return ebpf.PerCPUArray
	case compiler.RingBufMap:
		return ebpf.RingBuf
	case compiler.ArrayMap:
		return ebpf.Array
	}
	return ebpf.Hash
}

// mapSpec is the kernel's description of one map of the plan.
func mapSpec(m *compiler.MapSpec) *ebpf.MapSpec {
	ms := &ebpf.MapSpec{
		Name:       kernelMapName(m.Name),
		Type:       mapType(m.Kind),
		KeySize:    uint32(m.KeySize),
		ValueSize:  uint32(m.ValueSize),
		MaxEntries: uint32(m.MaxEntries),
	}
	if m.Kind == compiler.HashMap || m.Kind == compiler.PerCPUHashMap {
		// Preallocating every entry of a per-CPU hash costs milliseconds
		// at start (entries × CPUs) and memory that most runs never use;
		// entries are allocated on insert instead, which tracing programs
		// may do since Linux 6.1.
		ms.Flags = unix.BPF_F_NO_PREALLOC
	}
	return ms
}

// programSpec is the kernel's description of one program of the plan, its
// map references bound to the created maps.
func programSpec(p *compiler.Program, insns asm.Instructions, maps map[string]*ebpf.Map) (*ebpf.ProgramSpec, error) {
	typ, attachType := attach.ProgramType(p.Attach.Kind)
	insns = slices.Clone(insns) // binding maps edits instructions
	for i := range insns {
		ins := &insns[i]
		if !ins.IsLoadFromMap() || ins.Reference() == "" {
			continue
		}
		m, ok := maps[ins.Reference()]
		if !ok {
			return nil, fmt.Errorf("program for %s: no map %q", p.Attach.Name, ins.Reference())
		}
		if err := ins.AssociateMap(m); err != nil {
			return nil, fmt.Errorf("program for %s: map %s: %w", p.Attach.Name, ins.Reference(), err)
		}
	}
	return &ebpf.ProgramSpec{
		Name:         p.Name,
		Type:         typ,
		AttachType:   attachType,
		Instructions: insns,
		License:      "GPL",
	}, nil
}

// load creates every map of the plan, then loads its programs. The
// verifier takes tens of microseconds per program and checks programs
// independently, so they are loaded by one worker per CPU. A program the
// verifier rejects is a compiler bug: the error names the probe and shows
// the tail of the verifier log (all of it when verbose). When several fail,
// the first in the plan's order is reported. On failure nothing is left
// loaded.
func load(plan *compiler.Plan, code Code, verbose, keepLog bool) (_ *objects, err error) {
	o := &objects{maps: map[string]*ebpf.Map{}, progs: map[*compiler.Program]*ebpf.Program{}}
	defer func() {
		if err != nil {
			o.close()
		}
	}()
	for _, m := range plan.Maps {
		km, err := ebpf.NewMap(mapSpec(m))
		if err != nil {
			return nil, fmt.Errorf("creating map %s: %w", m.Name, err)
		}
		o.maps[m.Name] = km
	}
	// Programs with the same type and code are loaded once: the plan's
	// attached probes get their ids from their links' cookies, so a
	// wildcard's expansions are one program.
	var specs []*ebpf.ProgramSpec
	var firsts []*compiler.Program // the program each spec was made for
	index := map[string]int{}      // type and code -> index in specs
	// Code generated once for many attach points comes as the same
	// instructions: those are matched without copying and comparing them.
	type sharedCode struct {
		first *asm.Instruction
		n     int
		kind  types.ProbeKind
	}
	byCode := map[sharedCode]int{}
	which := make([]int, len(plan.Programs))
	for i, p := range plan.Programs {
		insns := code[p]
		var shared sharedCode
		if len(insns) > 0 {
			shared = sharedCode{&insns[0], len(insns), p.Attach.Kind}
			if j, ok := byCode[shared]; ok {
				which[i] = j
				continue
			}
		}
		spec, err := programSpec(p, insns, o.maps)
		if err != nil {
			return nil, err
		}
		key, err := programKey(spec)
		if err != nil {
			return nil, fmt.Errorf("program for %s: %w", p.Attach.Name, err)
		}
		j, ok := index[key]
		if !ok {
			j = len(specs)
			index[key] = j
			specs = append(specs, spec)
			firsts = append(firsts, p)
		}
		which[i] = j
		if shared.first != nil {
			byCode[shared] = j
		}
	}
	var opts ebpf.ProgramOptions
	if keepLog {
		opts.LogLevel = ebpf.LogLevelInstruction | ebpf.LogLevelStats
	}
	o.loaded = make([]*ebpf.Program, len(specs))
	errs := make([]error, len(specs))
	forEachParallel(len(specs), func(i int) {
		o.loaded[i], errs[i] = ebpf.NewProgramWithOptions(specs[i], opts)
	})
	for i, err := range errs {
		if err != nil {
			return nil, explainLoadError(firsts[i], err, verbose)
		}
	}
	for i, p := range plan.Programs {
		o.progs[p] = o.loaded[which[i]]
	}
	return o, nil
}

// programKey is what makes two programs the same: their type and their
// instructions as the kernel receives them (maps as file descriptors).
func programKey(spec *ebpf.ProgramSpec) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%d:", spec.Type, spec.AttachType)
	// Any fixed byte order makes a key.
	if err := spec.Instructions.Marshal(&b, binary.LittleEndian); err != nil {
		return "", err
	}
	return b.String(), nil
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

func explainLoadError(p *compiler.Program, err error, verbose bool) error {
	var ve *ebpf.VerifierError
	if !errors.As(err, &ve) {
		return fmt.Errorf("loading the program for %s: %w", p.Attach.Name, err)
	}
	probe := p.Attach.Name
	if errors.Is(err, unix.E2BIG) {
		// Not a bug: the script asks for more code than the kernel takes.
		return fmt.Errorf("the program for %s is too large for the kernel to load (more than %d instructions): make the probe smaller or split it over several",
			probe, maxProgramInsns)
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
	return fmt.Errorf("the kernel's verifier rejected the program for %s (this is a bpfscript bug; please report it with the script):\n%s",
		probe, strings.Join(log, "\n"))
}
