package compiled

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// Program is a compiled script, ready to load.
type Program struct {
	Maps   []*Map
	Probes []*Probe // one per attach point, in script order
	Events []*Event // the event with id IDs.Events+i is Events[i]
	// ProbeNames are the names the `probe` builtin's ids stand for:
	// id IDs.ProbeNames+i is ProbeNames[i].
	ProbeNames []string
	// TimeFormats are the strftime formats Timestamp values refer to: id
	// IDs.TimeFormats+i is TimeFormats[i].
	TimeFormats []string
	// IDs are the first ids of this program's tables; zero for a program
	// run on its own.
	IDs IDs
	// License is the license the programs are loaded under (the license
	// config variable); "" means "GPL".
	License string
	// StrTruncTrailer is appended to strings that filled their buffer
	// when they are printed (str_trunc_trailer).
	StrTruncTrailer string
	// StrLen is the size of the buffers str() reads into: a string that
	// fills one of them was most likely cut short.
	StrLen int
}

// IDs counts the ids handed out so far in a session: the next program
// compiled for the session numbers its tables from there.
type IDs struct {
	Events, ProbeNames, TimeFormats int
}

// Next returns the ids after p's.
func (p *Program) Next() IDs {
	return IDs{
		Events:      p.IDs.Events + len(p.Events),
		ProbeNames:  p.IDs.ProbeNames + len(p.ProbeNames),
		TimeFormats: p.IDs.TimeFormats + len(p.TimeFormats),
	}
}

// Map returns the map named name, or nil.
func (p *Program) Map(name string) *Map {
	for _, m := range p.Maps {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// HasOnlyBeginEnd reports whether the program has nothing but begin and end
// probes: it then exits by itself once they have run.
func (p *Program) HasOnlyBeginEnd() bool {
	for _, pr := range p.Probes {
		if pr.Attach.Kind.Attached() {
			return false
		}
	}
	return true
}

// Codes returns each distinct Code of the program once, in the order of
// the first probe that uses it.
func (p *Program) Codes() []*Code {
	seen := map[*Code]bool{}
	var out []*Code
	for _, pr := range p.Probes {
		if !seen[pr.Code] {
			seen[pr.Code] = true
			out = append(out, pr.Code)
		}
	}
	return out
}

// Probe is one attach point and the program that runs there.
//
// Programs of attached probes read the probe's id (the `probe` builtin)
// from their link's cookie rather than from a constant, so blocks that
// differ only in where they attach, such as the expansions of a wildcard,
// share one Code, which the runtime loads once and attaches everywhere with
// each point's Cookie.
type Probe struct {
	Name   string // BPF object name of its program, at most 15 characters
	Attach *types.AttachPoint
	Code   *Code
	Cookie uint64 // the link's cookie: the probe's id in ProbeNames
}

// Code is one BPF program: the instructions and the IR they came from.
// Probes that run the same code point to the same Code.
type Code struct {
	Kind  types.ProbeKind // all probes sharing the code are of this kind
	IR    *ir.Func        // for dumps
	Insns asm.Instructions
}
