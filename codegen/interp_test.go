package codegen

import (
	"encoding/binary"
	"fmt"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
)

// interpreter runs IR directly, with BPF's semantics, as the reference the
// kernel's results are compared against. Memory is a sparse byte map over
// a made-up address space: each slot, the socket filter context and each
// map value get their own region, so pointer arithmetic works as in BPF.
type interpreter struct {
	regs  map[ir.Reg]uint64
	err   error // the first read of a register never written
	mem   map[uint64]byte
	slots []uint64
	maps  map[string]*fakeMap
	steps int
}

const (
	ctxAddr     = 0x10_0000
	packetData  = 64 // bytes of packet a socket filter test run gets
	packetLen   = 50 // its skb->len: the Ethernet header is pulled off
	slotRegion  = 0x1000
	mapRegion   = 0x100_0000
	maxInterpOp = 100_000
)

// fakeMap mirrors a real map the test creates with the same contents.
// Keys are raw bytes; array maps hold every key below maxEntries.
type fakeMap struct {
	array      bool
	keySize    int
	valueSize  int
	maxEntries int
	values     map[string]uint64 // key bytes -> address of the value
	next       uint64
}

func newInterpreter(f *ir.Func, maps map[string]*fakeMap) *interpreter {
	m := &interpreter{regs: map[ir.Reg]uint64{}, mem: map[uint64]byte{}, maps: maps}
	m.slots = make([]uint64, len(f.Slots)+1)
	for i := range f.Slots {
		m.slots[i+1] = uint64(i+1) * slotRegion
	}
	m.store(ctxAddr, 4, packetLen) // __sk_buff.len
	if f.Ctx != 0 {
		m.regs[f.Ctx] = ctxAddr
	}
	return m
}

func (m *interpreter) load(addr uint64, size int) uint64 {
	var b [8]byte
	for i := 0; i < size; i++ {
		b[i] = m.mem[addr+uint64(i)]
	}
	return binary.LittleEndian.Uint64(b[:])
}

func (m *interpreter) store(addr uint64, size int, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	for i := 0; i < size; i++ {
		m.mem[addr+uint64(i)] = b[i]
	}
}

func (m *interpreter) bytes(addr uint64, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = m.mem[addr+uint64(i)]
	}
	return out
}

// reg reads r, noting reads of undefined registers: the programs under
// test must not depend on leftovers the kernel and interpreter differ in.
func (m *interpreter) reg(r ir.Reg) uint64 {
	v, ok := m.regs[r]
	if !ok && m.err == nil {
		m.err = fmt.Errorf("interpreter: %s read before it is written", r)
	}
	return v
}

func (m *interpreter) addr(mem ir.Mem) uint64 {
	if mem.Slot != 0 {
		return m.slots[mem.Slot] + uint64(int64(mem.Off))
	}
	return m.reg(mem.Base) + uint64(int64(mem.Off))
}

func (m *interpreter) value(v ir.Value) uint64 {
	switch v.Kind {
	case ir.VReg:
		return m.reg(v.Reg)
	case ir.VImm:
		return uint64(v.Imm)
	case ir.VAddr:
		return m.addr(v.Mem)
	}
	return 0 // maps are only passed to helpers, which look them up by name
}

func extend(v uint64, size int, signed bool) uint64 {
	shift := uint(64 - 8*size)
	if signed {
		return uint64(int64(v<<shift) >> shift)
	}
	return v << shift >> shift
}

func aluOp(op asm.ALUOp, a, b uint64) uint64 {
	switch op {
	case asm.Add:
		return a + b
	case asm.Sub:
		return a - b
	case asm.Mul:
		return a * b
	case asm.Div:
		if b == 0 {
			return 0
		}
		return a / b
	case asm.Mod:
		if b == 0 {
			return a
		}
		return a % b
	case asm.SDiv:
		if b == 0 {
			return 0
		}
		return uint64(int64(a) / int64(b))
	case asm.SMod:
		if b == 0 {
			return a
		}
		return uint64(int64(a) % int64(b))
	case asm.And:
		return a & b
	case asm.Or:
		return a | b
	case asm.Xor:
		return a ^ b
	case asm.LSh:
		return a << (b & 63)
	case asm.RSh:
		return a >> (b & 63)
	case asm.ArSh:
		return uint64(int64(a) >> (b & 63))
	}
	panic(fmt.Sprintf("interpreter: ALU op %v", op))
}

