package codegen

import (
	"flag"
	"fmt"
	"math/rand"
	"testing"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

var randomPrograms = flag.Int("random", 120, "number of random programs TestRandomPrograms runs")

var (
	randomALUOps = []asm.ALUOp{asm.Add, asm.Sub, asm.Mul, asm.Div, asm.Mod, asm.SDiv, asm.SMod, asm.And, asm.Or, asm.Xor, asm.LSh, asm.RSh, asm.ArSh}
	randomConds  = []asm.JumpOp{asm.JEq, asm.JNE, asm.JGT, asm.JGE, asm.JLT, asm.JLE, asm.JSGT, asm.JSGE, asm.JSLT, asm.JSLE, asm.JSet}
)

// randomGen builds a random loop-free program: arithmetic over a growing
// pool of values (some reassigned, as the compiler reuses registers),
// diamonds assigning a register on both paths, stack stores and loads,
// copies, and map lookups that force values across helper calls. All pool
// values are folded together at the end, so many are live at once.
type randomGen struct {
	rng   *rand.Rand
	b     builder
	pool  []ir.Reg
	ptrs  []ir.Reg // checked map value pointers, read again later
	buf   ir.Slot
	buf2  ir.Slot
	key   ir.Slot
	label int
}

func randomProgram(seed int64) *ir.Func {
	g := &randomGen{rng: rand.New(rand.NewSource(seed)), b: newBuilder(fmt.Sprintf("random_%d", seed), true)}
	f := g.b.f
	g.buf = f.NewSlot("buf", 16)
	g.buf2 = f.NewSlot("buf2", 16)
	g.key = f.NewSlot("key", 4)
	g.b.emit(ir.Insn{Op: ir.Zero, Mem: ir.Mem{Slot: g.buf}, Size: 16})
	g.pool = append(g.pool, g.b.packetLen(), g.b.mov(g.imm()))
	diamonds := 0
	steps := 3 + g.rng.Intn(60)
	for range steps {
		switch k := g.rng.Intn(100); {
		case k < 45:
			g.alu()
		case k < 55:
			g.unary()
		case k < 67:
			g.memory()
		case k < 77:
			g.lookup()
		case k < 92 && diamonds < 7:
			diamonds++
			g.diamond()
		default:
			g.copy()
		}
	}
	acc := g.pool[0]
	for _, v := range g.pool[1:] {
		acc = g.b.alu(asm.Mul, acc, ir.I(31))
		acc = g.b.alu(asm.Xor, acc, ir.R(v))
	}
	g.b.exitFolded(acc)
	g.b.label("miss")
	g.b.emit(ir.Insn{Op: ir.Exit, B: ir.I(0xdead)})
	return f
}

func (g *randomGen) pick() ir.Reg { return g.pool[g.rng.Intn(len(g.pool))] }

func (g *randomGen) imm() ir.Value {
	switch g.rng.Intn(4) {
	case 0:
		return ir.I(int64(g.rng.Intn(16)))
	case 1:
		return ir.I(int64(g.rng.Int31()) - 1<<30)
	case 2:
		return ir.I(int64(g.rng.Uint64()))
	}
	return ir.I(-int64(g.rng.Intn(100)))
}

func (g *randomGen) operand() ir.Value {
	if g.rng.Intn(2) == 0 {
		return ir.R(g.pick())
	}
	return g.imm()
}

// assign has emit define a fresh register, or sometimes one already in the
// pool. A fresh register joins the pool afterwards, so emit never reads it.
func (g *randomGen) assign(emit func(d ir.Reg)) {
	if g.rng.Intn(4) == 0 {
		emit(g.pick())
		return
	}
	r := g.b.f.NewReg()
	emit(r)
	g.pool = append(g.pool, r)
}

func (g *randomGen) aluInto(d ir.Reg) {
	op := randomALUOps[g.rng.Intn(len(randomALUOps))]
	a, b := g.pick(), g.operand()
	switch op {
	case asm.LSh, asm.RSh, asm.ArSh:
		// Keep shift counts below 64, where BPF defines the result.
		if b.Kind == ir.VImm {
			b.Imm &= 63
		} else {
			b = ir.R(g.b.alu(asm.And, b.Reg, ir.I(63)))
		}
	}
	g.b.emit(ir.Insn{Op: ir.ALU, Dst: d, A: a, ALU: op, B: b})
}

func (g *randomGen) alu() { g.assign(g.aluInto) }

func (g *randomGen) unary() {
	a := g.pick()
	if g.rng.Intn(3) == 0 {
		g.assign(func(d ir.Reg) { g.b.emit(ir.Insn{Op: ir.Neg, Dst: d, A: a}) })
		return
	}
	size, signed := []int{1, 2, 4, 8}[g.rng.Intn(4)], g.rng.Intn(2) == 0
	g.assign(func(d ir.Reg) { g.b.emit(ir.Insn{Op: ir.Ext, Dst: d, A: a, Size: size, Signed: signed}) })
}

func (g *randomGen) aligned(size, room int) int32 {
	return int32(g.rng.Intn(room/size) * size)
}

func (g *randomGen) memory() {
	if len(g.ptrs) > 0 && g.rng.Intn(3) == 0 {
		// Read a map value through a pointer that may have been
		// spilled across later calls.
		p := g.ptrs[g.rng.Intn(len(g.ptrs))]
		size := []int{1, 2, 4, 8}[g.rng.Intn(4)]
		m := ir.Mem{Base: p, Off: g.aligned(size, 8)}
		g.assign(func(d ir.Reg) { g.b.emit(ir.Insn{Op: ir.Load, Dst: d, Mem: m, Size: size}) })
		return
	}
	size := []int{1, 2, 4, 8}[g.rng.Intn(4)]
	g.b.store(ir.Mem{Slot: g.buf, Off: g.aligned(size, 16)}, size, g.operand())
	g.loadFrom(g.buf, g.rng.Intn(2) == 0)
}

func (g *randomGen) copy() {
	n := 1 + g.rng.Intn(12)
	src, dst := int32(g.rng.Intn(16-n+1)), int32(g.rng.Intn(16-n+1))
	g.b.emit(ir.Insn{Op: ir.Zero, Mem: ir.Mem{Slot: g.buf2}, Size: 16})
	g.b.emit(ir.Insn{Op: ir.Copy, Mem: ir.Mem{Slot: g.buf2, Off: dst}, Src: ir.Mem{Slot: g.buf, Off: src}, Size: n})
	g.loadFrom(g.buf2, false)
}

func (g *randomGen) loadFrom(s ir.Slot, signed bool) {
	size := []int{1, 2, 4, 8}[g.rng.Intn(4)]
	m := ir.Mem{Slot: s, Off: g.aligned(size, 16)}
	g.assign(func(d ir.Reg) { g.b.emit(ir.Insn{Op: ir.Load, Dst: d, Mem: m, Size: size, Signed: signed}) })
}

// lookup reads array[v & 7]; every value stays live across the call.
func (g *randomGen) lookup() {
	idx := g.b.alu(asm.And, g.pick(), ir.I(7))
	g.b.store(ir.Mem{Slot: g.key}, 4, ir.R(idx))
	p := g.b.call(asm.FnMapLookupElem, ir.MapArg("array"), ir.Addr(ir.Mem{Slot: g.key}))
	g.b.branch(p, asm.JEq, ir.I(0), "miss")
	v := g.b.load(ir.Mem{Base: p}, 8, false)
	g.ptrs = append(g.ptrs, p)
	b := g.pick()
	g.assign(func(d ir.Reg) { g.b.emit(ir.Insn{Op: ir.ALU, Dst: d, A: v, ALU: asm.Add, B: ir.R(b)}) })
}

// diamond assigns one register on both arms of an if/else.
func (g *randomGen) diamond() {
	g.label++
	other, join := fmt.Sprintf("else%d", g.label), fmt.Sprintf("join%d", g.label)
	cond := randomConds[g.rng.Intn(len(randomConds))]
	g.b.branch(g.pick(), cond, g.operand(), other)
	// A fresh register joins the pool only after both arms assigned it;
	// the extra assignment on one arm reuses a register defined before.
	d, fresh := g.pick(), g.rng.Intn(4) != 0
	if fresh {
		d = g.b.f.NewReg()
	}
	g.aluInto(d)
	if g.rng.Intn(2) == 0 {
		g.aluInto(g.pick())
	}
	g.b.jump(join)
	g.b.label(other)
	g.aluInto(d)
	g.b.label(join)
	if fresh {
		g.pool = append(g.pool, d)
	}
}

// TestRandomPrograms runs random programs through codegen and the kernel
// and compares each result with the interpreter's.
func TestRandomPrograms(t *testing.T) {
	programs := int64(*randomPrograms)
	spilled := 0
	for seed := int64(1); seed <= programs; seed++ {
		f := randomProgram(seed)
		want, err := interpret(f)
		if err != nil {
			t.Fatalf("seed %d: interpreter: %v", seed, err)
		}
		got := runInKernel(t, f)
		if got != uint32(want) {
			insns, _ := Generate(f)
			t.Fatalf("seed %d: kernel returned %#x, interpreter %#x\n%s\n%s", seed, got, uint32(want), f, insns)
		}
		work := clone(f)
		first := ir.Reg(work.NumRegs + 1)
		lower(work)
		if _, err := allocate(work, first); err != nil {
			t.Fatal(err)
		}
		if len(work.Slots) > len(f.Slots) {
			spilled++
		}
	}
	// The test is only as good as the pressure it puts on the allocator,
	// and should see programs that fit the registers too.
	if int64(spilled) < programs/3 || int64(spilled) == programs {
		t.Errorf("only %d of %d programs spilled", spilled, programs)
	}
	t.Logf("%d of %d programs spilled", spilled, programs)
}
