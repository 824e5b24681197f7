package codegen

import (
	"fmt"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
)

// withFuncInfo describes the function whose code is insns in BTF, as the
// kernel requires of every function of a program that passes one as a
// callback: a callback must be static. The types are the loosest that hold,
// a long result and void * arguments, since the verifier checks the
// arguments of global functions only.
func withFuncInfo(insns asm.Instructions, name string, linkage btf.FuncLinkage, nparams int) asm.Instructions {
	if len(insns) == 0 {
		return insns
	}
	proto := &btf.FuncProto{Return: &btf.Int{Name: "long", Size: 8, Encoding: btf.Signed}}
	for i := range nparams {
		proto.Params = append(proto.Params, btf.FuncParam{Name: fmt.Sprintf("arg%d", i+1), Type: &btf.Pointer{Target: &btf.Void{}}})
	}
	insns[0] = btf.WithFuncMetadata(insns[0], &btf.Func{Name: name, Type: proto, Linkage: linkage})
	return insns
}

// checkSymbols makes sure the functions of a program and the labels in
// them have distinct names: they share one symbol table once their code is
// concatenated, and every FuncAddr names one of them.
func checkSymbols(f *ir.Func) error {
	owner := map[string]string{}
	funcs := append([]*ir.Func{f}, f.Subprogs...)
	for _, fn := range funcs {
		if len(fn.Subprogs) > 0 && fn != f {
			return fmt.Errorf("codegen %s: subprogram with subprograms of its own (the program lists them all)", fn.Name)
		}
		if prev, ok := owner[fn.Name]; ok {
			return fmt.Errorf("codegen: function %s defined twice (also in %s)", fn.Name, prev)
		}
		owner[fn.Name] = fn.Name
	}
	for _, fn := range funcs {
		for _, in := range fn.Insns {
			if in.Op == ir.Label {
				if prev, ok := owner[in.Label]; ok && prev != fn.Name {
					return fmt.Errorf("codegen %s: label %s clashes with a name in %s", fn.Name, in.Label, prev)
				}
				owner[in.Label] = fn.Name
			}
		}
	}
	for _, fn := range funcs {
		for _, name := range funcRefs(fn) {
			if _, ok := owner[name]; !ok {
				return fmt.Errorf("codegen %s: refers to unknown function %s", fn.Name, name)
			}
		}
	}
	return nil
}

// referenced are the functions of codes that main's code refers to,
// directly or through others of them.
func referenced(main asm.Instructions, codes map[string]asm.Instructions) map[string]bool {
	used := map[string]bool{}
	work := []asm.Instructions{main}
	for len(work) > 0 {
		code := work[len(work)-1]
		work = work[:len(work)-1]
		for _, ins := range code {
			if !ins.IsFunctionReference() || used[ins.Reference()] {
				continue
			}
			used[ins.Reference()] = true
			work = append(work, codes[ins.Reference()])
		}
	}
	return used
}

// funcRefs are the functions fn refers to by address.
func funcRefs(fn *ir.Func) []string {
	var out []string
	for _, in := range fn.Insns {
		if in.B.Kind == ir.VFunc {
			out = append(out, in.B.Map)
		}
		for _, a := range in.Args {
			if a.Kind == ir.VFunc {
				out = append(out, a.Map)
			}
		}
	}
	return out
}

// stackDepth is the deepest chain of frames the verifier adds up: a
// function's frame plus the deepest of the functions it calls or passes as
// callbacks, each rounded up to 32 bytes as the verifier does, for at most
// 512 bytes in all.
func stackDepth(f *ir.Func, frames map[string]int) int {
	byName := map[string]*ir.Func{f.Name: f}
	for _, sub := range f.Subprogs {
		byName[sub.Name] = sub
	}
	var depth func(fn *ir.Func, seen int) int
	depth = func(fn *ir.Func, seen int) int {
		deepest := 0
		if seen <= len(byName) { // calls form no cycle; this only guards against one
			for _, name := range funcRefs(fn) {
				deepest = max(deepest, depth(byName[name], seen+1))
			}
		}
		return (frames[fn.Name]+31)&^31 + deepest
	}
	return depth(f, 0)
}

// frameSize is the bytes a function's slots take in its frame.
func frameSize(slots []ir.SlotInfo) int {
	total := 0
	for _, s := range slots {
		total += (s.Size + 7) &^ 7
	}
	return total
}
