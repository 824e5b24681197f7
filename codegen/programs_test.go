package codegen

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// Hand-built IR programs shared by the golden and in-kernel tests. Each
// returns its function and, for the kernel tests, the value it returns
// when run as a socket filter on a 64-byte packet.

// countProgram is what the compiler emits for
// `tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }`.
func countProgram() *ir.Func {
	f := &ir.Func{Name: "sys_enter"}
	f.Ctx = f.NewReg()
	key := f.NewSlot("key", 16)
	one := f.NewSlot("one", 8)
	f.Emit(ir.Insn{Op: ir.Call, Helper: asm.FnGetCurrentComm, Args: []ir.Value{ir.Addr(ir.Mem{Slot: key}), ir.I(16)}, Comment: "@[comm] = count()"})
	p := f.NewReg()
	f.Emit(ir.Insn{Op: ir.Call, Dst: p, Helper: asm.FnMapLookupElem, Args: []ir.Value{ir.MapArg("@"), ir.Addr(ir.Mem{Slot: key})}})
	f.Emit(ir.Insn{Op: ir.Branch, A: p, Cond: asm.JEq, B: ir.I(0), Label: "Lmiss"})
	n := f.NewReg()
	f.Emit(ir.Insn{Op: ir.Load, Dst: n, Size: 8, Mem: ir.Mem{Base: p}})
	f.Emit(ir.Insn{Op: ir.ALU, Dst: n, A: n, ALU: asm.Add, B: ir.I(1)})
	f.Emit(ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Base: p}, B: ir.R(n)})
	f.Emit(ir.Insn{Op: ir.Jump, Label: "Lout"})
	f.Emit(ir.Insn{Op: ir.Label, Label: "Lmiss"})
	f.Emit(ir.Insn{Op: ir.Store, Size: 8, Mem: ir.Mem{Slot: one}, B: ir.I(1)})
	f.Emit(ir.Insn{Op: ir.Call, Helper: asm.FnMapUpdateElem, Args: []ir.Value{ir.MapArg("@"), ir.Addr(ir.Mem{Slot: key}), ir.Addr(ir.Mem{Slot: one}), ir.I(1)}})
	f.Emit(ir.Insn{Op: ir.Label, Label: "Lout"})
	f.Emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
	return f
}

// builder shortens hand-written IR.
type builder struct{ f *ir.Func }

func newBuilder(name string, withCtx bool) builder {
	f := &ir.Func{Name: name}
	if withCtx {
		f.Ctx = f.NewReg()
	}
	return builder{f}
}

func (b builder) emit(in ir.Insn) { b.f.Emit(in) }

func (b builder) mov(v ir.Value) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: v})
	return r
}

func (b builder) alu(op asm.ALUOp, a ir.Reg, v ir.Value) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, Dst: r, A: a, ALU: op, B: v})
	return r
}

func (b builder) load(m ir.Mem, size int, signed bool) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: m, Size: size, Signed: signed})
	return r
}

func (b builder) store(m ir.Mem, size int, v ir.Value) {
	b.emit(ir.Insn{Op: ir.Store, Mem: m, Size: size, B: v})
}

func (b builder) call(fn asm.BuiltinFunc, args ...ir.Value) ir.Reg {
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Call, Dst: r, Helper: fn, Args: args})
	return r
}

func (b builder) branch(a ir.Reg, c asm.JumpOp, v ir.Value, label string) {
	b.emit(ir.Insn{Op: ir.Branch, A: a, Cond: c, B: v, Label: label})
}

func (b builder) label(l string) { b.emit(ir.Insn{Op: ir.Label, Label: l}) }
func (b builder) jump(l string)  { b.emit(ir.Insn{Op: ir.Jump, Label: l}) }

// packetLen loads __sk_buff.len, a value the verifier cannot predict.
func (b builder) packetLen() ir.Reg {
	return b.load(ir.Mem{Base: b.f.Ctx}, 4, false)
}

