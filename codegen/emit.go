package codegen

import (
	"fmt"
	"math"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// layoutFrame places every slot (IR slots, then spill slots, as f.Slots
// lists them) 8-byte aligned below the frame pointer. offsets[s] is slot
// s's offset from R10.
func layoutFrame(slots []ir.SlotInfo) ([]int32, error) {
	offsets := make([]int32, len(slots)+1)
	total := 0
	for i, s := range slots {
		total += (s.Size + 7) &^ 7
		offsets[i+1] = int32(-total)
	}
	if total > MaxStack {
		return nil, &FrameError{Size: total}
	}
	return offsets, nil
}

var accessSizes = map[int]asm.Size{1: asm.Byte, 2: asm.Half, 4: asm.Word, 8: asm.DWord}

// emitter translates allocated IR to BPF. Errors here are internal
// inconsistencies (validate catches malformed input), so the first is kept
// and the rest of the translation continues harmlessly.
type emitter struct {
	f        *ir.Func
	homes    homes
	offsets  []int32
	annotate bool
	out      asm.Instructions
	err      error
	// symbol and comment wait for the next instruction emitted.
	symbol  string
	comment string
	// alias maps a label sharing an instruction with an earlier symbol to
	// that symbol, since an instruction carries only one.
	alias map[string]string
}

func emit(f *ir.Func, h homes, annotate bool) (asm.Instructions, error) {
	offsets, err := layoutFrame(f.Slots)
	if err != nil {
		return nil, err
	}
	// Most IR instructions become one or two BPF instructions.
	out := make(asm.Instructions, 0, 2*len(f.Insns)+2)
	e := &emitter{f: f, homes: h, offsets: offsets, annotate: annotate, out: out, symbol: f.Name}
	e.entryMoves(f)
	for _, in := range f.Insns {
		if annotate && in.Comment != "" {
			if e.comment != "" {
				e.comment += "; "
			}
			e.comment += in.Comment
		}
		e.insn(in)
	}
	if e.symbol != "" || e.comment != "" {
		// Lowering ends every program with Exit or Jump, so nothing
		// should be pending; still, never leave a label dangling.
		e.add(asm.Mov.Imm(asm.R0, 0))
		e.add(asm.Return())
	}
	for i := range e.out {
		ins := &e.out[i]
		if isJump(*ins) {
			if to, ok := e.alias[ins.Reference()]; ok {
				*ins = ins.WithReference(to)
			}
		}
	}
	return e.out, e.err
}

func (e *emitter) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("internal error: "+format, args...)
	}
}

func (e *emitter) add(ins asm.Instruction) {
	if e.symbol != "" {
		ins = ins.WithSymbol(e.symbol)
		e.symbol = ""
	}
	if e.comment != "" {
		ins = ins.WithSource(asm.Comment(e.comment))
		e.comment = ""
	}
	e.out = append(e.out, ins)
}

// reg is the physical register of r, which must have one.
func (e *emitter) reg(r ir.Reg) asm.Register {
	if h := e.homes[r]; !h.ok || h.slot != 0 {
		e.fail("%s has no register", r)
		return asm.R0
	}
	return e.homes[r].reg
}

// stackOffset is the R10-relative offset of off bytes into slot s.
func (e *emitter) stackOffset(s ir.Slot, off int32) int16 {
	o := int64(e.offsets[s]) + int64(off)
	if o < math.MinInt16 || o > math.MaxInt16 {
		e.fail("offset %d into %s out of range", off, s)
		return 0
	}
	return int16(o)
}

// mem is a memory operand as base register and offset.
func (e *emitter) mem(m ir.Mem) (asm.Register, int16) {
	if m.Slot != 0 {
		return asm.R10, e.stackOffset(m.Slot, m.Off)
	}
	return e.reg(m.Base), int16(m.Off)
}

func (e *emitter) mov(dst, src asm.Register) {
	if dst != src {
		e.add(asm.Mov.Reg(dst, src))
	}
}

// movImm sets dst to n, with a double-wide load when n does not fit the
// sign-extended 32-bit immediate.
func (e *emitter) movImm(dst asm.Register, n int64) {
	if n >= math.MinInt32 && n <= math.MaxInt32 {
		e.add(asm.Mov.Imm(dst, int32(n)))
	} else {
		e.add(asm.LoadImm(dst, n, asm.DWord))
	}
}

