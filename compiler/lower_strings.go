package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// The string, buffer, network and byte functions (types/builtins_strings.go).
//
// Strings are zero-padded buffers on the stack or in the scratch value.
// Searching one (strlen, strstr, str_concat) calls the kernel's string
// kfuncs (bpf_strnlen, bpf_strnstr: Linux 6.17), which read any kernel
// memory, as upstream does when the kernel has them; comparing (strncmp,
// memcmp) is unrolled byte by byte, as its count is a constant.

func addStringLowerings(t *[types.NumBuiltins]lowering) {
	t[types.BuiltinStrlen] = lowering{call: (*fn).strlen}
	t[types.BuiltinStrcap] = lowering{call: (*fn).strcap}
	t[types.BuiltinStrstr] = lowering{call: (*fn).strstr}
	t[types.BuiltinStrcontains] = lowering{call: (*fn).strstr}
	t[types.BuiltinStrncmp] = lowering{call: (*fn).strncmp}
	t[types.BuiltinStrConcat] = lowering{call: (*fn).strConcat}
	t[types.BuiltinMemcmp] = lowering{call: (*fn).memcmp}
	t[types.BuiltinBuf] = lowering{call: (*fn).buf}
	t[types.BuiltinKptr] = lowering{call: (*fn).addrSpace}
	t[types.BuiltinUptr] = lowering{call: (*fn).addrSpace}
	t[types.BuiltinNtop] = lowering{call: (*fn).ntop}
	t[types.BuiltinPton] = lowering{call: (*fn).pton}
	t[types.BuiltinMacaddr] = lowering{call: (*fn).macaddr}
	t[types.BuiltinBswap] = lowering{call: (*fn).bswap}
}

// strArg is a string-like argument in memory and the bytes it may hold.
type strArg struct {
	mem ir.Mem
	cap int
}

// stringArg evaluates a string-like argument into memory: strings and
// byte arrays are already there; an address is read as str() reads it.
func (b *fn) stringArg(e ast.Expr) strArg {
	x := b.expr(e)
	if x.inMem && (x.t.Kind == types.String || x.t.Kind == types.Array) {
		return strArg{mem: x.mem, cap: x.t.Size}
	}
	size := b.c.conf.StrLen
	m := b.temp("str", size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(size, 8)})
	if x.inMem || x.t.Kind == types.Pointer || x.t.Kind == types.Int {
		b.emit(ir.Insn{Op: ir.Call, Helper: probeReadStr(b.strSpace(x)), Args: []ir.Value{ir.Addr(m), ir.I(int64(size)), ir.R(b.scalar(x))}})
	}
	return strArg{mem: m, cap: size}
}

// kfunc calls a kernel function by name and returns its int result,
// sign-extended from 32 bits (the kernel leaves the upper half of R0
// undefined for an int). It reports false, with an error at n, when the
// kernel lacks the function.
func (b *fn) kfunc(n ast.Node, name string, args ...ir.Value) (ir.Reg, bool) {
	call, _ := n.(*ast.CallExpr)
	what := "this function"
	if call != nil {
		what = call.Name + "()"
	}
	if b.c.conf.Env == nil {
		b.errorf(n, "%s needs the kernel function %s, which cannot be looked up here", what, name)
		return 0, false
	}
	id, err := b.c.conf.Env.KernelFuncID(name)
	if err != nil {
		b.errorf(n, "%s needs the kernel function %s (Linux 6.17 or later): %v", what, name, err)
		return 0, false
	}
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Call, Dst: r, Kfunc: &ir.Kfunc{Name: name, BTFID: id}, Args: args})
	b.emit(ir.Insn{Op: ir.Ext, Dst: r, A: r, Size: 4, Signed: true})
	return r, true
}

// clampBelow sets r to floor when it is negative (signed).
func (b *fn) clampBelow(r ir.Reg, floor int64) {
	ok := b.newLabel("nonneg")
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JSGE, B: ir.I(0), Label: ok})
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(floor)})
	b.label(ok)
}

// strnlen returns the length of the string in s.
func (b *fn) strnlen(e ast.Node, s strArg) (ir.Reg, bool) {
	r, ok := b.kfunc(e, "bpf_strnlen", ir.Addr(s.mem), ir.I(int64(s.cap)))
	if ok {
		b.clampBelow(r, 0)
	}
	return r, ok
}