// exitFolded returns r's two halves xor-ed, so that a socket filter's
// 32-bit return value still depends on all 64 bits.
func (b builder) exitFolded(r ir.Reg) {
	hi := b.alu(asm.RSh, r, ir.I(32))
	b.emit(ir.Insn{Op: ir.Exit, B: ir.R(b.alu(asm.Xor, r, ir.R(hi)))})
}

func arithProgram() *ir.Func {
	b := newBuilder("arith", true)
	x := b.packetLen()
	y := b.alu(asm.Add, b.alu(asm.Mul, x, ir.I(3)), ir.I(7))
	z := b.alu(asm.Div, y, ir.I(5))
	w := b.alu(asm.Sub, z, ir.R(x))
	s := b.alu(asm.SDiv, w, ir.I(3))
	m := b.alu(asm.SMod, s, ir.I(-4))
	sh := b.alu(asm.LSh, x, ir.I(40))
	ar := b.alu(asm.ArSh, b.alu(asm.Or, sh, ir.R(m)), ir.I(3))
	n := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Neg, Dst: n, A: ar})
	b.exitFolded(b.alu(asm.Xor, n, ir.R(b.alu(asm.Mod, y, ir.R(x)))))
	return b.f
}

func diamondProgram() *ir.Func {
	b := newBuilder("diamond", true)
	x := b.packetLen()
	y := b.f.NewReg()
	b.branch(x, asm.JGT, ir.I(10), "big")
	b.emit(ir.Insn{Op: ir.ALU, Dst: y, A: x, ALU: asm.Add, B: ir.I(100)})
	b.jump("join")
	b.label("big")
	b.emit(ir.Insn{Op: ir.ALU, Dst: y, A: x, ALU: asm.Mul, B: ir.I(2)})
	b.label("join")
	b.branch(y, asm.JSet, ir.I(1), "odd")
	b.emit(ir.Insn{Op: ir.ALU, Dst: y, A: y, ALU: asm.Add, B: ir.I(1000)})
	b.label("odd")
	b.emit(ir.Insn{Op: ir.Exit, B: ir.R(y)})
	return b.f
}

// spillsProgram keeps 16 values live at once, more than BPF's registers.
func spillsProgram() *ir.Func {
	b := newBuilder("spills", true)
	x := b.packetLen()
	var vals []ir.Reg
	for i := range 16 {
		vals = append(vals, b.alu(asm.Add, b.alu(asm.Mul, x, ir.I(int64(i+1))), ir.I(int64(i*i))))
	}
	acc := b.mov(ir.I(0))
	for i, v := range vals {
		rot := b.alu(asm.LSh, v, ir.I(int64(i*3)))
		b.emit(ir.Insn{Op: ir.ALU, Dst: acc, A: acc, ALU: asm.Xor, B: ir.R(rot)})
		b.emit(ir.Insn{Op: ir.ALU, Dst: acc, A: acc, ALU: asm.Sub, B: ir.R(v)})
	}
	b.exitFolded(acc)
	return b.f
}

// acrossCallProgram keeps six values live across helper calls, more than
// the four callee-saved registers, and uses a map value after a null check.
func acrossCallProgram() *ir.Func {
	b := newBuilder("across_call", true)
	key := b.f.NewSlot("key", 4)
	x := b.packetLen()
	var vals []ir.Reg
	for i := range 6 {
		vals = append(vals, b.alu(asm.Mul, x, ir.I(int64(i+2))))
	}
	b.store(ir.Mem{Slot: key}, 4, ir.I(1))
	p := b.call(asm.FnMapLookupElem, ir.MapArg("array"), ir.Addr(ir.Mem{Slot: key}))
	b.branch(p, asm.JEq, ir.I(0), "miss")
	b.store(ir.Mem{Slot: key}, 4, ir.R(b.alu(asm.RSh, vals[0], ir.I(6))))
	// A result nobody reads: dead-code elimination drops it.
	b.emit(ir.Insn{Op: ir.ALU, Dst: b.f.NewReg(), A: vals[0], ALU: asm.And, B: ir.I(3)})
	q := b.call(asm.FnMapLookupElem, ir.MapArg("array"), ir.Addr(ir.Mem{Slot: key}))
	b.branch(q, asm.JEq, ir.I(0), "miss")
	// p, checked before the second call, is still live after it.
	v := b.load(ir.Mem{Base: p}, 8, false)
	acc := b.alu(asm.Add, v, ir.R(b.load(ir.Mem{Base: q}, 8, false)))
	for _, r := range vals {
		b.emit(ir.Insn{Op: ir.ALU, Dst: acc, A: acc, ALU: asm.Mul, B: ir.R(r)})
		b.emit(ir.Insn{Op: ir.ALU, Dst: acc, A: acc, ALU: asm.Add, B: ir.R(r)})
	}
	b.exitFolded(acc)
	b.label("miss")
	b.emit(ir.Insn{Op: ir.Exit, B: ir.I(-1)})
	return b.f
}