// readHome copies register r, wherever it lives, into dst.
func (e *emitter) readHome(dst asm.Register, r ir.Reg) {
	h := e.homes[r]
	switch {
	case !h.ok:
		e.fail("%s has no home", r)
	case h.slot != 0:
		e.add(asm.LoadMem(dst, asm.R10, e.stackOffset(h.slot, 0), asm.DWord))
	default:
		e.mov(dst, h.reg)
	}
}

// writeHome copies src into register r's home.
func (e *emitter) writeHome(r ir.Reg, src asm.Register) {
	h := e.homes[r]
	switch {
	case !h.ok:
		e.fail("%s has no home", r)
	case h.slot != 0:
		e.add(asm.StoreMem(asm.R10, e.stackOffset(h.slot, 0), src, asm.DWord))
	default:
		e.mov(h.reg, src)
	}
}

// materialise puts the value v into dst.
func (e *emitter) materialise(dst asm.Register, v ir.Value) {
	switch v.Kind {
	case ir.VReg:
		e.readHome(dst, v.Reg)
	case ir.VImm:
		e.movImm(dst, v.Imm)
	case ir.VMap:
		e.add(asm.LoadMapPtr(dst, 0).WithReference(v.Map))
	case ir.VMapValue:
		e.add(asm.LoadMapValue(dst, 0, uint32(v.Imm)).WithReference(v.Map))
	case ir.VConst:
		e.add(asm.LoadImm(dst, 0, asm.DWord).WithReference(v.Map))
	case ir.VFunc:
		// A double-wide load of a BPF_PSEUDO_FUNC reference: cilium/ebpf
		// resolves the constant -1 to the function's offset.
		e.add(asm.Instruction{OpCode: asm.LoadImmOp(asm.DWord), Dst: dst, Src: asm.PseudoFunc, Constant: -1}.WithReference(v.Map))
	case ir.VAddr:
		off := v.Mem.Off
		if v.Mem.Slot != 0 {
			e.mov(dst, asm.R10)
			off = int32(e.stackOffset(v.Mem.Slot, v.Mem.Off))
		} else {
			e.readHome(dst, v.Mem.Base)
		}
		if off != 0 {
			e.add(asm.Add.Imm(dst, off))
		}
	}
}

func (e *emitter) insn(in ir.Insn) {
	switch in.Op {
	case ir.Nop:
	case ir.Label:
		if e.symbol != "" {
			if e.alias == nil {
				e.alias = map[string]string{}
			}
			e.alias[in.Label] = e.symbol
		} else {
			e.symbol = in.Label
		}
	case ir.Mov:
		e.materialise(e.reg(in.Dst), in.B)
	case ir.ALU:
		e.alu(in)
	case ir.Neg:
		d := e.reg(in.Dst)
		e.mov(d, e.reg(in.A))
		e.add(asm.Neg.Imm(d, 0))
	case ir.Ext:
		e.ext(in)
	case ir.Load:
		base, off := e.mem(in.Mem)
		if in.Signed && in.Size < 8 {
			e.add(asm.LoadMemSX(e.reg(in.Dst), base, off, accessSizes[in.Size]))
		} else {
			e.add(asm.LoadMem(e.reg(in.Dst), base, off, accessSizes[in.Size]))
		}
	case ir.Store:
		base, off := e.mem(in.Mem)
		switch in.B.Kind {
		case ir.VReg:
			e.add(asm.StoreMem(base, off, e.reg(in.B.Reg), accessSizes[in.Size]))
		case ir.VImm:
			// asm.StoreImm refuses DWord since a 64-bit constant might
			// not fit; lowering made sure this one does.
			e.add(asm.Instruction{OpCode: asm.StoreImmOp(accessSizes[in.Size]), Dst: base, Offset: off, Constant: in.B.Imm})
		default:
			e.fail("store of %s", in.B)
		}
	case ir.AtomicAdd:
		base, off := e.mem(in.Mem)
		e.add(asm.AddAtomic.Mem(base, e.reg(in.B.Reg), accessSizes[in.Size], off))
	case ir.Call:
		e.call(in)
	case ir.Jump:
		e.add(asm.Ja.Label(in.Label))
	case ir.Branch:
		a := e.reg(in.A)
		if in.B.Kind == ir.VReg {
			e.add(in.Cond.Reg(a, e.reg(in.B.Reg), in.Label))
		} else {
			e.add(in.Cond.Imm(a, int32(in.B.Imm), in.Label))
		}
	case ir.Exit:
		e.materialise(asm.R0, in.B)
		e.add(asm.Return())
	default:
		e.fail("unexpected %s after lowering", in.String())
	}
}

