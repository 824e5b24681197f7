package ir

import "github.com/cilium/ebpf/asm"

// Reg is a virtual register holding one 64-bit value: a number, or a pointer
// (to the context, the stack, a map value). 0 means "no register".
type Reg int

// Slot names a stack buffer of Func.Slots; slots count from 1, 0 means none.
type Slot int

// SlotInfo describes one stack buffer. Codegen places it 8-byte aligned.
type SlotInfo struct {
	Name string // for dumps: "key", "$x", "printf_1"
	Size int
}

// Mem is a memory operand: Off bytes into either stack slot Slot (when
// Slot != 0) or the memory Base points to.
type Mem struct {
	Slot Slot
	Base Reg
	Off  int32
}

// ValueKind says what a Value holds.
type ValueKind uint8

const (
	VReg      ValueKind = iota // the register Reg
	VImm                       // the constant Imm
	VMap                       // a pointer to map Map (for helper arguments)
	VAddr                      // the address of Mem (stack slot or Base+Off)
	VMapValue                  // the address of byte Imm of the only value of array map Map
	VConst                     // the 64-bit constant named Map, known only when the program is loaded
	VFunc                      // the address of the subprogram named Map (a callback for a helper)
)

// Value is an operand: a register, a constant, a map or an address. Codegen
// materialises VMap and VAddr straight into the register that needs them,
// so helper calls cost no extra registers.
type Value struct {
	Kind ValueKind
	Reg  Reg
	Imm  int64
	Map  string // VMap, VMapValue: the map; VConst: the constant's name; VFunc: the function's
	Mem  Mem
}

// R, I, MapArg and Addr build Values.
func R(r Reg) Value         { return Value{Kind: VReg, Reg: r} }
func I(n int64) Value       { return Value{Kind: VImm, Imm: n} }
func MapArg(m string) Value { return Value{Kind: VMap, Map: m} }
func Addr(m Mem) Value      { return Value{Kind: VAddr, Mem: m} }

// MapValueAddr is the address of byte off of the only value of an array
// map: a direct pointer, no lookup needed.
func MapValueAddr(m string, off int64) Value { return Value{Kind: VMapValue, Map: m, Imm: off} }

// LoadTimeConst is a 64-bit constant whose value the runtime fills in when
// it loads the program (see package compiled): codegen loads it with a
// double-wide immediate load that refers to it by name.
func LoadTimeConst(name string) Value { return Value{Kind: VConst, Map: name} }

// FuncAddr is the address of the subprogram name, one of the program's
// Func.Subprogs: a callback passed to a helper such as
// bpf_for_each_map_elem or bpf_loop.
func FuncAddr(name string) Value { return Value{Kind: VFunc, Map: name} }

// Op is an IR operation. The comment after each gives its meaning.
type Op uint8

const (
	Nop       Op = iota
	Mov          // Dst = B                   (B any Value: reg, imm incl. 64-bit, map ptr, address)
	ALU          // Dst = A <ALU> B           (ALU is Add Sub Mul Div Mod SDiv SMod And Or Xor LSh RSh ArSh)
	Neg          // Dst = -A
	Ext          // Dst = A's low Size bytes, sign-extended if Signed, else zero-extended
	Load         // Dst = *(Size bytes *)Mem, zero-extended (sign-extended if Signed)
	Store        // *(Size bytes *)Mem = B   (B a register or an immediate)
	AtomicAdd    // *(Size bytes *)Mem += B atomically (Size 4 or 8; B a register or an immediate; Mem not on the stack)
	Zero         // Size bytes at Mem = 0
	Copy         // Size bytes at Mem = Size bytes at Src
	Call         // Dst = Helper(Args...), or Kfunc(Args...) when Kfunc is set (Dst may be 0; Args go to R1..R5)
	Label        // Label:                    (a jump target)
	Jump         // goto Label
	Branch       // if A <Cond> B goto Label  (Cond is JEq JNE JGT JGE JLT JLE JSGT JSGE JSLT JSLE JSet)
	Exit         // return B
)

// Insn is one IR instruction. Only the fields its Op names are meaningful.
// The small fields come first so that they pack into one word instead of
// each being padded to eight: instruction lists are copied at several
// steps of compiling, and allocation volume shows in startup time.
type Insn struct {
	Op      Op
	Cond    asm.JumpOp
	ALU     asm.ALUOp
	Helper  asm.BuiltinFunc
	Signed  bool
	Dst     Reg
	A       Reg
	B       Value
	Size    int // bytes: 1, 2, 4 or 8 for Load/Store/Ext; any length for Zero/Copy
	Mem     Mem
	Src     Mem
	Label   string
	Kfunc   *Kfunc // a kernel function called instead of Helper
	Args    []Value
	Comment string // source text this instruction starts, for dumps
}

// Func is one BPF program before register allocation, or one of its
// subprograms (a BPF-to-BPF function, such as a loop body passed to a
// helper as a callback).
type Func struct {
	Name string
	// Ctx, when not 0, is the register that holds the program's context
	// pointer (R1 on entry).
	Ctx Reg
	// Params are, for a subprogram, the registers that hold its arguments
	// R1, R2, ... on entry; 0 for an argument it does not read. A
	// subprogram has no Ctx.
	Params  []Reg
	Slots   []SlotInfo // Slots[0] is slot 1
	Insns   []Insn
	NumRegs int // registers are 1..NumRegs
	// Subprogs are the functions a program refers to (FuncAddr), its own
	// and theirs, in the order they are emitted after it. Only the
	// program's Func has them; each has a frame and registers of its own,
	// and its labels must not clash with those of the others.
	Subprogs []*Func
}

// NewReg allocates a virtual register.
func (f *Func) NewReg() Reg {
	f.NumRegs++
	return Reg(f.NumRegs)
}

// NewSlot allocates a stack buffer of size bytes.
func (f *Func) NewSlot(name string, size int) Slot {
	f.Slots = append(f.Slots, SlotInfo{Name: name, Size: size})
	return Slot(len(f.Slots))
}

// Emit appends an instruction.
func (f *Func) Emit(in Insn) { f.Insns = append(f.Insns, in) }

// Kfunc is a kernel function a program calls by its BTF id in vmlinux.
type Kfunc struct {
	Name  string
	BTFID int32
}
