package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
)

// The string, buffer, network and byte functions of bpftrace's standard
// library: their table entries and type rules. The compiler lowers each in
// compiler/lower_strings.go.

// InetT is the type of ntop(): an address family and 16 address bytes,
// printed as the address's text.
var InetT = &Type{Kind: Inet, Size: 24}

// MacAddrT is the type of macaddr(): six bytes printed as 00:11:22:33:44:55.
var MacAddrT = &Type{Kind: MacAddr, Size: 6}

// NewBuffer returns the type of a buf() of at most n bytes.
func NewBuffer(n int) *Type { return &Type{Kind: Buffer, Len: n, Size: 8 + n} }

// NewByteArray returns the type of n unsigned bytes, as pton() gives.
func NewByteArray(n int) *Type {
	return &Type{Kind: Array, Elem: NewInt(1, false), Len: n, Size: n}
}

// Address families, as ntop()'s first argument takes them (AF_INET and
// AF_INET6 on Linux).
const (
	AFInet  = 2
	AFInet6 = 10
)

func addStringBuiltins(t *[NumBuiltins]Builtin) {
	t[BuiltinStrlen] = Builtin{Name: "strlen", MinArgs: 1, MaxArgs: 1, call: (*checker).strlen}
	t[BuiltinStrcap] = Builtin{Name: "strcap", MinArgs: 1, MaxArgs: 1, call: (*checker).strcap}
	t[BuiltinStrstr] = Builtin{Name: "strstr", MinArgs: 2, MaxArgs: 2, call: (*checker).strstr}
	t[BuiltinStrcontains] = Builtin{Name: "strcontains", MinArgs: 2, MaxArgs: 2, call: (*checker).strstr}
	t[BuiltinStrncmp] = Builtin{Name: "strncmp", MinArgs: 3, MaxArgs: 3, call: (*checker).strncmp}
	t[BuiltinStrConcat] = Builtin{Name: "str_concat", MinArgs: 2, MaxArgs: 2, call: (*checker).strConcat}
	t[BuiltinMemcmp] = Builtin{Name: "memcmp", MinArgs: 3, MaxArgs: 3, call: (*checker).memcmp}
	t[BuiltinBuf] = Builtin{Name: "buf", MinArgs: 1, MaxArgs: 2, call: (*checker).buf}
	t[BuiltinKptr] = Builtin{Name: "kptr", MinArgs: 1, MaxArgs: 1, call: (*checker).addrSpace}
	t[BuiltinUptr] = Builtin{Name: "uptr", MinArgs: 1, MaxArgs: 1, call: (*checker).addrSpace}
	t[BuiltinNtop] = Builtin{Name: "ntop", MinArgs: 1, MaxArgs: 2, call: (*checker).ntop}
	t[BuiltinPton] = Builtin{Name: "pton", MinArgs: 1, MaxArgs: 1, call: (*checker).pton}
	t[BuiltinMacaddr] = Builtin{Name: "macaddr", MinArgs: 1, MaxArgs: 1, call: (*checker).macaddr}
	t[BuiltinBswap] = Builtin{Name: "bswap", MinArgs: 1, MaxArgs: 1, call: (*checker).bswap}
}

// stringLike checks an argument that must be string-like: a string, an
// array of bytes, or a pointer or integer address to read a string from.
// It returns the argument's type, or nil after reporting an error.
func (c *checker) stringLike(call *ast.CallExpr, arg ast.Expr) *Type {
	t := c.expr(arg)
	switch {
	case t.Kind == Invalid:
		return nil
	case t.Kind == String, t.Kind == Pointer, t.Kind == Int:
		return t
	case t.Kind == Array && t.Elem.Kind == Int && t.Elem.Size == 1:
		return t
	}
	c.errorf(arg, "%s() needs a string, a byte array or a pointer, not %s", call.Name, t)
	return nil
}

// StringCap is the bytes a string-like value of type t holds (its
// capacity, NUL included), or strLen for an address to read from.
func StringCap(t *Type, strLen int) int {
	switch t.Kind {
	case String, Array:
		return t.Size
	}
	return strLen
}

// strlen checks strlen(s).
func (c *checker) strlen(call *ast.CallExpr) *Type {
	if c.stringLike(call, call.Args[0]) == nil {
		return InvalidT
	}
	return Uint64
}

