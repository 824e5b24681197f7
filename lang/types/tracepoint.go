package types

import (
	"strconv"
	"strings"
)

// TracepointRecord builds the Record that `args` denotes in a tracepoint
// from its format. strLen is the size given to __data_loc strings (0 means
// DefaultStrLen).
//
// Integer fields take their size and signedness from the format, which is
// right even where the C declaration is not (syscall arguments are
// declared `int` but stored in 8 bytes). char arrays are strings,
// `__data_loc char[]` is a string with Field.DataLoc, other arrays are
// Arrays, and pointers keep their pointed-to type when it is a known C
// integer type (char is int8), a struct (opaque), or void. Pointers of the
// syscalls group point into user memory, all others into the kernel.
func TracepointRecord(f *TracepointFormat, strLen int) *Type {
	if strLen <= 0 {
		strLen = DefaultStrLen
	}
	space := Kernel
	if f.Group == "syscalls" {
		space = User
	}
	rec := &Type{Kind: Record, Name: f.Event}
	for _, ff := range f.Fields {
		name, t, dataLoc := parseFieldDecl(ff, space, strLen)
		if name == "" {
			continue
		}
		rec.Fields = append(rec.Fields, Field{Name: name, Type: t, Offset: ff.Offset, DataLoc: dataLoc})
		if end := ff.Offset + ff.Size; end > rec.Size {
			rec.Size = end
		}
	}
	return rec
}

// parseFieldDecl turns one format field into a field name and type.
//
//	int dfd                   → dfd, by Size/Signed
//	const char * filename     → filename, int8 * (user in syscalls)
//	const char *const * argv  → argv, int8 * *
//	char comm[16]             → comm, string[16]
//	unsigned long args[6]     → args, uint64[6]
//	__data_loc char[] name    → name, string[strLen], DataLoc
func parseFieldDecl(ff FormatField, space AddrSpace, strLen int) (string, *Type, bool) {
	decl := strings.TrimSpace(ff.Decl)
	dataLoc := false
	if rest, ok := strings.CutPrefix(decl, "__data_loc "); ok {
		dataLoc = true
		decl = strings.TrimSpace(rest)
	}

	// An array suffix: "name[16]", or "char[] name" in __data_loc fields.
	arrayLen := -1
	if i := strings.LastIndexByte(decl, '['); i >= 0 && strings.HasSuffix(decl, "]") {
		n, err := strconv.Atoi(strings.TrimSpace(decl[i+1 : len(decl)-1]))
		if err == nil && n >= 0 {
			arrayLen = n
		} else {
			arrayLen = 0
		}
		decl = strings.TrimSpace(decl[:i])
	}
	j := len(decl)
	for j > 0 && isIdentByte(decl[j-1]) {
		j--
	}
	name := decl[j:]
	base := decl[:j]
	if dataLoc {
		// "char[] name": the brackets sit before the name.
		base = strings.ReplaceAll(base, "[]", "")
	}
	depth := strings.Count(base, "*")
	base = normalizeCType(base)

	switch {
	case dataLoc:
		return name, NewString(strLen), true
	case arrayLen >= 0 && depth == 0:
		if base == "char" || base == "signed char" {
			return name, NewString(ff.Size), false
		}
		elem := cIntType(base)
		if arrayLen > 0 && ff.Size%arrayLen == 0 {
			if sz := ff.Size / arrayLen; validIntSize(sz) {
				elem = NewInt(sz, ff.Signed)
			}
		}
		if elem == nil {
			elem = NewInt(1, false)
		}
		return name, &Type{Kind: Array, Elem: elem, Len: arrayLen, Size: ff.Size}, false
	case depth > 0:
		elem := pointee(base)
		for i := 1; i < depth; i++ {
			elem = &Type{Kind: Pointer, Size: 8, Elem: elem, Space: space}
		}
		return name, &Type{Kind: Pointer, Size: 8, Elem: elem, Space: space}, false
	case validIntSize(ff.Size):
		// syscalls tracepoints store every argument in 8 bytes, whatever
		// its C type: `int dfd` holds -100 in its low 4 bytes. The
		// declared type, when smaller, is what the value really is.
		if c := cIntType(base); c != nil && c.Size < ff.Size {
			return name, NewInt(c.Size, c.Signed), false
		}
		return name, NewInt(ff.Size, ff.Signed), false
	}
	// A field of a type we cannot name (an embedded struct): its bytes.
	return name, &Type{Kind: Array, Elem: NewInt(1, false), Len: ff.Size, Size: ff.Size}, false
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func validIntSize(n int) bool { return n == 1 || n == 2 || n == 4 || n == 8 }

// normalizeCType drops pointers and qualifiers and collapses spaces:
// "const char *const *" → "char".
func normalizeCType(s string) string {
	s = strings.ReplaceAll(s, "*", " ")
	var words []string
	for _, w := range strings.Fields(s) {
		switch w {
		case "const", "volatile", "__user", "restrict", "__restrict":
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// pointee is the type a pointer to base points to.
func pointee(base string) *Type {
	switch {
	case base == "void":
		return VoidT
	case strings.HasPrefix(base, "struct ") || strings.HasPrefix(base, "union "):
		_, name, _ := strings.Cut(base, " ")
		return &Type{Kind: Record, Name: name}
	}
	if t := cIntType(base); t != nil {
		return t
	}
	return VoidT
}

// cIntTypes are the C integer types tracepoint formats use, by size and
// signedness. A char is signed, as on x86.
var cIntTypes = map[string]*Type{
	"char": NewInt(1, true), "signed char": NewInt(1, true), "unsigned char": NewInt(1, false),
	"short": NewInt(2, true), "unsigned short": NewInt(2, false),
	"int": NewInt(4, true), "unsigned int": NewInt(4, false), "unsigned": NewInt(4, false),
	"long": NewInt(8, true), "unsigned long": NewInt(8, false),
	"long long": NewInt(8, true), "unsigned long long": NewInt(8, false),
	"bool": NewInt(1, false), "_Bool": NewInt(1, false),
	"s8": NewInt(1, true), "u8": NewInt(1, false), "__s8": NewInt(1, true), "__u8": NewInt(1, false),
	"s16": NewInt(2, true), "u16": NewInt(2, false), "__s16": NewInt(2, true), "__u16": NewInt(2, false),
	"s32": NewInt(4, true), "u32": NewInt(4, false), "__s32": NewInt(4, true), "__u32": NewInt(4, false),
	"s64": NewInt(8, true), "u64": NewInt(8, false), "__s64": NewInt(8, true), "__u64": NewInt(8, false),
	"int8_t": NewInt(1, true), "uint8_t": NewInt(1, false), "int16_t": NewInt(2, true), "uint16_t": NewInt(2, false),
	"int32_t": NewInt(4, true), "uint32_t": NewInt(4, false), "int64_t": NewInt(8, true), "uint64_t": NewInt(8, false),
	"size_t": NewInt(8, false), "ssize_t": NewInt(8, true), "loff_t": NewInt(8, true), "off_t": NewInt(8, true),
	"pid_t": NewInt(4, true), "uid_t": NewInt(4, false), "gid_t": NewInt(4, false),
	"umode_t": NewInt(2, false), "dev_t": NewInt(4, false), "key_serial_t": NewInt(4, true),
}

// cIntType returns the integer type C name base denotes, or nil.
func cIntType(base string) *Type {
	return cIntTypes[base]
}
