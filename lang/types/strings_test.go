package types_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestStringFuncErrors pins the errors of the string, buffer, network,
// byte and unsafe functions; TestUnsafeFuncErrors those of the unsafe
// functions' arguments, with --unsafe.
func TestStringFuncErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_strings.txt", false)
}

func TestUnsafeFuncErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_unsafe.txt", true)
}

// TestStringFuncTypes checks the result types of well-formed calls, with
// --unsafe so that the unsafe functions check too.
func TestStringFuncTypes(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`strlen("abc")`, "uint64"},
		{`strlen(args.filename)`, "uint64"},
		{`strcap("abc")`, "int64"},
		{`strstr(comm, "a")`, "int64"},
		{`strcontains(comm, "a")`, "uint64"},
		{`strncmp(comm, "ab", 2)`, "int64"},
		{`str_concat("ab", "cde")`, "string[6]"},
		{`str_concat(args.filename, "x")`, "string[1025]"},
		{`memcmp("abc", "abd", 3)`, "int64"},
		{`buf(args.filename, 16)`, "buffer[16]"},
		{`buf(args.filename, args.mode)`, "buffer[1024]"},
		{`buf("abc")`, "buffer[4]"},
		{`uptr(args.filename)`, "int8 *"},
		{`kptr(args.mode)`, "int8 *"},
		{`ntop(1)`, "inet"},
		{`ntop(10, pton("::1"))`, "inet"},
		{`pton("127.0.0.1")`, "uint8[4]"},
		{`pton("fe80::1")`, "uint8[16]"},
		{`macaddr(args.filename)`, "macaddr_t"},
		{`bswap(args.mode)`, "uint16"},
		{`bswap(args.dfd)`, "uint32"},
	}
	for _, tt := range tests {
		src := "tracepoint:syscalls:sys_enter_openat { @x = " + tt.expr + "; system(\"true\"); signal(\"KILL\"); signal_thread(args.mode); }"
		prog, err := parser.Parse("", src)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		info, err := types.Check(prog, &types.Config{Env: testenv.New(), Unsafe: true})
		if err != nil {
			t.Errorf("%s:\n%s", tt.expr, diag.Render(err, src))
			continue
		}
		rhs := prog.Probes[0].Body.Stmts[0].(*ast.AssignStmt).RHS
		if got := info.Types[rhs].String(); got != tt.want {
			t.Errorf("%s: type %s, want %s", tt.expr, got, tt.want)
		}
	}
}