func (e *emitter) alu(in ir.Insn) {
	d, a := e.reg(in.Dst), e.reg(in.A)
	if in.B.Kind == ir.VImm {
		e.mov(d, a)
		e.add(in.ALU.Imm(d, int32(in.B.Imm)))
		return
	}
	b := e.reg(in.B.Reg)
	switch {
	case d == b && d != a && commutative(in.ALU):
		e.add(in.ALU.Reg(d, a))
	case d == b && d != a:
		e.fail("%s overwrites its second operand", in.String())
	default:
		e.mov(d, a)
		e.add(in.ALU.Reg(d, b))
	}
}

func (e *emitter) ext(in ir.Insn) {
	d, a := e.reg(in.Dst), e.reg(in.A)
	switch {
	case in.Size == 8:
		e.mov(d, a)
	case in.Signed:
		e.add(signExtension(in.Size).Reg(d, a))
	case in.Size == 4:
		// 32-bit moves zero the upper half.
		e.add(asm.Mov.Reg32(d, a))
	default:
		e.mov(d, a)
		e.add(asm.And.Imm(d, int32(1)<<(8*in.Size)-1))
	}
}

// signExtension is the move that sign-extends the low size bytes (1, 2 or
// 4) of a register.
func signExtension(size int) asm.ALUOp {
	switch size {
	case 1:
		return asm.MovSX8
	case 2:
		return asm.MovSX16
	}
	return asm.MovSX32
}

// argMove is a register-to-register part of passing helper arguments:
// dst = src + add.
type argMove struct {
	dst, src asm.Register
	add      int32
}

// call passes the arguments and copies the result from R0. Arguments read
// from registers move first, as one parallel move: a move waits while its
// destination still holds another pending move's source, and a cycle is
// broken through R0, which is never an argument register. Constants, maps,
// stack addresses and spilled values read no register, so they come last.
func (e *emitter) call(in ir.Insn) {
	var moves []argMove
	var rest []int
	for k, a := range in.Args {
		dst := asm.R1 + asm.Register(k)
		switch {
		case a.Kind == ir.VReg && e.homes[a.Reg].ok && e.homes[a.Reg].slot == 0:
			moves = append(moves, argMove{dst: dst, src: e.homes[a.Reg].reg})
		case a.Kind == ir.VAddr && a.Mem.Slot == 0 && e.homes[a.Mem.Base].ok && e.homes[a.Mem.Base].slot == 0:
			moves = append(moves, argMove{dst: dst, src: e.homes[a.Mem.Base].reg, add: a.Mem.Off})
		default:
			rest = append(rest, k)
		}
	}
	e.parallelMove(moves)
	for _, k := range rest {
		e.materialise(asm.R1+asm.Register(k), in.Args[k])
	}
	if in.Kfunc != nil {
		e.add(asm.Instruction{
			OpCode:   asm.OpCode(asm.JumpClass).SetJumpOp(asm.Call),
			Src:      asm.PseudoKfuncCall,
			Constant: int64(in.Kfunc.BTFID),
		})
	} else {
		e.add(in.Helper.Call())
	}
	if in.Dst != 0 {
		e.writeHome(in.Dst, asm.R0)
	}
}

// parallelMove performs moves as if at once: a move waits while its
// destination still holds another pending move's source, and a cycle is
// broken through R0, which is never an argument register.
func (e *emitter) parallelMove(moves []argMove) {
	for len(moves) > 0 {
		progress := false
		for i := 0; i < len(moves); i++ {
			m := moves[i]
			if readByOther(moves, i) {
				continue
			}
			e.mov(m.dst, m.src)
			if m.add != 0 {
				e.add(asm.Add.Imm(m.dst, m.add))
			}
			moves = append(moves[:i], moves[i+1:]...)
			i--
			progress = true
		}
		if !progress {
			blocked := moves[0].dst
			e.add(asm.Mov.Reg(asm.R0, blocked))
			for j := range moves {
				if moves[j].src == blocked {
					moves[j].src = asm.R0
				}
			}
		}
	}
}

// readByOther reports whether a pending move other than moves[i] still
// reads moves[i]'s destination.
func readByOther(moves []argMove, i int) bool {
	for j, m := range moves {
		if j != i && m.src == moves[i].dst {
			return true
		}
	}
	return false
}

// isJump reports whether ins is a jump that refers to a label.
func isJump(ins asm.Instruction) bool {
	if !ins.OpCode.Class().IsJump() {
		return false
	}
	switch ins.OpCode.JumpOp() {
	case asm.Call, asm.Exit:
		return false
	}
	return ins.Reference() != ""
}