// lookupProgram inserts into a hash map on a miss and reads it back.
func lookupProgram() *ir.Func {
	b := newBuilder("lookup", false)
	key := b.f.NewSlot("key", 8)
	val := b.f.NewSlot("val", 8)
	b.store(ir.Mem{Slot: key}, 8, ir.I(42))
	p := b.call(asm.FnMapLookupElem, ir.MapArg("hash"), ir.Addr(ir.Mem{Slot: key}))
	b.branch(p, asm.JNE, ir.I(0), "hit")
	b.store(ir.Mem{Slot: val}, 8, ir.I(7))
	b.call(asm.FnMapUpdateElem, ir.MapArg("hash"), ir.Addr(ir.Mem{Slot: key}), ir.Addr(ir.Mem{Slot: val}), ir.I(1))
	b.emit(ir.Insn{Op: ir.Call, Dst: p, Helper: asm.FnMapLookupElem, Args: []ir.Value{ir.MapArg("hash"), ir.Addr(ir.Mem{Slot: key})}})
	b.branch(p, asm.JEq, ir.I(0), "out")
	b.label("hit")
	n := b.load(ir.Mem{Base: p}, 8, false)
	b.emit(ir.Insn{Op: ir.ALU, Dst: n, A: n, ALU: asm.Add, B: ir.I(100)})
	b.store(ir.Mem{Base: p}, 8, ir.R(n))
	b.emit(ir.Insn{Op: ir.Exit, B: ir.R(n)})
	b.label("out")
	b.emit(ir.Insn{Op: ir.Exit, B: ir.I(0)})
	return b.f
}

func copyZeroProgram() *ir.Func {
	b := newBuilder("copy_zero", true)
	src := b.f.NewSlot("src", 24)
	dst := b.f.NewSlot("dst", 28)
	x := b.packetLen()
	b.emit(ir.Insn{Op: ir.Zero, Mem: ir.Mem{Slot: src}, Size: 24})
	b.emit(ir.Insn{Op: ir.Zero, Mem: ir.Mem{Slot: dst}, Size: 28})
	b.store(ir.Mem{Slot: src}, 8, ir.R(b.alu(asm.Mul, x, ir.I(0x01010101))))
	b.store(ir.Mem{Slot: src, Off: 8}, 4, ir.I(-2))
	b.store(ir.Mem{Slot: src, Off: 13}, 1, ir.I(0x5a))
	b.emit(ir.Insn{Op: ir.Copy, Mem: ir.Mem{Slot: dst, Off: 4}, Src: ir.Mem{Slot: src, Off: 1}, Size: 15})
	acc := b.load(ir.Mem{Slot: dst, Off: 8}, 8, false)
	for _, off := range []int32{4, 16, 20} {
		b.emit(ir.Insn{Op: ir.ALU, Dst: acc, A: acc, ALU: asm.Add, B: ir.R(b.load(ir.Mem{Slot: dst, Off: off}, 4, false))})
	}
	b.exitFolded(acc)
	return b.f
}

