package compiler

import (
	"runtime"

	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
)

// The lowerings of the kprobe builtins (lang/types/builtins_kprobe.go). A
// kprobe program's context is the probed function's struct pt_regs, which
// the verifier lets a program read directly: arguments and the return
// value are loads from it at the offsets of the calling convention's
// registers.

// kprobeLowerings returns the lowerings of the kprobe builtins, in a table
// indexed like lowerings.
func kprobeLowerings() *[types.NumBuiltins]lowering {
	var t [types.NumBuiltins]lowering
	for i := range 10 {
		t[types.BuiltinArg0+types.BuiltinID(i)] = lowering{value: func(b *fn, n ast.Node, ty *types.Type) val {
			return b.ptRegsLoad(n, ptRegs.args, i, ty)
		}}
	}
	t[types.BuiltinRetval] = lowering{value: func(b *fn, n ast.Node, ty *types.Type) val {
		return b.ptRegsLoad(n, []int{ptRegs.ret}, 0, ty)
	}}
	// Each attach point has a program of its own, so the function's name
	// is a constant of it.
	t[types.BuiltinFunc] = lowering{value: func(b *fn, _ ast.Node, ty *types.Type) val {
		return b.stringLit(b.ap.Func, ty)
	}, into: funcInto}
	return &t
}

// funcInto writes the function's name straight into dst (a map key, a
// printf argument), as constant stores: no temporary to copy from.
func funcInto(b *fn, _ ast.Expr, dst ir.Mem, dt *types.Type, pad bool) bool {
	name := b.ap.Func
	if len(name)+1 > dt.Size {
		return false
	}
	n := len(name) + 1
	if pad {
		n = dt.Size
	}
	buf := make([]byte, n)
	copy(buf, name)
	for off := 0; off < n; {
		size := 8
		for size > n-off {
			size /= 2
		}
		var w int64
		for i := size - 1; i >= 0; i-- {
			w = w<<8 | int64(buf[off+i])
		}
		b.store(constVal(types.Int64, w), offset(dst, off), types.NewInt(size, false))
		off += size
	}
	return true
}

// usesFunc reports whether a block mentions func, whose value is a constant
// of each attach point's program: only then may the programs of a
// wildcard's functions not be shared.
func usesFunc(p *ast.Probe) bool {
	found := false
	ast.Inspect(p, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Ident:
			found = found || x != nil && isFuncName(x.Name)
		case *ast.CallExpr:
			found = found || x != nil && isFuncName(x.Name)
		}
		return !found
	})
	return found
}

func isFuncName(name string) bool {
	b, ok := types.LookupBuiltin(name)
	return ok && b.ID == types.BuiltinFunc
}

// ptRegsLayout is where struct pt_regs keeps the registers of the calling
// convention: the arguments in order, and the return value.
type ptRegsLayout struct {
	args []int
	ret  int
}

// ptRegs is the layout of the architecture bpfscript runs on: x86-64's
// di, si, dx, cx, r8, r9 and ax; arm64's x0..x7 and x0 (struct
// user_pt_regs, which pt_regs starts with). The checker refuses argN past
// types.ArgRegisters, which agrees with it.
var ptRegs = func() ptRegsLayout {
	switch runtime.GOARCH {
	case "amd64":
		return ptRegsLayout{args: []int{14 * 8, 13 * 8, 12 * 8, 11 * 8, 9 * 8, 8 * 8}, ret: 10 * 8}
	case "arm64":
		return ptRegsLayout{args: []int{0, 8, 16, 24, 32, 40, 48, 56}, ret: 0}
	}
	return ptRegsLayout{}
}()

// ptRegsLoad reads the 8-byte register at offs[i] of the context.
func (b *fn) ptRegsLoad(n ast.Node, offs []int, i int, t *types.Type) val {
	if i >= len(offs) {
		b.errorf(n, "no register holds this value on %s", runtime.GOARCH)
		return b.zeroVal(t)
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: ir.Mem{Base: b.ctx(), Off: int32(offs[i])}, Size: 8})
	return val{t: t, reg: r}
}
