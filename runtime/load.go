package runtime

import (
	"errors"
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"
)

// Code pairs each program of a plan with its generated instructions.
type Code map[*compiler.Program]asm.Instructions

// objects are the kernel objects of one loaded plan.
type objects struct {
	coll  *ebpf.Collection
	progs map[*compiler.Program]*ebpf.Program
}

func (o *objects) close() {
	if o != nil && o.coll != nil {
		o.coll.Close()
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

// collectionSpec turns a plan into a CollectionSpec. Map references in the
// instructions use the plan's map names, which are the spec's keys.
func collectionSpec(plan *compiler.Plan, code Code) *ebpf.CollectionSpec {
	spec := &ebpf.CollectionSpec{
		Maps:     map[string]*ebpf.MapSpec{},
		Programs: map[string]*ebpf.ProgramSpec{},
	}
	for _, m := range plan.Maps {
		ms := &ebpf.MapSpec{
			Name:       kernelMapName(m.Name),
			Type:       mapType(m.Kind),
			KeySize:    uint32(m.KeySize),
			ValueSize:  uint32(m.ValueSize),
			MaxEntries: uint32(m.MaxEntries),
		}
		if m.Kind == compiler.HashMap || m.Kind == compiler.PerCPUHashMap {
			// Preallocating every entry of a per-CPU hash costs
			// milliseconds at start (entries × CPUs) and memory that
			// most runs never use; entries are allocated on insert
			// instead, which tracing programs may do since Linux 6.1.
			ms.Flags = unix.BPF_F_NO_PREALLOC
		}
		spec.Maps[m.Name] = ms
	}
	for _, p := range plan.Programs {
		typ, attachType := attach.ProgramType(p.Attach.Kind)
		spec.Programs[p.Name] = &ebpf.ProgramSpec{
			Name:         p.Name,
			Type:         typ,
			AttachType:   attachType,
			Instructions: code[p],
			License:      "GPL",
		}
	}
	return spec
}

// load creates every map and program of the plan. A program the verifier
// rejects is a compiler bug: the error names the probe and shows the tail
// of the verifier log (all of it when verbose).
func load(plan *compiler.Plan, code Code, verbose, keepLog bool) (*objects, error) {
	spec := collectionSpec(plan, code)
	opts := ebpf.CollectionOptions{}
	if keepLog {
		opts.Programs.LogLevel = ebpf.LogLevelInstruction | ebpf.LogLevelStats
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, opts)
	if err != nil {
		return nil, explainLoadError(plan, err, verbose)
	}
	o := &objects{coll: coll, progs: map[*compiler.Program]*ebpf.Program{}}
	for _, p := range plan.Programs {
		o.progs[p] = coll.Programs[p.Name]
	}
	return o, nil
}

// maxProgramInsns is the kernel's limit on the size of a program loaded
// with CAP_BPF (BPF_COMPLEXITY_LIMIT_INSNS).
const maxProgramInsns = 1000000

func explainLoadError(plan *compiler.Plan, err error, verbose bool) error {
	var ve *ebpf.VerifierError
	if !errors.As(err, &ve) {
		return fmt.Errorf("loading programs: %w", err)
	}
	probe := "a probe"
	for _, p := range plan.Programs {
		if strings.Contains(err.Error(), fmt.Sprintf("%q", p.Name)) || strings.Contains(err.Error(), "program "+p.Name) {
			probe = p.Attach.Name
		}
	}
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