// strcap checks strcap(s): a constant for strings and arrays, the length
// for pointers.
func (c *checker) strcap(call *ast.CallExpr) *Type {
	if c.stringLike(call, call.Args[0]) == nil {
		return InvalidT
	}
	return Int64
}

// strstr checks strstr(haystack, needle) and strcontains(haystack,
// needle). strcontains is a truth value: 1 or 0.
func (c *checker) strstr(call *ast.CallExpr) *Type {
	h := c.stringLike(call, call.Args[0])
	n := c.stringLike(call, call.Args[1])
	if h == nil || n == nil {
		return InvalidT
	}
	if call.Name == "strcontains" {
		return Uint64
	}
	return Int64
}

// strncmp checks strncmp(s1, s2, n): n is a constant, as in bpftrace.
func (c *checker) strncmp(call *ast.CallExpr) *Type {
	a := c.stringLike(call, call.Args[0])
	b := c.stringLike(call, call.Args[1])
	if _, ok := c.constCount(call, call.Args[2]); a == nil || b == nil || !ok {
		return InvalidT
	}
	return Int64
}

// constCount checks the count argument of strncmp() and memcmp(): a
// non-negative integer constant.
func (c *checker) constCount(call *ast.CallExpr, arg ast.Expr) (int64, bool) {
	t := c.expr(arg)
	if t.Kind == Invalid {
		return 0, false
	}
	n, ok := c.constInt(arg)
	switch {
	case t.Kind != Int:
		c.errorf(arg, "%s() count must be an integer, not %s", call.Name, t)
		return 0, false
	case !ok:
		c.errorf(arg, "%s() count must be an integer constant", call.Name)
		return 0, false
	case n < 0:
		c.errorf(arg, "%s() count must not be negative, not %d", call.Name, n)
		return 0, false
	}
	return n, true
}

// strConcat checks str_concat(a, b): a string that holds both.
func (c *checker) strConcat(call *ast.CallExpr) *Type {
	a := c.stringLike(call, call.Args[0])
	b := c.stringLike(call, call.Args[1])
	if a == nil || b == nil {
		return InvalidT
	}
	return NewString(StringCap(a, c.strLen) + StringCap(b, c.strLen) - 1)
}

// inMemory reports whether values of type t are bytes that memcmp() can
// compare.
func inMemory(t *Type) bool {
	switch t.Kind {
	case String, Array, Tuple, Record, Buffer, Inet, MacAddr:
		return true
	}
	return false
}

// memcmp checks memcmp(left, right, count): count is a constant no larger
// than either value.
func (c *checker) memcmp(call *ast.CallExpr) *Type {
	bad := false
	var sizes [2]int
	for i, arg := range call.Args[:2] {
		t := c.expr(arg)
		switch {
		case t.Kind == Invalid:
			bad = true
		case !inMemory(t):
			c.errorf(arg, "memcmp() needs a string, an array, a buffer or a tuple, not %s", t)
			bad = true
		}
		sizes[i] = t.Size
	}
	n, ok := c.constCount(call, call.Args[2])
	if bad || !ok {
		return InvalidT
	}
	if m := min(sizes[0], sizes[1]); n > int64(m) {
		c.errorf(call.Args[2], "memcmp() count %d is more than the %d bytes of the smaller value", n, m)
		return InvalidT
	}
	return Int64
}

// buf checks buf(data[, length]): data is an address (a pointer or an
// integer) or an array, whose length is then optional. The length is at
// most the string size.
func (c *checker) buf(call *ast.CallExpr) *Type {
	t := c.expr(call.Args[0])
	size := c.strLen
	bad := t.Kind == Invalid
	switch {
	case bad:
	case t.Kind == Array, t.Kind == String:
		size = min(t.Size, size)
	case t.Kind == Pointer, t.Kind == Int:
		if len(call.Args) == 1 {
			c.errorf(call, "buf() needs a length when reading from an address")
			bad = true
		}
	default:
		c.errorf(call.Args[0], "buf() needs a pointer, an integer address or an array, not %s", t)
		bad = true
	}
	if len(call.Args) == 2 {
		lt := c.expr(call.Args[1])
		switch n, ok := c.constInt(call.Args[1]); {
		case lt.Kind == Invalid:
			bad = true
		case lt.Kind != Int:
			c.errorf(call.Args[1], "buf() length must be an integer, not %s", lt)
			bad = true
		case ok && n < 0:
			c.errorf(call.Args[1], "buf() length must not be negative, not %d", n)
			bad = true
		case ok && n > int64(c.strLen):
			c.errorf(call.Args[1], "buf() length %d is more than the maximum of %d bytes (the string size)", n, c.strLen)
			bad = true
		case ok:
			size = min(size, int(n))
		}
	}
	if bad {
		return InvalidT
	}
	return NewBuffer(size)
}

