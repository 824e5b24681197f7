package codegen

import (
	"fmt"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
)

// MaxStack is the size of a BPF program's stack frame.
const MaxStack = 512

// Generate compiles f to instructions ready for ebpf.NewProgram. Map
// operands are asm.LoadMapPtr instructions referring to the map's name; the
// caller resolves them (CollectionSpec or Instructions.AssociateMap). f is
// not modified.
func Generate(f *ir.Func) (asm.Instructions, error) {
	return generate(f, false)
}

// GenerateAnnotated is Generate with each IR instruction's Comment attached
// to the first BPF instruction it produced, as an asm.Comment source, for
// disassembly dumps. The kernel refuses such line information without BTF
// function information, so load the output of Generate instead.
func GenerateAnnotated(f *ir.Func) (asm.Instructions, error) {
	return generate(f, true)
}

func generate(f *ir.Func, annotate bool) (asm.Instructions, error) {
	if f == nil {
		return nil, fmt.Errorf("codegen: nil function")
	}
	insns, frame, err := generateFunc(f, annotate)
	if err != nil || len(f.Subprogs) == 0 {
		return insns, err
	}
	if err := checkSymbols(f); err != nil {
		return nil, err
	}
	frames := map[string]int{f.Name: frame}
	codes := map[string]asm.Instructions{}
	for _, sub := range f.Subprogs {
		code, frame, err := generateFunc(sub, annotate)
		if err != nil {
			return nil, err
		}
		frames[sub.Name] = frame
		codes[sub.Name] = withFuncInfo(code, sub.Name, btf.StaticFunc, len(sub.Params))
	}
	// Only functions the program's code still refers to go in: one whose
	// reference was unreachable, and dropped, would not be a function to
	// the kernel, but code after the last one.
	used := referenced(insns, codes)
	if len(used) == 0 {
		return insns, nil
	}
	insns = withFuncInfo(insns, f.Name, btf.GlobalFunc, 1)
	for _, sub := range f.Subprogs {
		if used[sub.Name] {
			insns = append(insns, codes[sub.Name]...)
		}
	}
	if depth := stackDepth(f, frames); depth > MaxStack {
		return nil, &FrameError{Size: depth}
	}
	return insns, nil
}

// generateFunc compiles one function and returns its code and the size of
// its frame.
func generateFunc(f *ir.Func, annotate bool) (asm.Instructions, int, error) {
	if err := validate(f); err != nil {
		return nil, 0, fmt.Errorf("codegen %s: %w", f.Name, err)
	}
	work := clone(f)
	firstTemp := ir.Reg(work.NumRegs + 1)
	lower(work)
	homes, err := allocate(work, firstTemp)
	if err != nil {
		return nil, 0, fmt.Errorf("codegen %s: %w", f.Name, err)
	}
	insns, err := emit(work, homes, annotate)
	if err != nil {
		return nil, 0, fmt.Errorf("codegen %s: %w", f.Name, err)
	}
	return longJumps(cleanup(insns)), frameSize(work.Slots), nil
}

// clone copies f's header and slots, which lowering and spill rewriting
// extend. The instructions are not copied: lower reads f's and writes a new
// list, and helper arguments are shared with f, read only (shareSpillSlots,
// the one step that edits them, copies them first).
func clone(f *ir.Func) *ir.Func {
	c := *f
	c.Slots = append([]ir.SlotInfo(nil), f.Slots...)
	return &c
}

// FrameError says a function's stack frame (its slots and spills) does not
// fit BPF's 512 bytes. The compiler can retry, putting more of its buffers
// in scratch memory.
type FrameError struct {
	Size int
}

func (e *FrameError) Error() string {
	return fmt.Sprintf("stack frame of %d bytes exceeds BPF's %d", e.Size, MaxStack)
}