func (b *fn) strlen(e *ast.CallExpr, t *types.Type) val {
	r, ok := b.strnlen(e, b.stringArg(e.Args[0]))
	if !ok {
		return constVal(t, 0)
	}
	return val{t: t, reg: r}
}

// strcap is the capacity of a string or an array, known when compiling,
// and the length of the string an address points to.
func (b *fn) strcap(e *ast.CallExpr, t *types.Type) val {
	at := b.typeOf(e.Args[0])
	if at.Kind == types.String || at.Kind == types.Array {
		return constVal(t, int64(at.Size))
	}
	return b.strlen(e, t)
}

// strstr finds needle in haystack: its index, or -1; strcontains says
// whether it is there.
func (b *fn) strstr(e *ast.CallExpr, t *types.Type) val {
	h := b.stringArg(e.Args[0])
	n := b.stringArg(e.Args[1])
	r, ok := b.kfunc(e, "bpf_strnstr", ir.Addr(h.mem), ir.Addr(n.mem), ir.I(int64(h.cap)))
	if !ok {
		return constVal(t, 0)
	}
	if e.Name == "strcontains" {
		// bpf_strnstr returns -ENOENT when it finds nothing.
		found := b.f.NewReg()
		yes := b.newLabel("found")
		b.emit(ir.Insn{Op: ir.Mov, Dst: found, B: ir.I(1)})
		b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JSGE, B: ir.I(0), Label: yes})
		b.emit(ir.Insn{Op: ir.Mov, Dst: found, B: ir.I(0)})
		b.label(yes)
		return val{t: t, reg: found}
	}
	b.clampBelow(r, -1)
	return val{t: t, reg: r}
}

// strncmp compares up to n bytes of two strings, stopping at the first NUL
// and never past the shorter buffer: 0 when equal, 1 otherwise, as
// upstream's.
func (b *fn) strncmp(e *ast.CallExpr, t *types.Type) val {
	x := b.stringArg(e.Args[0])
	y := b.stringArg(e.Args[1])
	n := min(int(b.constArg(e.Args[2])), x.cap, y.cap)
	r := b.f.NewReg()
	differ, done := b.newLabel("strdiff"), b.newLabel("strcmpd")
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	cx, cy := b.f.NewReg(), b.f.NewReg()
	for i := 0; i < n; i++ {
		b.emit(ir.Insn{Op: ir.Load, Dst: cx, Mem: offset(x.mem, i), Size: 1})
		b.emit(ir.Insn{Op: ir.Load, Dst: cy, Mem: offset(y.mem, i), Size: 1})
		b.emit(ir.Insn{Op: ir.Branch, A: cx, Cond: asm.JNE, B: ir.R(cy), Label: differ})
		b.emit(ir.Insn{Op: ir.Branch, A: cx, Cond: asm.JEq, B: ir.I(0), Label: done})
	}
	b.jump(done)
	b.label(differ)
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(1)})
	b.label(done)
	return val{t: t, reg: r}
}

// constArg is the value of an argument the checker required to be a
// constant.
func (b *fn) constArg(e ast.Expr) int64 {
	v := b.expr(e)
	if !v.isConst {
		b.errorf(e, "expected an integer constant")
	}
	return v.k
}

// memcmp compares count bytes of two values: 0 when equal, else the
// difference of the first bytes that differ, as C's memcmp.
func (b *fn) memcmp(e *ast.CallExpr, t *types.Type) val {
	x, y := b.expr(e.Args[0]), b.expr(e.Args[1])
	n := int(b.constArg(e.Args[2]))
	if !x.inMem || !y.inMem {
		return constVal(t, 0)
	}
	n = min(n, x.t.Size, y.t.Size)
	r := b.f.NewReg()
	differ, done := b.newLabel("memdiff"), b.newLabel("memcmpd")
	cx, cy := b.f.NewReg(), b.f.NewReg()
	for i := 0; i < n; i++ {
		b.emit(ir.Insn{Op: ir.Load, Dst: cx, Mem: offset(x.mem, i), Size: 1})
		b.emit(ir.Insn{Op: ir.Load, Dst: cy, Mem: offset(y.mem, i), Size: 1})
		b.emit(ir.Insn{Op: ir.Branch, A: cx, Cond: asm.JNE, B: ir.R(cy), Label: differ})
	}
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	b.jump(done)
	b.label(differ)
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Sub, Dst: r, A: cx, B: ir.R(cy)})
	b.label(done)
	return val{t: t, reg: r}
}

