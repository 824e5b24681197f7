package shell

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cilium/ebpf/btf"
)

// kernelStruct renders a struct or union of the kernel's BTF as C, as
// `bpftrace -lv 'struct task_struct'` does. name may say "struct".
func kernelStruct(name string) (string, error) {
	name = strings.TrimSpace(name)
	name = strings.TrimSpace(strings.TrimPrefix(name, "struct "))
	union := strings.HasPrefix(name, "union ")
	name = strings.TrimSpace(strings.TrimPrefix(name, "union "))
	spec, err := btf.LoadKernelSpec()
	if err != nil {
		return "", fmt.Errorf("reading the kernel's BTF: %w", err)
	}
	var members []btf.Member
	kind := "struct"
	if union {
		var u *btf.Union
		err = spec.TypeByName(name, &u)
		if err == nil {
			members, kind = u.Members, "union"
		}
	} else {
		var s *btf.Struct
		err = spec.TypeByName(name, &s)
		if err == nil {
			members = s.Members
		}
	}
	if errors.Is(err, btf.ErrNotFound) {
		return "", fmt.Errorf("the kernel has no %s %s", kind, name)
	}
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s {\n", kind, name)
	for _, m := range members {
		d := cDecl(m.Type, m.Name, 0)
		if m.BitfieldSize > 0 {
			d += fmt.Sprintf(" : %d", m.BitfieldSize)
		}
		fmt.Fprintf(&b, "\t%s;\n", d)
	}
	b.WriteString("};\n")
	return b.String(), nil
}

// cDecl declares name with type t in C. Anonymous structs and unions show
// their fields up to a small depth.
func cDecl(t btf.Type, name string, depth int) string {
	join := func(typ, name string) string {
		if name == "" {
			return typ
		}
		return typ + " " + name
	}
	switch t := t.(type) {
	case *btf.Void:
		return join("void", name)
	case *btf.Int:
		return join(t.Name, name)
	case *btf.Float:
		return join(t.Name, name)
	case *btf.Typedef:
		return join(t.Name, name)
	case *btf.Enum:
		return join("enum "+orAnon(t.Name), name)
	case *btf.Fwd:
		return join(t.Kind.String()+" "+t.Name, name)
	case *btf.Struct:
		return join(aggregate("struct", t.Name, t.Members, depth), name)
	case *btf.Union:
		return join(aggregate("union", t.Name, t.Members, depth), name)
	case *btf.Pointer:
		if fp, ok := btf.UnderlyingType(t.Target).(*btf.FuncProto); ok {
			return cDecl(fp.Return, "(*"+name+")("+params(fp)+")", depth)
		}
		return cDecl(t.Target, "*"+name, depth)
	case *btf.Array:
		if strings.HasPrefix(name, "*") {
			name = "(" + name + ")"
		}
		return cDecl(t.Type, fmt.Sprintf("%s[%d]", name, t.Nelems), depth)
	case *btf.Const:
		return "const " + cDecl(t.Type, name, depth)
	case *btf.Volatile:
		return "volatile " + cDecl(t.Type, name, depth)
	case *btf.Restrict:
		return cDecl(t.Type, name, depth)
	case *btf.TypeTag:
		return cDecl(t.Type, name, depth)
	case *btf.FuncProto:
		return cDecl(t.Return, name+"("+params(t)+")", depth)
	}
	return join(fmt.Sprint(t), name)
}

func orAnon(name string) string {
	if name == "" {
		return "{...}"
	}
	return name
}

// aggregate names a struct or union; an anonymous one shows its members.
func aggregate(kind, name string, members []btf.Member, depth int) string {
	if name != "" {
		return kind + " " + name
	}
	if depth >= 2 {
		return kind + " {...}"
	}
	var b strings.Builder
	b.WriteString(kind + " { ")
	for _, m := range members {
		b.WriteString(cDecl(m.Type, m.Name, depth+1) + "; ")
	}
	b.WriteString("}")
	return b.String()
}

func params(fp *btf.FuncProto) string {
	var ps []string
	for _, p := range fp.Params {
		ps = append(ps, cDecl(p.Type, "", 2))
	}
	return strings.Join(ps, ", ")
}
