package compiler

import (
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript/lang/types"
)

// programName makes a unique BPF object name from an attach point.
func programName(ap *types.AttachPoint, seen map[string]int) string {
	base := ap.ObjectName()
	var b strings.Builder
	for _, r := range base {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if len(name) > 11 {
		name = name[:11]
	}
	seen[name]++
	if n := seen[name]; n > 1 {
		name = fmt.Sprintf("%s_%d", name, n)
	}
	return name
}

// codeKey is what a block's code depends on in an attach point: its kind;
// for probes run once (begin and end), whose probe id is a constant, its
// name; whether integers given to str() are user addresses (syscall
// tracepoints); and the layout of the record args denotes, when the block
// uses args. Attach points with the same key compile to the same function.
func codeKey(ap *types.AttachPoint) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", ap.Kind)
	if !ap.Kind.Attached() {
		b.WriteString(" " + ap.Name)
	}
	if ap.UserInts() {
		b.WriteString(" user")
	}
	if ap.Args != nil {
		b.WriteString(" ")
		writeLayout(&b, ap.Args)
	}
	return b.String()
}

// writeLayout writes everything about t that code generated for it
// depends on.
func writeLayout(b *strings.Builder, t *types.Type) {
	fmt.Fprintf(b, "{%d %d %t %d %d", t.Kind, t.Size, t.Signed, t.Len, t.Space)
	if t.Elem != nil {
		writeLayout(b, t.Elem)
	}
	for _, f := range t.Fields {
		fmt.Fprintf(b, " %s@%d/%t:", f.Name, f.Offset, f.DataLoc)
		writeLayout(b, f.Type)
	}
	b.WriteString("}")
}