// addrSpace checks kptr(p) and uptr(p): the same pointer, in the kernel's
// or in user space. An integer becomes a pointer to bytes there, so that
// str(uptr(x)) and buf(kptr(x), n) read where they are told.
func (c *checker) addrSpace(call *ast.CallExpr) *Type {
	t := c.expr(call.Args[0])
	space := Kernel
	if call.Name == "uptr" {
		space = User
	}
	switch t.Kind {
	case Invalid:
		return InvalidT
	case Pointer:
		p := *t
		p.Space = space
		return &p
	case Int:
		return &Type{Kind: Pointer, Size: 8, Elem: NewInt(1, true), Space: space}
	}
	c.errorf(call.Args[0], "%s() needs a pointer or an integer address, not %s", call.Name, t)
	return InvalidT
}

// ntop checks ntop([af, ]addr): an IPv4 address in an integer or a 4-byte
// array, or an IPv6 address in a 16-byte array.
func (c *checker) ntop(call *ast.CallExpr) *Type {
	bad := false
	addr := call.Args[len(call.Args)-1]
	if len(call.Args) == 2 {
		af := c.expr(call.Args[0])
		switch n, ok := c.constInt(call.Args[0]); {
		case af.Kind == Invalid:
			bad = true
		case af.Kind != Int:
			c.errorf(call.Args[0], "ntop() address family must be an integer, not %s", af)
			bad = true
		case ok && n != AFInet && n != AFInet6:
			c.errorf(call.Args[0], "ntop() address family must be AF_INET (%d) or AF_INET6 (%d), not %d", AFInet, AFInet6, n)
			bad = true
		}
	}
	t := c.expr(addr)
	switch {
	case t.Kind == Invalid:
		return InvalidT
	case t.Kind == Int:
	case t.Kind == Array && t.Elem.Size == 1 && (t.Len == 4 || t.Len == 16):
	case t.Kind == String && (t.Size == 4 || t.Size == 16):
	default:
		c.errorf(addr, "ntop() needs an integer or a 4- or 16-byte array, not %s", t)
		return InvalidT
	}
	if bad {
		return InvalidT
	}
	return InetT
}

// pton checks pton("address"): a literal, converted when compiling.
func (c *checker) pton(call *ast.CallExpr) *Type {
	c.expr(call.Args[0])
	lit, ok := unparen(call.Args[0]).(*ast.StrLit)
	if !ok || lit == nil {
		c.errorf(call.Args[0], "pton() needs a string literal")
		return InvalidT
	}
	b, ok := ParsePton(lit.Value)
	if !ok {
		c.errorf(call.Args[0], "pton() cannot parse %q as an IPv4 or IPv6 address", lit.Value)
		return InvalidT
	}
	return NewByteArray(len(b))
}

// macaddr checks macaddr(a): an array of at least six bytes, or an
// address to read six bytes from.
func (c *checker) macaddr(call *ast.CallExpr) *Type {
	t := c.expr(call.Args[0])
	switch {
	case t.Kind == Invalid:
		return InvalidT
	case t.Kind == Pointer, t.Kind == Int:
	case (t.Kind == Array || t.Kind == String) && t.Size == 6:
	default:
		c.errorf(call.Args[0], "macaddr() needs an array of 6 bytes or a pointer, not %s", t)
		return InvalidT
	}
	return MacAddrT
}

// bswap checks bswap(n): an unsigned integer of n's width.
func (c *checker) bswap(call *ast.CallExpr) *Type {
	t := c.expr(call.Args[0])
	switch t.Kind {
	case Invalid:
		return InvalidT
	case Int:
		return NewInt(t.Size, false)
	}
	c.errorf(call.Args[0], "bswap() needs an integer, not %s", t)
	return InvalidT
}
