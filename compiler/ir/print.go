package ir

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cilium/ebpf/asm"
)

// String renders f for `bpfscript -d ir`: a header, the stack slots, then
// one line per instruction. Labels sit at column 0, instructions are
// indented by two spaces and an instruction's Comment precedes it as a
// `; ...` line. The output is stable: it depends only on f.
func (f *Func) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "func %s", f.Name)
	if f.Ctx != 0 {
		fmt.Fprintf(&b, " ctx=%s", f.Ctx)
	}
	for i, p := range f.Params {
		if p != 0 {
			fmt.Fprintf(&b, " arg%d=%s", i+1, p)
		}
	}
	fmt.Fprintf(&b, " regs=%d\n", f.NumRegs)
	for i, s := range f.Slots {
		fmt.Fprintf(&b, "  %s %q [%d]\n", Slot(i+1), s.Name, s.Size)
	}
	for _, in := range f.Insns {
		if in.Comment != "" {
			fmt.Fprintf(&b, "  ; %s\n", in.Comment)
		}
		if in.Op == Label {
			fmt.Fprintf(&b, "%s:\n", in.Label)
			continue
		}
		fmt.Fprintf(&b, "  %s\n", in.String())
	}
	for _, sub := range f.Subprogs {
		b.WriteString(sub.String())
	}
	return b.String()
}

func (r Reg) String() string { return fmt.Sprintf("r%d", int(r)) }

func (s Slot) String() string { return fmt.Sprintf("slot%d", int(s)) }

// String renders m as `[slot2+8]`, `[r3]` or `[r3-4]`.
func (m Mem) String() string {
	base := m.Base.String()
	if m.Slot != 0 {
		base = m.Slot.String()
	}
	switch {
	case m.Off > 0:
		return fmt.Sprintf("[%s+%d]", base, m.Off)
	case m.Off < 0:
		return fmt.Sprintf("[%s%d]", base, m.Off)
	}
	return "[" + base + "]"
}

// String renders v as `r3`, `42`, `map @x` or `&slot1+8`.
func (v Value) String() string {
	switch v.Kind {
	case VReg:
		return v.Reg.String()
	case VImm:
		return fmt.Sprint(v.Imm)
	case VMap:
		return "map " + v.Map
	case VAddr:
		return "&" + strings.TrimSuffix(strings.TrimPrefix(v.Mem.String(), "["), "]")
	case VMapValue:
		return fmt.Sprintf("&value(%s)+%d", v.Map, v.Imm)
	case VConst:
		return "load-time " + v.Map
	case VFunc:
		return "func " + v.Map
	}
	return fmt.Sprintf("<value kind %d>", v.Kind)
}

var aluSymbols = map[asm.ALUOp]string{
	asm.Add: "+", asm.Sub: "-", asm.Mul: "*", asm.Div: "/", asm.Mod: "%",
	asm.SDiv: "s/", asm.SMod: "s%", asm.And: "&", asm.Or: "|", asm.Xor: "^",
	asm.LSh: "<<", asm.RSh: ">>", asm.ArSh: "s>>",
}

var condSymbols = map[asm.JumpOp]string{
	asm.JEq: "==", asm.JNE: "!=", asm.JGT: ">", asm.JGE: ">=", asm.JLT: "<",
	asm.JLE: "<=", asm.JSGT: "s>", asm.JSGE: "s>=", asm.JSLT: "s<",
	asm.JSLE: "s<=", asm.JSet: "&",
}

// sizeSuffix names an access width: u8..u64, or s8..s64 when signed.
func sizeSuffix(size int, signed bool) string {
	if signed {
		return fmt.Sprintf("s%d", size*8)
	}
	return fmt.Sprintf("u%d", size*8)
}

// String renders one instruction without indentation or comment.
func (in Insn) String() string {
	switch in.Op {
	case Nop:
		return "nop"
	case Mov:
		return fmt.Sprintf("%s = %s", in.Dst, in.B)
	case ALU:
		sym, ok := aluSymbols[in.ALU]
		if !ok {
			sym = in.ALU.String()
		}
		return fmt.Sprintf("%s = %s %s %s", in.Dst, in.A, sym, in.B)
	case Neg:
		return fmt.Sprintf("%s = -%s", in.Dst, in.A)
	case Ext:
		return fmt.Sprintf("%s = ext.%s %s", in.Dst, sizeSuffix(in.Size, in.Signed), in.A)
	case Load:
		return fmt.Sprintf("%s = load.%s %s", in.Dst, sizeSuffix(in.Size, in.Signed), in.Mem)
	case Store:
		return fmt.Sprintf("store.%s %s = %s", sizeSuffix(in.Size, false), in.Mem, in.B)
	case AtomicAdd:
		return fmt.Sprintf("atomic.add.%s %s += %s", sizeSuffix(in.Size, false), in.Mem, in.B)
	case Zero:
		return fmt.Sprintf("zero %s, %d", in.Mem, in.Size)
	case Copy:
		return fmt.Sprintf("copy %s = %s, %d", in.Mem, in.Src, in.Size)
	case Call:
		args := make([]string, len(in.Args))
		for i, a := range in.Args {
			args[i] = a.String()
		}
		name := HelperName(in.Helper)
		if in.Kfunc != nil {
			name = "kfunc " + in.Kfunc.Name
		}
		call := fmt.Sprintf("call %s(%s)", name, strings.Join(args, ", "))
		if in.Dst != 0 {
			return fmt.Sprintf("%s = %s", in.Dst, call)
		}
		return call
	case Label:
		return in.Label + ":"
	case Jump:
		return "goto " + in.Label
	case Branch:
		sym, ok := condSymbols[in.Cond]
		if !ok {
			sym = in.Cond.String()
		}
		return fmt.Sprintf("if %s %s %s goto %s", in.A, sym, in.B, in.Label)
	case Exit:
		return fmt.Sprintf("exit %s", in.B)
	}
	return fmt.Sprintf("<op %d>", in.Op)
}

// HelperName is the kernel's name for a helper, e.g. "map_lookup_elem" for
// asm.FnMapLookupElem, derived from cilium/ebpf's constant names.
func HelperName(fn asm.BuiltinFunc) string {
	name := fn.String()
	if !strings.HasPrefix(name, "Fn") {
		return name
	}
	var b strings.Builder
	for i, r := range strings.TrimPrefix(name, "Fn") {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
