package types_test

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestMapDeclErrors pins the errors of map declarations: unknown kinds,
// sizes that are not positive constants, maps declared twice, and kinds
// that do not suit the map's value.
func TestMapDeclErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_mapdecl.txt", false)
}

// TestMapDecl checks that a declaration records its kind and size on the
// map, and that undeclared maps keep the zero values.
func TestMapDecl(t *testing.T) {
	src := "let @a = lruhash(10); let @b = percpulruhash(2 * 8);\n" +
		"begin { @a[1] = 1; @b = count(); @c = 1; }"
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatal(err)
	}
	info, err := types.Check(prog, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kind types.DeclKind
		size int
	}{
		{"@a", types.LRUHashDecl, 10},
		{"@b", types.PerCPULRUHashDecl, 16},
		{"@c", types.Undeclared, 0},
	}
	for _, tt := range tests {
		m := info.Maps[tt.name]
		if m == nil {
			t.Fatalf("no map %s", tt.name)
		}
		if m.Decl != tt.kind || m.MaxEntries != tt.size {
			t.Errorf("%s: declared %v(%d), want %v(%d)", tt.name, m.Decl, m.MaxEntries, tt.kind, tt.size)
		}
	}
	var out strings.Builder
	if err := info.Fprint(&out, prog); err != nil {
		t.Fatal(err)
	}
	if want := "@a[int64]: int64  (first use 2:9, declared lruhash(10))\n"; !strings.Contains(out.String(), want) {
		t.Errorf("-d types prints:\n%s\nwant a line %q", out.String(), want)
	}
}