func imm64Program() *ir.Func {
	b := newBuilder("imm64", true)
	s := b.f.NewSlot("s", 8)
	x := b.packetLen()
	r := b.alu(asm.Add, x, ir.I(0x123456789abcdef0))
	r = b.alu(asm.Xor, r, ir.I(0x100000000))
	b.branch(r, asm.JEq, ir.I(0x123456799abcdf22), "yes")
	b.emit(ir.Insn{Op: ir.Exit, B: ir.I(0x7fffffffff)})
	b.label("yes")
	b.store(ir.Mem{Slot: s}, 8, ir.I(-0x2152411035014542))
	b.store(ir.Mem{Slot: s, Off: 4}, 4, ir.I(0xcafebabe))
	v := b.load(ir.Mem{Slot: s}, 8, false)
	b.exitFolded(b.alu(asm.Add, v, ir.R(r)))
	return b.f
}

func extendProgram() *ir.Func {
	b := newBuilder("extend", true)
	s := b.f.NewSlot("s", 8)
	x := b.packetLen()
	b.store(ir.Mem{Slot: s}, 8, ir.I(0x7f80800180_70f0f0))
	acc := b.load(ir.Mem{Slot: s}, 1, true)
	add := func(r ir.Reg) {
		b.emit(ir.Insn{Op: ir.ALU, Dst: acc, A: acc, ALU: asm.Mul, B: ir.I(31)})
		b.emit(ir.Insn{Op: ir.ALU, Dst: acc, A: acc, ALU: asm.Add, B: ir.R(r)})
	}
	add(b.load(ir.Mem{Slot: s, Off: 2}, 2, true))
	add(b.load(ir.Mem{Slot: s}, 4, true))
	wide := b.alu(asm.Sub, x, ir.I(0x180))
	for _, size := range []int{1, 2, 4, 8} {
		for _, signed := range []bool{false, true} {
			r := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Ext, Dst: r, A: wide, Size: size, Signed: signed})
			add(r)
		}
	}
	b.exitFolded(acc)
	return b.f
}

// loopProgram sums 0..9 with a backward branch.
func loopProgram() *ir.Func {
	b := newBuilder("loop", true)
	x := b.packetLen()
	i := b.mov(ir.I(0))
	sum := b.mov(ir.R(x))
	b.label("head")
	b.emit(ir.Insn{Op: ir.ALU, Dst: sum, A: sum, ALU: asm.Add, B: ir.R(i)})
	b.emit(ir.Insn{Op: ir.ALU, Dst: i, A: i, ALU: asm.Add, B: ir.I(1)})
	b.branch(i, asm.JLT, ir.I(10), "head")
	b.emit(ir.Insn{Op: ir.Exit, B: ir.R(sum)})
	return b.f
}

// twoAddressProgram computes `d = a op d` for non-commutative ops and
// divides by a constant zero.
func twoAddressProgram() *ir.Func {
	b := newBuilder("two_address", true)
	x := b.packetLen()
	d := b.alu(asm.And, x, ir.I(7))
	a := b.mov(ir.I(1000))
	b.emit(ir.Insn{Op: ir.ALU, Dst: d, A: a, ALU: asm.Sub, B: ir.R(d)})
	b.emit(ir.Insn{Op: ir.ALU, Dst: d, A: a, ALU: asm.Div, B: ir.R(d)})
	b.emit(ir.Insn{Op: ir.ALU, Dst: d, A: a, ALU: asm.LSh, B: ir.R(d)})
	z := b.alu(asm.Div, x, ir.I(0))
	m := b.alu(asm.Mod, x, ir.I(0))
	b.exitFolded(b.alu(asm.Add, b.alu(asm.Add, d, ir.R(z)), ir.R(m)))
	return b.f
}

// wideShiftsProgram shifts by constants at and past 64, which the verifier
// rejects as immediates: BPF masks a shift count with 63, so the constants
// are masked the same way.
func wideShiftsProgram() *ir.Func {
	b := newBuilder("wide_shifts", true)
	x := b.alu(asm.Or, b.packetLen(), ir.I(-1<<20))
	l := b.alu(asm.LSh, x, ir.I(70))
	r := b.alu(asm.RSh, x, ir.I(64))
	a := b.alu(asm.ArSh, x, ir.I(127))
	b.exitFolded(b.alu(asm.Add, b.alu(asm.Xor, l, ir.R(r)), ir.R(a)))
	return b.f
}
