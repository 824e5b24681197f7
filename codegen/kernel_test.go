package codegen

import (
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// testMap describes a map a program uses, created for real in the kernel
// and as a fakeMap for the interpreter, with the same initial contents.
type testMap struct {
	name       string
	array      bool
	keySize    int
	maxEntries int
	init       map[uint64]uint64 // key -> 8-byte value
}

var testMaps = []testMap{
	{name: "array", array: true, keySize: 4, maxEntries: 8, init: map[uint64]uint64{1: 1000, 2: 2000, 3: 3000, 0: 5}},
	{name: "hash", keySize: 8, maxEntries: 16},
}

func (tm testMap) key(k uint64) []byte {
	b := make([]byte, 8)
	binary.LittleEndian.PutUint64(b, k)
	return b[:tm.keySize]
}

func (tm testMap) create(t *testing.T) *ebpf.Map {
	typ := ebpf.Hash
	if tm.array {
		typ = ebpf.Array
	}
	m, err := ebpf.NewMap(&ebpf.MapSpec{Name: tm.name, Type: typ, KeySize: uint32(tm.keySize), ValueSize: 8, MaxEntries: uint32(tm.maxEntries)})
	if err != nil {
		t.Fatalf("create map %s: %v", tm.name, err)
	}
	t.Cleanup(func() { m.Close() })
	for k, v := range tm.init {
		if err := m.Put(tm.key(k), v); err != nil {
			t.Fatalf("fill map %s: %v", tm.name, err)
		}
	}
	return m
}

// interpret runs f in the IR interpreter against fresh copies of testMaps.
func interpret(f *ir.Func) (uint64, error) {
	fakes := map[string]*fakeMap{}
	m := newInterpreter(f, fakes)
	for _, tm := range testMaps {
		fm := &fakeMap{array: tm.array, keySize: tm.keySize, valueSize: 8, maxEntries: tm.maxEntries}
		for k, v := range tm.init {
			m.store(fm.insert(tm.key(k)), 8, v)
		}
		fakes[tm.name] = fm
	}
	return m.run(f)
}

// runInKernel generates f, loads it as a socket filter with the maps it
// refers to and returns its result on a packetData-byte packet. A verifier
// rejection fails the test with the verifier's log.
func runInKernel(t *testing.T, f *ir.Func) uint32 {
	t.Helper()
	insns, err := Generate(f)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	refs := insns.ReferenceOffsets()
	for _, tm := range testMaps {
		if _, ok := refs[tm.name]; ok {
			if err := insns.AssociateMap(tm.name, tm.create(t)); err != nil {
				t.Fatal(err)
			}
		}
	}
	prog := loadProgram(t, ebpf.SocketFilter, insns)
	ret, err := prog.Run(&ebpf.RunOptions{Data: make([]byte, packetData)})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return ret
}

func loadProgram(t *testing.T, typ ebpf.ProgramType, insns asm.Instructions) *ebpf.Program {
	t.Helper()
	spec := &ebpf.ProgramSpec{Type: typ, Instructions: insns, License: "GPL"}
	prog, err := ebpf.NewProgram(spec)
	if err != nil {
		var verr *ebpf.VerifierError
		_, err2 := ebpf.NewProgramWithOptions(spec, ebpf.ProgramOptions{LogLevel: ebpf.LogLevelInstruction, LogSizeStart: 1 << 20})
		if errors.As(err2, &verr) {
			t.Fatalf("load: %v\n%s\nverifier log:\n%+v", err, insns, verr)
		}
		t.Fatalf("load: %v\n%s", err, insns)
	}
	t.Cleanup(func() { prog.Close() })
	return prog
}

// kernelCases pairs each runnable program with its result, worked out by
// hand, which also checks the interpreter the random tests rely on.
var kernelCases = []struct {
	name string
	f    func() *ir.Func
	want uint32
}{
	{"arith", arithProgram, arithWant()},
	{"diamond", diamondProgram, packetLen*2 + 1000},
	{"spills", spillsProgram, spillsWant()},
	{"across_call", acrossCallProgram, acrossCallWant()},
	{"lookup", lookupProgram, 107},
	{"copy_zero", copyZeroProgram, copyZeroWant()},
	{"imm64", imm64Program, fold(0xcafebabe_cafebabe + 0x123456799abcdf22)},
	{"extend", extendProgram, extendWant()},
	{"loop", loopProgram, packetLen + 45},
	{"two_address", twoAddressProgram, twoAddressWant()},
	{"jumps", jumpsProgram, 3},
	{"wide_shifts", wideShiftsProgram, wideShiftsWant()},
}

func fold(v uint64) uint32 { return uint32(v ^ v>>32) }

func arithWant() uint32 {
	x := uint64(packetLen)
	y := x*3 + 7
	w := int64(y/5) - int64(x)
	m := (w / 3) % -4
	ar := (int64(x<<40) | m) >> 3
	return fold(uint64(-ar) ^ y%x)
}

func spillsWant() uint32 {
	x := uint64(packetLen)
	acc := uint64(0)
	for i := range 16 {
		v := x*uint64(i+1) + uint64(i*i)
		acc ^= v << (i * 3)
		acc -= v
	}
	return fold(acc)
}

func acrossCallWant() uint32 {
	x := uint64(packetLen)
	acc := testMaps[0].init[1] + testMaps[0].init[2*x>>6]
	for i := range 6 {
		r := x * uint64(i+2)
		acc = acc*r + r
	}
	return fold(acc)
}

func copyZeroWant() uint32 {
	var src, dst [32]byte
	binary.LittleEndian.PutUint64(src[0:], packetLen*0x01010101)
	binary.LittleEndian.PutUint32(src[8:], 0xfffffffe)
	src[13] = 0x5a
	copy(dst[4:19], src[1:16])
	acc := binary.LittleEndian.Uint64(dst[8:])
	for _, off := range []int{4, 16, 20} {
		acc += uint64(binary.LittleEndian.Uint32(dst[off:]))
	}
	return fold(acc)
}

func extendWant() uint32 {
	stored := uint64(0x7f80800180_70f0f0)
	acc := uint64(int64(int8(stored)))
	add := func(v uint64) { acc = acc*31 + v }
	add(uint64(int64(int16(stored >> 16))))
	add(uint64(int64(int32(stored))))
	wide := uint64(packetLen)
	wide -= 0x180
	add(uint64(uint8(wide)))
	add(uint64(int64(int8(wide))))
	add(uint64(uint16(wide)))
	add(uint64(int64(int16(wide))))
	add(uint64(uint32(wide)))
	add(uint64(int64(int32(wide))))
	add(wide)
	add(wide)
	return fold(acc)
}

func twoAddressWant() uint32 {
	x := uint64(packetLen)
	d := x & 7
	d = 1000 - d
	d = 1000 / d
	d = 1000 << (d & 63)
	return fold(d + 0 + x)
}

func wideShiftsWant() uint32 {
	x := uint64(packetLen) | 0xfffffffffff00000
	return fold((x<<6 ^ x) + uint64(int64(x)>>63))
}

func TestKernelRun(t *testing.T) {
	for _, tc := range kernelCases {
		t.Run(tc.name, func(t *testing.T) {
			interp, err := interpret(tc.f())
			if err != nil {
				t.Fatalf("interpreter: %v", err)
			}
			if uint32(interp) != tc.want {
				t.Errorf("interpreter returned %#x, want %#x", uint32(interp), tc.want)
			}
			if got := runInKernel(t, tc.f()); got != tc.want {
				insns, _ := Generate(tc.f())
				t.Errorf("kernel returned %#x, want %#x\n%s", got, tc.want, insns)
			}
		})
	}
}

// TestGenerateDoesNotModifyInput checks that codegen, which shares the
// input's helper arguments and reads its instructions in place, leaves
// every function it is given as it was, spills and copies included.
func TestGenerateDoesNotModifyInput(t *testing.T) {
	funcs := map[string]*ir.Func{}
	for _, tc := range goldenCases {
		funcs[tc.name] = tc.f()
	}
	for seed := range int64(40) {
		funcs[fmt.Sprint("random ", seed)] = randomProgram(seed)
	}
	for name, f := range funcs {
		before := f.String()
		if _, err := Generate(f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if after := f.String(); after != before {
			t.Errorf("%s: Generate modified its input:\nbefore:\n%s\nafter:\n%s", name, before, after)
		}
	}
}
