package codegen

import (
	"fmt"
	"math"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

var validALU = map[asm.ALUOp]bool{
	asm.Add: true, asm.Sub: true, asm.Mul: true, asm.Div: true, asm.Mod: true,
	asm.SDiv: true, asm.SMod: true, asm.And: true, asm.Or: true, asm.Xor: true,
	asm.LSh: true, asm.RSh: true, asm.ArSh: true,
}

var validCond = map[asm.JumpOp]bool{
	asm.JEq: true, asm.JNE: true, asm.JGT: true, asm.JGE: true, asm.JLT: true,
	asm.JLE: true, asm.JSGT: true, asm.JSGE: true, asm.JSLT: true,
	asm.JSLE: true, asm.JSet: true,
}

// validate reports the first malformed instruction of f, so that the rest
// of codegen can rely on the IR's invariants instead of checking them.
func validate(f *ir.Func) error {
	if f.Name == "" {
		return fmt.Errorf("function has no name")
	}
	if f.Ctx < 0 || int(f.Ctx) > f.NumRegs {
		return fmt.Errorf("context register %s out of range 1..%d", f.Ctx, f.NumRegs)
	}
	if f.Params != nil && f.Ctx != 0 {
		return fmt.Errorf("a subprogram has no context register")
	}
	if len(f.Params) > 5 {
		return fmt.Errorf("%d parameters, BPF passes at most 5", len(f.Params))
	}
	for k, p := range f.Params {
		if p < 0 || int(p) > f.NumRegs {
			return fmt.Errorf("parameter %d register %s out of range 1..%d", k+1, p, f.NumRegs)
		}
	}
	for i, s := range f.Slots {
		if s.Size <= 0 {
			return fmt.Errorf("slot%d %q has size %d", i+1, s.Name, s.Size)
		}
	}
	labels := map[string]bool{}
	for i, in := range f.Insns {
		if in.Op != ir.Label {
			continue
		}
		switch {
		case in.Label == "":
			return fmt.Errorf("insn %d: label without a name", i)
		case in.Label == f.Name:
			return fmt.Errorf("insn %d: label %q clashes with the function name", i, in.Label)
		case labels[in.Label]:
			return fmt.Errorf("insn %d: label %q defined twice", i, in.Label)
		}
		labels[in.Label] = true
	}
	for i, in := range f.Insns {
		if err := validateInsn(f, in, labels); err != nil {
			return fmt.Errorf("insn %d (%s): %w", i, in.String(), err)
		}
	}
	return nil
}

func validateInsn(f *ir.Func, in ir.Insn, labels map[string]bool) error {
	v := validator{f}
	switch in.Op {
	case ir.Nop, ir.Label:
		return nil
	case ir.Mov:
		return first(v.reg(in.Dst), v.value(in.B))
	case ir.ALU:
		if !validALU[in.ALU] {
			return fmt.Errorf("unknown ALU operation %v", in.ALU)
		}
		return first(v.reg(in.Dst), v.reg(in.A), v.value(in.B))
	case ir.Neg:
		return first(v.reg(in.Dst), v.reg(in.A))
	case ir.Ext:
		return first(v.reg(in.Dst), v.reg(in.A), accessSize(in.Size))
	case ir.Load:
		return first(v.reg(in.Dst), v.mem(in.Mem), accessSize(in.Size), stackAligned(in.Mem, in.Size))
	case ir.Store:
		if in.Signed {
			return fmt.Errorf("stores are not signed")
		}
		return first(v.mem(in.Mem), v.value(in.B), accessSize(in.Size), stackAligned(in.Mem, in.Size))
	case ir.AtomicAdd:
		if in.Size != 4 && in.Size != 8 {
			return fmt.Errorf("atomic add of %d bytes", in.Size)
		}
		if in.Mem.Slot != 0 {
			return fmt.Errorf("atomic add on the stack")
		}
		return first(v.mem(in.Mem), v.value(in.B))
	case ir.Zero, ir.Copy:
		if in.Size <= 0 {
			return fmt.Errorf("size %d", in.Size)
		}
		if in.Op == ir.Copy {
			return first(v.mem(in.Mem), v.mem(in.Src))
		}
		return v.mem(in.Mem)
	case ir.Call:
		if len(in.Args) > 5 {
			return fmt.Errorf("%d helper arguments, BPF passes at most 5", len(in.Args))
		}
		if in.Dst != 0 {
			if err := v.reg(in.Dst); err != nil {
				return err
			}
		}
		for _, a := range in.Args {
			if err := v.value(a); err != nil {
				return err
			}
		}
		return nil
	case ir.Jump:
		return v.label(in.Label, labels)
	case ir.Branch:
		if !validCond[in.Cond] {
			return fmt.Errorf("unknown condition %v", in.Cond)
		}
		return first(v.reg(in.A), v.value(in.B), v.label(in.Label, labels))
	case ir.Exit:
		return v.value(in.B)
	}
	return fmt.Errorf("unknown op %d", in.Op)
}

type validator struct{ f *ir.Func }

func (v validator) reg(r ir.Reg) error {
	if r <= 0 || int(r) > v.f.NumRegs {
		return fmt.Errorf("register %s out of range 1..%d", r, v.f.NumRegs)
	}
	return nil
}

func (v validator) mem(m ir.Mem) error {
	if m.Slot != 0 {
		if m.Slot < 0 || int(m.Slot) > len(v.f.Slots) {
			return fmt.Errorf("%s out of range 1..%d", m.Slot, len(v.f.Slots))
		}
		return nil
	}
	if m.Base == 0 {
		return fmt.Errorf("memory operand has neither slot nor base register")
	}
	if m.Off < math.MinInt16 || m.Off > math.MaxInt16 {
		return fmt.Errorf("offset %d does not fit BPF's 16-bit offsets", m.Off)
	}
	return v.reg(m.Base)
}

func (v validator) value(val ir.Value) error {
	switch val.Kind {
	case ir.VReg:
		return v.reg(val.Reg)
	case ir.VImm:
		return nil
	case ir.VMap:
		if val.Map == "" {
			return fmt.Errorf("map operand without a name")
		}
		return nil
	case ir.VAddr:
		return v.mem(val.Mem)
	case ir.VMapValue:
		if val.Map == "" || val.Imm < 0 || val.Imm > 1<<30 {
			return fmt.Errorf("bad map value operand %s", val)
		}
		return nil
	case ir.VConst:
		if val.Map == "" {
			return fmt.Errorf("load-time constant without a name")
		}
		return nil
	case ir.VFunc:
		if val.Map == "" {
			return fmt.Errorf("function address without a name")
		}
		return nil
	}
	return fmt.Errorf("unknown value kind %d", val.Kind)
}

func (v validator) label(name string, labels map[string]bool) error {
	if !labels[name] {
		return fmt.Errorf("jump to undefined label %q", name)
	}
	return nil
}

func accessSize(size int) error {
	switch size {
	case 1, 2, 4, 8:
		return nil
	}
	return fmt.Errorf("access size %d, want 1, 2, 4 or 8", size)
}

// stackAligned rejects a misaligned access to a slot: the verifier always
// demands natural alignment on the stack (its spill tracking relies on it),
// and slots start 8-byte aligned.
func stackAligned(m ir.Mem, size int) error {
	if m.Slot != 0 && (size == 1 || size == 2 || size == 4 || size == 8) && m.Off%int32(size) != 0 {
		return fmt.Errorf("%d-byte access at offset %d of %s is not aligned; the verifier requires aligned stack accesses", size, m.Off, m.Slot)
	}
	return nil
}

// first returns the first non-nil error.
func first(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
