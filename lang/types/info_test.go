package types_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

var exprType = reflect.TypeFor[ast.Expr]()

// collectExprs returns every expression in the tree rooted at v, but for
// those of macro definitions.
func collectExprs(v reflect.Value, out *[]ast.Expr) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		if v.Type().Implements(exprType) {
			*out = append(*out, v.Interface().(ast.Expr))
		}
		if _, ok := v.Interface().(*ast.Macro); ok {
			// A macro's definition is a template, checked where it
			// is expanded, not in itself.
			return
		}
		collectExprs(v.Elem(), out)
	case reflect.Struct:
		for i := range v.NumField() {
			collectExprs(v.Field(i), out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			collectExprs(v.Index(i), out)
		}
	}
}

// dumpTree renders every field of the tree rooted at v, to detect changes.
func dumpTree(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		fmt.Fprintf(b, "%s:", v.Type())
		dumpTree(b, v.Elem())
	case reflect.Struct:
		b.WriteString("{")
		for i := range v.NumField() {
			fmt.Fprintf(b, "%s=", v.Type().Field(i).Name)
			dumpTree(b, v.Field(i))
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice:
		fmt.Fprintf(b, "[%d:", v.Len())
		for i := range v.Len() {
			dumpTree(b, v.Index(i))
			b.WriteString(",")
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}

// testPrograms returns the golden programs and the error cases.
func testPrograms(t testing.TB) map[string]string {
	progs := map[string]string{}
	inputs, err := filepath.Glob("testdata/*.bt")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		progs[in] = string(data)
	}
	// Every file of error cases: each construct's errors.
	files, err := filepath.Glob("testdata/errors*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no error cases: %v", err)
	}
	for _, file := range files {
		_, cases := golden.ReadCases(t, file)
		for _, c := range cases {
			progs[filepath.Base(file)+"/"+c.Name] = c.Src
		}
	}
	return progs
}

// TestInfoComplete checks, over every test program, that every expression
// has a type, even in programs with errors; that in programs without
// errors no type is Invalid and every variable occurrence is resolved; and
// that Check leaves the tree as it found it.
func TestInfoComplete(t *testing.T) {
	for name, src := range testPrograms(t) {
		t.Run(name, func(t *testing.T) {
			prog, err := parser.Parse("", src)
			if err != nil {
				t.Fatal(err)
			}
			var before strings.Builder
			dumpTree(&before, reflect.ValueOf(prog))

			info, checkErr := types.Check(prog, testConfig(t))

			var after strings.Builder
			dumpTree(&after, reflect.ValueOf(prog))
			if before.String() != after.String() {
				t.Error("Check modified the syntax tree")
			}
			if len(info.Probes) != len(prog.Probes) {
				t.Errorf("%d probes in Info, %d in the program", len(info.Probes), len(prog.Probes))
			}
			var exprs []ast.Expr
			collectExprs(reflect.ValueOf(prog), &exprs)
			for _, e := range exprs {
				typ, ok := info.Types[e]
				switch {
				case !ok || typ == nil:
					t.Errorf("%s: %s has no type", e.Pos(), types.ExprString(e))
				case checkErr == nil && typ.Kind == types.Invalid:
					t.Errorf("%s: %s is invalid in a program without errors", e.Pos(), types.ExprString(e))
				}
				if v, isVar := e.(*ast.Var); isVar && checkErr == nil && info.Vars[v] == nil {
					t.Errorf("%s: %s is not resolved", e.Pos(), v.Name)
				}
			}
			for e := range info.Types {
				if !slices.Contains(exprs, e) {
					t.Errorf("%s: Types holds %s, which is not in the tree", e.Pos(), types.ExprString(e))
				}
			}
		})
	}
}
