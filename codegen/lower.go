package codegen

import (
	"math"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// lower replaces f's instructions, which it does not modify, by a new list
// in the subset of IR that emit translates one to one: no Nop, Zero or
// Copy; ALU, Branch and Store operands that are a register or an immediate
// BPF can encode; an explicit Exit at the end; nothing unreachable. Every register it creates is a temporary that lives
// for one or two instructions.
func lower(f *ir.Func) {
	// Falling off the end would leave a label at the end without an
	// instruction after it; return 0 as an implicit exit.
	n := len(f.Insns)
	implicitExit := n == 0 || (f.Insns[n-1].Op != ir.Exit && f.Insns[n-1].Op != ir.Jump)
	// Most instructions lower to one; the slack covers a few that need
	// more, such as immediates moved into registers.
	out := make([]ir.Insn, 0, n+n/8+2)
	for _, in := range f.Insns {
		start := len(out)
		switch in.Op {
		case ir.Nop:
		case ir.Zero:
			out = appendZero(out, in)
		case ir.Copy:
			out = appendCopy(f, out, in)
		case ir.ALU:
			if isShift(in.ALU) && in.B.Kind == ir.VImm {
				// The verifier rejects a constant shift count outside
				// 0..63; BPF masks a count in a register with 63, so a
				// constant count gets the same mask and x << 64 means the
				// same whether 64 is a literal or a variable.
				in.B.Imm &= 63
			}
			if !encodableALUImm(in.ALU, in.B) {
				in.B, out = intoReg(f, out, in.B)
			}
			out = append(out, in)
		case ir.Branch:
			if !encodableImm(in.B) {
				in.B, out = intoReg(f, out, in.B)
			}
			out = append(out, in)
		case ir.AtomicAdd:
			if in.B.Kind != ir.VReg {
				in.B, out = intoReg(f, out, in.B)
			}
			out = append(out, in)
		case ir.Store:
			if in.B.Kind == ir.VImm && in.Size < 8 {
				in.B.Imm = truncate(in.B.Imm, in.Size)
			}
			if !encodableImm(in.B) {
				in.B, out = intoReg(f, out, in.B)
			}
			out = append(out, in)
		default:
			out = append(out, in)
		}
		if len(out) > start {
			for j := start; j < len(out); j++ {
				out[j].Comment = ""
			}
			out[start].Comment = in.Comment
		} else if in.Comment != "" {
			// Keep the comment of an instruction that vanished with the
			// next one, for annotated dumps.
			out = append(out, ir.Insn{Op: ir.Nop, Comment: in.Comment})
		}
	}
	if implicitExit {
		out = append(out, ir.Insn{Op: ir.Exit, B: ir.I(0)})
	}
	f.Insns = dropNops(out)
	f.Insns = reachable(f.Insns)
}

// dropNops removes Nops, moving their comments to the next instruction.
func dropNops(insns []ir.Insn) []ir.Insn {
	out := insns[:0]
	comment := ""
	for _, in := range insns {
		if in.Op == ir.Nop {
			if comment == "" {
				comment = in.Comment
			}
			continue
		}
		if comment != "" && in.Comment == "" {
			in.Comment = comment
		}
		comment = ""
		out = append(out, in)
	}
	return out
}

// encodableImm reports whether v is a register or an immediate that fits
// the 32-bit immediate field, which BPF sign-extends to 64 bits.
func encodableImm(v ir.Value) bool {
	switch v.Kind {
	case ir.VReg:
		return true
	case ir.VImm:
		return v.Imm >= math.MinInt32 && v.Imm <= math.MaxInt32
	}
	return false
}

// encodableALUImm is encodableImm, except that the verifier rejects a
// division or modulo by the constant zero: that goes through a register,
// where BPF defines it (x/0 = 0, x%0 = x).
func encodableALUImm(op asm.ALUOp, v ir.Value) bool {
	switch op {
	case asm.Div, asm.Mod, asm.SDiv, asm.SMod:
		if v.Kind == ir.VImm && v.Imm == 0 {
			return false
		}
	}
	return encodableImm(v)
}

func isShift(op asm.ALUOp) bool { return op == asm.LSh || op == asm.RSh || op == asm.ArSh }

// truncate sign-extends the low size bytes of n, which keeps the bytes a
// size-byte store writes while making n fit the 32-bit immediate field.
func truncate(n int64, size int) int64 {
	shift := 64 - 8*size
	return n << shift >> shift
}

// intoReg moves v into a new temporary register.
func intoReg(f *ir.Func, out []ir.Insn, v ir.Value) (ir.Value, []ir.Insn) {
	t := f.NewReg()
	return ir.R(t), append(out, ir.Insn{Op: ir.Mov, Dst: t, B: v})
}

// chunk is the widest access size, at most left, that keeps off aligned.
func chunk(off int32, left int) int {
	for _, size := range []int{8, 4, 2} {
		if left >= size && off%int32(size) == 0 {
			return size
		}
	}
	return 1
}

func appendZero(out []ir.Insn, in ir.Insn) []ir.Insn {
	for done := 0; done < in.Size; {
		m := in.Mem
		m.Off += int32(done)
		size := chunk(m.Off, in.Size-done)
		out = append(out, ir.Insn{Op: ir.Store, Size: size, Mem: m, B: ir.I(0)})
		done += size
	}
	return out
}

// appendCopy copies through one temporary register; its live ranges are
// the single instructions between each load and store.
func appendCopy(f *ir.Func, out []ir.Insn, in ir.Insn) []ir.Insn {
	t := f.NewReg()
	for done := 0; done < in.Size; {
		dst, src := in.Mem, in.Src
		dst.Off += int32(done)
		src.Off += int32(done)
		size := min(chunk(dst.Off, in.Size-done), chunk(src.Off, in.Size-done))
		out = append(out,
			ir.Insn{Op: ir.Load, Dst: t, Size: size, Mem: src},
			ir.Insn{Op: ir.Store, Size: size, Mem: dst, B: ir.R(t)})
		done += size
	}
	return out
}

// commutative ALU operations can be emitted as `dst op= a` when dst and the
// second operand share a register.
func commutative(op asm.ALUOp) bool {
	switch op {
	case asm.Add, asm.Mul, asm.And, asm.Or, asm.Xor:
		return true
	}
	return false
}

// splitTwoAddress rewrites `d = a op d` with a non-commutative op into
// `t = d; d = a op t`. BPF's ALU instructions are two-address (`d op= b`),
// so emit computes `d = a; d op= b`, which would overwrite the second
// operand first; the allocator keeps d and t apart instead.
func splitTwoAddress(f *ir.Func) {
	splits := 0
	for i := range f.Insns {
		if overwritesSecondOperand(&f.Insns[i]) {
			splits++
		}
	}
	if splits == 0 {
		return
	}
	out := make([]ir.Insn, 0, len(f.Insns)+splits)
	for _, in := range f.Insns {
		if overwritesSecondOperand(&in) {
			t := f.NewReg()
			out = append(out, ir.Insn{Op: ir.Mov, Dst: t, B: in.B, Comment: in.Comment})
			in.B, in.Comment = ir.R(t), ""
		}
		out = append(out, in)
	}
	f.Insns = out
}

// overwritesSecondOperand reports whether in is `d = a op d` with a
// non-commutative op, which splitTwoAddress rewrites.
func overwritesSecondOperand(in *ir.Insn) bool {
	return in.Op == ir.ALU && in.B.Kind == ir.VReg && in.B.Reg == in.Dst && in.A != in.Dst && !commutative(in.ALU)
}

// reach marks the instructions reachable from the first of n. next appends
// the instructions control may go to from i to its argument and returns
// it; indexes past the end are ignored.
func reach(n int, next func(i int, to []int) []int) []bool {
	seen := make([]bool, n)
	stack := make([]int, 1, 16)
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if i >= n || seen[i] {
			continue
		}
		seen[i] = true
		stack = next(i, stack)
	}
	return seen
}

// reachable drops, in place, the instructions no path from the entry
// reaches; the verifier rejects unreachable code.
func reachable(insns []ir.Insn) []ir.Insn {
	succ := successors(insns)
	seen := reach(len(insns), func(i int, to []int) []int { return append(to, succ[i]...) })
	out := insns[:0]
	for i, in := range insns {
		if seen[i] {
			out = append(out, in)
		}
	}
	return out
}