// strConcat copies the first string, then reads the second in after its
// last character: the offset is bounded so that the verifier sees the
// write stay inside the result. A variable's buffer may have grown since
// the checker typed the call (a longer string assigned later), so the
// parts are fitted to the result's size, not to their own: the second
// gets its room, the first what is left.
func (b *fn) strConcat(e *ast.CallExpr, t *types.Type) val {
	x := b.stringArg(e.Args[0])
	y := b.stringArg(e.Args[1])
	room := min(y.cap, t.Size)
	x.cap = max(min(x.cap, t.Size-room+1), 1)
	dst := b.temp("concat", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: dst, Size: alignUp(t.Size, 8)})
	b.emit(ir.Insn{Op: ir.Copy, Mem: dst, Src: x.mem, Size: x.cap})
	n, ok := b.strnlen(e, x)
	if !ok {
		return val{t: t, mem: dst, inMem: true}
	}
	fits := b.newLabel("fits")
	b.emit(ir.Insn{Op: ir.Branch, A: n, Cond: asm.JLE, B: ir.I(int64(x.cap - 1)), Label: fits})
	b.emit(ir.Insn{Op: ir.Mov, Dst: n, B: ir.I(int64(x.cap - 1))})
	b.label(fits)
	p := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: p, B: ir.Addr(dst)})
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: p, A: p, B: ir.R(n)})
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnProbeReadKernelStr, Args: []ir.Value{ir.R(p), ir.I(int64(room)), ir.Addr(y.mem)}})
	return val{t: t, mem: dst, inMem: true}
}

// buf reads length bytes from an address, or takes them from an array,
// into a buffer: a u64 length, then the bytes.
func (b *fn) buf(e *ast.CallExpr, t *types.Type) val {
	dst := b.temp("buf", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: dst, Size: alignUp(t.Size, 8)})
	x := b.expr(e.Args[0])
	var n val
	if len(e.Args) > 1 {
		n = b.expr(e.Args[1])
	} else {
		n = constVal(types.Int64, int64(t.Len))
	}
	data := offset(dst, 8)
	if n.isConst {
		k := min(n.k, int64(t.Len))
		b.store(constVal(types.Uint64, k), dst, types.Uint64)
		// buf(x, 0) is an empty buffer: nothing to copy (codegen refuses
		// a copy of no bytes).
		if x.inMem && k > 0 {
			b.emit(ir.Insn{Op: ir.Copy, Mem: data, Src: x.mem, Size: min(int(k), x.t.Size)})
		} else if !x.inMem && k > 0 {
			b.emit(ir.Insn{Op: ir.Call, Helper: probeRead(b.strSpace(x)), Args: []ir.Value{ir.Addr(data), ir.I(k), ir.R(b.scalar(x))}})
		}
		return val{t: t, mem: dst, inMem: true}
	}
	// A length known only when running: at most the buffer's, nothing
	// when negative.
	r := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.R(b.scalar(n))})
	b.clampBelow(r, 0)
	fits := b.newLabel("fits")
	b.emit(ir.Insn{Op: ir.Branch, A: r, Cond: asm.JSLE, B: ir.I(int64(t.Len)), Label: fits})
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(int64(t.Len))})
	b.label(fits)
	b.emit(ir.Insn{Op: ir.Store, Mem: dst, B: ir.R(r), Size: 8})
	if x.inMem {
		if size := min(t.Len, x.t.Size); size > 0 {
			b.emit(ir.Insn{Op: ir.Copy, Mem: data, Src: x.mem, Size: size})
		}
	} else {
		b.emit(ir.Insn{Op: ir.Call, Helper: probeRead(b.strSpace(x)), Args: []ir.Value{ir.Addr(data), ir.R(r), ir.R(b.scalar(x))}})
	}
	return val{t: t, mem: dst, inMem: true}
}

// addrSpace is kptr() and uptr(): the pointer itself, typed in another
// address space.
func (b *fn) addrSpace(e *ast.CallExpr, t *types.Type) val {
	x := b.expr(e.Args[0])
	return val{t: t, reg: b.scalar(x)}
}