func condHolds(c asm.JumpOp, a, b uint64) bool {
	switch c {
	case asm.JEq:
		return a == b
	case asm.JNE:
		return a != b
	case asm.JGT:
		return a > b
	case asm.JGE:
		return a >= b
	case asm.JLT:
		return a < b
	case asm.JLE:
		return a <= b
	case asm.JSGT:
		return int64(a) > int64(b)
	case asm.JSGE:
		return int64(a) >= int64(b)
	case asm.JSLT:
		return int64(a) < int64(b)
	case asm.JSLE:
		return int64(a) <= int64(b)
	case asm.JSet:
		return a&b != 0
	}
	panic(fmt.Sprintf("interpreter: condition %v", c))
}

func (m *interpreter) call(in ir.Insn) (uint64, error) {
	mapOf := func() (*fakeMap, error) {
		if len(in.Args) == 0 || in.Args[0].Kind != ir.VMap || m.maps[in.Args[0].Map] == nil {
			return nil, fmt.Errorf("helper %v without a known map", in.Helper)
		}
		return m.maps[in.Args[0].Map], nil
	}
	switch in.Helper {
	case asm.FnMapLookupElem:
		fm, err := mapOf()
		if err != nil {
			return 0, err
		}
		key := m.bytes(m.value(in.Args[1]), fm.keySize)
		return fm.lookup(key), nil
	case asm.FnMapUpdateElem:
		fm, err := mapOf()
		if err != nil {
			return 0, err
		}
		key := m.bytes(m.value(in.Args[1]), fm.keySize)
		val := m.bytes(m.value(in.Args[2]), fm.valueSize)
		addr := fm.lookup(key)
		if addr == 0 {
			if fm.array {
				return ^uint64(6), nil // -E2BIG
			}
			addr = fm.insert(key)
		}
		for i, b := range val {
			m.mem[addr+uint64(i)] = b
		}
		return 0, nil
	}
	return 0, fmt.Errorf("interpreter: helper %v", in.Helper)
}

func (fm *fakeMap) lookup(key []byte) uint64 {
	if fm.array {
		idx := binary.LittleEndian.Uint32(key)
		if int(idx) >= fm.maxEntries {
			return 0
		}
	}
	if a, ok := fm.values[string(key)]; ok {
		return a
	}
	if fm.array {
		return fm.insert(key)
	}
	return 0
}

func (fm *fakeMap) insert(key []byte) uint64 {
	if fm.values == nil {
		fm.values = map[string]uint64{}
		fm.next = mapRegion
	}
	a := fm.next
	fm.next += 0x1000
	fm.values[string(key)] = a
	return a
}

// run interprets f and returns its exit value.
func (m *interpreter) run(f *ir.Func) (uint64, error) {
	labels := map[string]int{}
	for i, in := range f.Insns {
		if in.Op == ir.Label {
			labels[in.Label] = i
		}
	}
	for pc := 0; pc < len(f.Insns); pc++ {
		if m.err != nil {
			return 0, m.err
		}
		if m.steps++; m.steps > maxInterpOp {
			return 0, fmt.Errorf("interpreter: too many steps")
		}
		in := f.Insns[pc]
		switch in.Op {
		case ir.Nop, ir.Label:
		case ir.Mov:
			m.regs[in.Dst] = m.value(in.B)
		case ir.ALU:
			m.regs[in.Dst] = aluOp(in.ALU, m.reg(in.A), m.value(in.B))
		case ir.Neg:
			m.regs[in.Dst] = -m.reg(in.A)
		case ir.Ext:
			m.regs[in.Dst] = extend(m.reg(in.A), in.Size, in.Signed)
		case ir.Load:
			m.regs[in.Dst] = extend(m.load(m.addr(in.Mem), in.Size), in.Size, in.Signed)
		case ir.Store:
			m.store(m.addr(in.Mem), in.Size, m.value(in.B))
		case ir.Zero:
			a := m.addr(in.Mem)
			for i := 0; i < in.Size; i++ {
				m.mem[a+uint64(i)] = 0
			}
		case ir.Copy:
			src := m.bytes(m.addr(in.Src), in.Size)
			dst := m.addr(in.Mem)
			for i, b := range src {
				m.mem[dst+uint64(i)] = b
			}
		case ir.Call:
			r, err := m.call(in)
			if err != nil {
				return 0, err
			}
			if in.Dst != 0 {
				m.regs[in.Dst] = r
			}
		case ir.Jump:
			pc = labels[in.Label]
		case ir.Branch:
			if condHolds(in.Cond, m.reg(in.A), m.value(in.B)) {
				pc = labels[in.Label]
			}
		case ir.Exit:
			v := m.value(in.B)
			return v, m.err
		}
	}
	return 0, fmt.Errorf("interpreter: fell off the end")
}