// ntop lays out an address family and the address's bytes, which user
// space prints as text.
func (b *fn) ntop(e *ast.CallExpr, t *types.Type) val {
	dst := b.temp("inet", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: dst, Size: alignUp(t.Size, 8)})
	addrArg := e.Args[len(e.Args)-1]
	at := b.typeOf(addrArg)
	if len(e.Args) == 2 {
		b.store(b.expr(e.Args[0]), dst, types.Uint64)
	} else if at.Size == 16 {
		b.store(constVal(types.Uint64, types.AFInet6), dst, types.Uint64)
	} else {
		b.store(constVal(types.Uint64, types.AFInet), dst, types.Uint64)
	}
	x := b.expr(addrArg)
	if x.inMem {
		b.emit(ir.Insn{Op: ir.Copy, Mem: offset(dst, 8), Src: x.mem, Size: min(x.t.Size, 16)})
	} else {
		// An integer holds the address in its bytes as they lie in
		// memory: a u32 such as skc_daddr is in network order.
		b.store(x, offset(dst, 8), x.t)
	}
	return val{t: t, mem: dst, inMem: true}
}

// pton is the address's bytes, parsed when compiling.
func (b *fn) pton(e *ast.CallExpr, t *types.Type) val {
	bytes, _ := types.ParsePton(stringConst(e.Args[0]))
	m := b.temp("pton", t.Size)
	buf := make([]byte, alignUp(t.Size, 8))
	copy(buf, bytes)
	for off := 0; off < len(buf); off += 8 {
		var w int64
		for i := 7; i >= 0; i-- {
			w = w<<8 | int64(buf[off+i])
		}
		b.store(constVal(types.Int64, w), offset(m, off), types.Int64)
	}
	return val{t: t, mem: m, inMem: true}
}

// macaddr copies six bytes from an array, or reads them from an address.
func (b *fn) macaddr(e *ast.CallExpr, t *types.Type) val {
	dst := b.temp("mac", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: dst, Size: alignUp(t.Size, 8)})
	x := b.expr(e.Args[0])
	if x.inMem {
		b.emit(ir.Insn{Op: ir.Copy, Mem: dst, Src: x.mem, Size: 6})
	} else {
		b.emit(ir.Insn{Op: ir.Call, Helper: probeRead(b.strSpace(x)), Args: []ir.Value{ir.Addr(dst), ir.I(6), ir.R(b.scalar(x))}})
	}
	return val{t: t, mem: dst, inMem: true}
}

// bswap reverses the bytes of an integer of the result's width, with
// shifts and masks (a constant is swapped when compiling).
func (b *fn) bswap(e *ast.CallExpr, t *types.Type) val {
	x := b.expr(e.Args[0])
	if x.isConst {
		return constVal(t, int64(swapBytes(uint64(x.k), t.Size)))
	}
	src := b.scalar(x)
	if t.Size == 1 {
		r := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Ext, Dst: r, A: src, Size: 1})
		return val{t: t, reg: r}
	}
	r, part := b.f.NewReg(), b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Mov, Dst: r, B: ir.I(0)})
	for i := 0; i < t.Size; i++ {
		// part = byte i of src, moved to byte size-1-i.
		b.emit(ir.Insn{Op: ir.Mov, Dst: part, B: ir.R(src)})
		if i > 0 {
			b.emit(ir.Insn{Op: ir.ALU, ALU: asm.RSh, Dst: part, A: part, B: ir.I(int64(8 * i))})
		}
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.And, Dst: part, A: part, B: ir.I(0xff)})
		if up := 8 * (t.Size - 1 - i); up > 0 {
			b.emit(ir.Insn{Op: ir.ALU, ALU: asm.LSh, Dst: part, A: part, B: ir.I(int64(up))})
		}
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Or, Dst: r, A: r, B: ir.R(part)})
	}
	return val{t: t, reg: r}
}

// swapBytes reverses the low size bytes of v.
func swapBytes(v uint64, size int) uint64 {
	var r uint64
	for i := 0; i < size; i++ {
		r = r<<8 | (v>>(8*i))&0xff
	}
	return r
}

// strParamOffset lowers str($N + k): the parameter's text from its k-th
// byte, a constant (the checker made sure k is one, within the text).
func (b *fn) strParamOffset(p *ast.PosParam, k ast.Expr, t *types.Type) val {
	s := ""
	if params := b.c.info.Params; p.Index >= 1 && p.Index <= len(params) {
		s = params[p.Index-1]
	}
	if n := b.expr(k); n.isConst && n.k >= 0 && n.k <= int64(len(s)) {
		s = s[n.k:]
	}
	if len(s)+1 > t.Size {
		s = s[:t.Size-1] // str($1 + k, n) keeps n characters
	}
	return b.stringLit(s, t)
}
