package parser

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// sexpr renders an expression as a compact S-expression so that tests can
// state precedence and associativity in one line.
func sexpr(e ast.Expr) string {
	list := func(xs []ast.Expr) string {
		parts := make([]string, len(xs))
		for i, x := range xs {
			parts[i] = sexpr(x)
		}
		return strings.Join(parts, " ")
	}
	switch e := e.(type) {
	case *ast.IntLit:
		return fmt.Sprint(e.Value)
	case *ast.StrLit:
		return fmt.Sprintf("%q", e.Value)
	case *ast.Ident:
		return e.Name
	case *ast.Var:
		return e.Name
	case *ast.PosParam:
		if e.Count {
			return "$#"
		}
		return fmt.Sprintf("$%d", e.Index)
	case *ast.MapExpr:
		if e.Keys == nil {
			return e.Name
		}
		return fmt.Sprintf("%s[%s]", e.Name, list(e.Keys))
	case *ast.CallExpr:
		return fmt.Sprintf("%s(%s)", e.Name, list(e.Args))
	case *ast.BinaryExpr:
		return fmt.Sprintf("(%s %s %s)", e.Op, sexpr(e.X), sexpr(e.Y))
	case *ast.UnaryExpr:
		return fmt.Sprintf("(%s %s)", e.Op, sexpr(e.X))
	case *ast.IncDecExpr:
		if e.Post {
			return fmt.Sprintf("(x%s %s)", e.Op, sexpr(e.X))
		}
		return fmt.Sprintf("(%sx %s)", e.Op, sexpr(e.X))
	case *ast.TernaryExpr:
		return fmt.Sprintf("(? %s %s %s)", sexpr(e.Cond), sexpr(e.Then), sexpr(e.Else))
	case *ast.FieldExpr:
		if e.Arrow {
			return fmt.Sprintf("(-> %s %s)", sexpr(e.X), e.Field)
		}
		return fmt.Sprintf("(. %s %s)", sexpr(e.X), e.Field)
	case *ast.IndexExpr:
		return fmt.Sprintf("(index %s %s)", sexpr(e.X), sexpr(e.Index))
	case *ast.TupleExpr:
		return fmt.Sprintf("(tuple %s)", list(e.Elems))
	case *ast.ParenExpr:
		return fmt.Sprintf("(paren %s)", sexpr(e.X))
	}
	return fmt.Sprintf("<%T>", e)
}

// mustParse parses src and fails the test with the rendered error if it
// does not parse. It also checks every span in the tree.
func mustParse(t *testing.T, src string) *ast.Program {
	t.Helper()
	prog, err := parse("test.bt", src)
	if err != nil {
		t.Fatalf("Parse(%q):\n%s", src, diag.Render(err, src))
	}
	if problem := checkSpans(prog, src); problem != "" {
		t.Fatalf("Parse(%q): %s", src, problem)
	}
	return prog
}

func TestExpressions(t *testing.T) {
	tests := []struct{ src, want string }{
		// Precedence, loosest to tightest, and left associativity.
		{"a || b && c", "(|| a (&& b c))"},
		{"a && b | c", "(&& a (| b c))"},
		{"a | b ^ c", "(| a (^ b c))"},
		{"a ^ b & c", "(^ a (& b c))"},
		{"a & b == c", "(& a (== b c))"},
		{"a == b < c", "(== a (< b c))"},
		{"a != b >= c", "(!= a (>= b c))"},
		{"a < b << c", "(< a (<< b c))"},
		{"a <= b > c", "(> (<= a b) c)"},
		{"a >> b + c", "(>> a (+ b c))"},
		{"a + b * c", "(+ a (* b c))"},
		{"a - b - c", "(- (- a b) c)"},
		{"a / b % c * d", "(* (% (/ a b) c) d)"},
		{"a * b + c * d", "(+ (* a b) (* c d))"},
		{"(a + b) * c", "(* (paren (+ a b)) c)"},
		// Unary binds tighter than binary, postfix tighter than unary.
		{"-a * b", "(* (- a) b)"},
		{"!a && ~b", "(&& (! a) (~ b))"},
		{"- -1", "(- (- 1))"},
		{"-args->x", "(- (-> args x))"},
		{"!@m[1]", "(! @m[1])"},
		// Ternary is loosest and right-associative.
		{"a ? b : c", "(? a b c)"},
		{"a || b ? c + 1 : d", "(? (|| a b) (+ c 1) d)"},
		{"a ? b : c ? d : e", "(? a b (? c d e))"},
		{"a ? b ? c : d : e", "(? a (? b c d) e)"},
		// Increments.
		{"$x++", "(x++ $x)"},
		{"$x--", "(x-- $x)"},
		{"++$x", "(++x $x)"},
		{"--@m[1, 2]", "(--x @m[1 2])"},
		{"@++", "(x++ @)"},
		// Postfix chains.
		{"args->filename", "(-> args filename)"},
		{"args.argv[0]", "(index (. args argv) 0)"},
		{"t.0", "(. t 0)"},
		{"t.0.1", "(. (. t 0) 1)"},
		{"$t.1 + 1", "(+ (. $t 1) 1)"},
		{"curtask->parent->pid", "(-> (-> curtask parent) pid)"},
		{"@m[1].x", "(. @m[1] x)"},
		{"@m[1][2]", "(index @m[1] 2)"},
		{"x[1][2]", "(index (index x 1) 2)"},
		// Primaries.
		{"pid", "pid"},
		{"$x", "$x"},
		{"$1", "$1"},
		{"$12 + $#", "(+ $12 $#)"},
		{"@", "@"},
		{"@name", "@name"},
		{"@[comm, pid]", "@[comm pid]"},
		{"@x [1]", "@x[1]"},
		{"exit()", "exit()"},
		{`printf("%d %s\n", pid, comm)`, `printf("%d %s\n" pid comm)`},
		{"delete(@m, 1)", "delete(@m 1)"},
		{"print(@m, 10, 2)", "print(@m 10 2)"},
		{"clear(@m)", "clear(@m)"},
		{"f(g(1), (2, 3))", "f(g(1) (tuple 2 3))"},
		{"(1, \"a\")", `(tuple 1 "a")`},
		{"(1, (2, 3), 4)", "(tuple 1 (tuple 2 3) 4)"},
		{"(1)", "(paren 1)"},
		{"((1))", "(paren (paren 1))"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog := mustParse(t, "BEGIN { "+tt.src+" }")
			stmt, ok := prog.Probes[0].Body.Stmts[0].(*ast.ExprStmt)
			if !ok {
				t.Fatalf("statement is %T, want *ast.ExprStmt", prog.Probes[0].Body.Stmts[0])
			}
			if got := sexpr(stmt.X); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestIntegerLiterals(t *testing.T) {
	tests := []struct {
		src  string
		want uint64
	}{
		{"0", 0},
		{"42", 42},
		{"0x1F", 0x1f},
		{"0XfF", 0xff},
		{"017", 0o17},
		{"0b101", 5},
		{"0B11", 3},
		{"1_000", 1000},
		{"0x_ff_ff", 0xffff},
		{"18446744073709551615", 1<<64 - 1},
		{"0xffffffffffffffff", 1<<64 - 1},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog := mustParse(t, "BEGIN { @ = "+tt.src+" }")
			lit := prog.Probes[0].Body.Stmts[0].(*ast.AssignStmt).RHS.(*ast.IntLit)
			if lit.Value != tt.want || lit.Raw != tt.src {
				t.Errorf("got Value %d Raw %q, want %d %q", lit.Value, lit.Raw, tt.want, tt.src)
			}
		})
	}
}

func TestStringLiterals(t *testing.T) {
	tests := []struct{ src, want string }{
		{`""`, ""},
		{`"plain"`, "plain"},
		{`"a\nb\tc\rd"`, "a\nb\tc\rd"},
		{`"\\ \" \'"`, `\ " '`},
		{`"\0"`, "\x00"},
		{`"\x41\x4a\x7"`, "AJ\x07"},
		{`"\101\60\0101"`, "A0\x081"},
		{`"\x414"`, "A4"},
		{`"é // not a comment /* nor this */"`, "é // not a comment /* nor this */"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog := mustParse(t, "BEGIN { @ = "+tt.src+" }")
			lit := prog.Probes[0].Body.Stmts[0].(*ast.AssignStmt).RHS.(*ast.StrLit)
			if lit.Value != tt.want {
				t.Errorf("got %q, want %q", lit.Value, tt.want)
			}
		})
	}
}

func TestProbeSpecs(t *testing.T) {
	tests := []struct {
		src      string
		provider string
		parts    []string
	}{
		{"BEGIN", "BEGIN", nil},
		{"END", "END", nil},
		{"begin", "begin", nil},
		{"end", "end", nil},
		{"tracepoint:syscalls:sys_enter_openat", "tracepoint", []string{"syscalls", "sys_enter_openat"}},
		{"t:syscalls:sys_enter_open*", "t", []string{"syscalls", "sys_enter_open*"}},
		{"tracepoint:sched:sched_?witch", "tracepoint", []string{"sched", "sched_?witch"}},
		{"tracepoint:syscalls:sys_enter_[ab]*", "tracepoint", []string{"syscalls", "sys_enter_[ab]*"}},
		{"interval:s:1", "interval", []string{"s", "1"}},
		{"i:ms:100", "i", []string{"ms", "100"}},
		{"profile:hz:99", "profile", []string{"hz", "99"}},
		{"p:hz:99", "p", []string{"hz", "99"}},
		{"kprobe:vfs_read", "kprobe", []string{"vfs_read"}},
		{"kretprobe:vfs_*", "kretprobe", []string{"vfs_*"}},
		{"kprobe:f+16", "kprobe", []string{"f+16"}},
		{"kprobe:f.isra.0", "kprobe", []string{"f.isra.0"}},
		{"uprobe:/bin/bash:readline", "uprobe", []string{"/bin/bash", "readline"}},
		{"uretprobe:/lib/x86_64-linux-gnu/libc.so.6:malloc", "uretprobe", []string{"/lib/x86_64-linux-gnu/libc.so.6", "malloc"}},
		{"uprobe:./a.out:main", "uprobe", []string{"./a.out", "main"}},
		{"uprobe:/bin/x:0x1234", "uprobe", []string{"/bin/x", "0x1234"}},
		{"usdt:/usr/bin/x:prov:probe", "usdt", []string{"/usr/bin/x", "prov", "probe"}},
		{"rawtracepoint:sched_switch", "rawtracepoint", []string{"sched_switch"}},
		{"fentry:vmlinux:tcp_connect", "fentry", []string{"vmlinux", "tcp_connect"}},
		{"iter:task", "iter", []string{"task"}},
		{"software:cpu-clock:100000", "software", []string{"cpu-clock", "100000"}},
		{"hardware:cycles:1000000", "hardware", []string{"cycles", "1000000"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			// No space before the brace: the spec must end on its own.
			prog := mustParse(t, tt.src+"{ exit() }")
			spec := prog.Probes[0].Specs[0]
			if spec.Raw != tt.src || spec.Provider != tt.provider || !reflect.DeepEqual(spec.Parts, tt.parts) {
				t.Errorf("got Raw %q Provider %q Parts %q, want %q %q %q",
					spec.Raw, spec.Provider, spec.Parts, tt.src, tt.provider, tt.parts)
			}
		})
	}
}

func TestProbeLists(t *testing.T) {
	tests := []struct {
		src   string
		specs []string
	}{
		{"BEGIN,END { }", []string{"BEGIN", "END"}},
		{"kprobe:a, kprobe:b { }", []string{"kprobe:a", "kprobe:b"}},
		{"t:a:b ,\n  t:a:c\n,t:a:d\n{ }", []string{"t:a:b", "t:a:c", "t:a:d"}},
		{"uprobe:/bin/x:f,uprobe:/bin/y:g { }", []string{"uprobe:/bin/x:f", "uprobe:/bin/y:g"}},
		{"kprobe:a, /* between */ kprobe:b // end\n{ }", []string{"kprobe:a", "kprobe:b"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog := mustParse(t, tt.src)
			var got []string
			for _, s := range prog.Probes[0].Specs {
				got = append(got, s.Raw)
			}
			if !reflect.DeepEqual(got, tt.specs) {
				t.Errorf("got specs %q, want %q", got, tt.specs)
			}
		})
	}
}

func TestPredicates(t *testing.T) {
	tests := []struct{ src, want string }{
		{"kprobe:f /pid == 1/ { }", "(== pid 1)"},
		{"kprobe:f/pid==1/{ }", "(== pid 1)"},
		{"kprobe:f /(a / 2) > 1/ { }", "(> (paren (/ a 2)) 1)"},
		{"kprobe:f /@m[a / 2]/ { }", "@m[(/ a 2)]"},
		{"kprobe:f /f(a / 2, (b / c))/ { }", "f((/ a 2) (paren (/ b c)))"},
		{"kprobe:f /a ? b : c/ { }", "(? a b c)"},
		{"kprobe:f /comm == \"a/b\"/ { }", `(== comm "a/b")`},
		{"kprobe:f\n/pid/\n{ }", "pid"},
		{"uprobe:/bin/bash:readline /pid/ { }", "pid"},
		{"kprobe:f /pid /* not the end */ > 1/ { }", "(> pid 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog := mustParse(t, tt.src)
			if got := sexpr(prog.Probes[0].Pred); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestDivisionInBody checks that '/' divides everywhere outside a
// predicate, including in a body that follows one.
func TestDivisionInBody(t *testing.T) {
	prog := mustParse(t, "kprobe:f /a/ { @ = a / b / c; }")
	got := sexpr(prog.Probes[0].Body.Stmts[0].(*ast.AssignStmt).RHS)
	if want := "(/ (/ a b) c)"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestStatements(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // the statements' dumps
	}{
		{"assign map", "@x = 1", "Assign =\n  Map @x\n  Int 1\n"},
		{"assign anonymous map", "@ = 1", "Assign =\n  Map @\n  Int 1\n"},
		{"assign keyed map", "@x[1, 2] = 3", "Assign =\n  Map @x[...]\n    Int 1\n    Int 2\n  Int 3\n"},
		{"assign var", "$x = 1", "Assign =\n  Var $x\n  Int 1\n"},
		{"let with value", "let $x = 1", "Let $x\n  Int 1\n"},
		{"let without value", "let $x;", "Let $x\n"},
		{"compound +=", "@x += 1", "Assign +=\n  Map @x\n  Int 1\n"},
		{"compound -=", "$x -= 1", "Assign -=\n  Var $x\n  Int 1\n"},
		{"compound *=", "$x *= 1", "Assign *=\n  Var $x\n  Int 1\n"},
		{"compound /=", "$x /= 1", "Assign /=\n  Var $x\n  Int 1\n"},
		{"compound %=", "$x %= 1", "Assign %=\n  Var $x\n  Int 1\n"},
		{"compound &=", "$x &= 1", "Assign &=\n  Var $x\n  Int 1\n"},
		{"compound |=", "$x |= 1", "Assign |=\n  Var $x\n  Int 1\n"},
		{"compound ^=", "$x ^= 1", "Assign ^=\n  Var $x\n  Int 1\n"},
		{"compound <<=", "$x <<= 1", "Assign <<=\n  Var $x\n  Int 1\n"},
		{"compound >>=", "@x[1] >>= 1", "Assign >>=\n  Map @x[...]\n    Int 1\n  Int 1\n"},
		{"post increment", "$x++", "IncDec x++\n  Var $x\n"},
		{"pre decrement", "--@x[1]", "IncDec --x\n  Map @x[...]\n    Int 1\n"},
		{"return", "return", "Return\n"},
		{"return semicolon", "return;", "Return\n"},
		{"call", `printf("%d\n", pid)`, "Call printf\n  Str \"%d\\n\"\n  Ident pid\n"},
		{"empty statements", ";; exit();;", "Call exit\n"},
		{"several", "@a = 1; @b = 2; exit()", "Assign =\n  Map @a\n  Int 1\nAssign =\n  Map @b\n  Int 2\nCall exit\n"},
		{"if", "if (pid) { exit() }", "If\n  Ident pid\n  Block\n    Call exit\n"},
		{"if else", "if (pid) { @a = 1; } else { @b = 2; }",
			"If\n  Ident pid\n  Block\n    Assign =\n      Map @a\n      Int 1\n  Else\n    Block\n      Assign =\n        Map @b\n        Int 2\n"},
		{"else if chain", "if (a) { } else if (b) { } else { return }",
			"If\n  Ident a\n  Block\n  Else\n    If\n      Ident b\n      Block\n      Else\n        Block\n          Return\n"},
		{"if needs no semicolon", "if (a) { } exit()", "If\n  Ident a\n  Block\nCall exit\n"},
		{"if with semicolon", "if (a) { }; exit()", "If\n  Ident a\n  Block\nCall exit\n"},
		{"nested if", "if (a) { if (b) { return } }",
			"If\n  Ident a\n  Block\n    If\n      Ident b\n      Block\n        Return\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := mustParse(t, "BEGIN { "+tt.body+" }")
			var b strings.Builder
			for _, s := range prog.Probes[0].Body.Stmts {
				if err := ast.Fprint(&b, s); err != nil {
					t.Fatal(err)
				}
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestProgram(t *testing.T) {
	src := "#!/usr/bin/env bpftrace\r\n// comment\nBEGIN { }\n/* a\nblock */ END { }\n"
	prog := mustParse(t, src)
	if prog.Shebang != "#!/usr/bin/env bpftrace" {
		t.Errorf("Shebang = %q", prog.Shebang)
	}
	if len(prog.Probes) != 2 {
		t.Fatalf("got %d probes, want 2", len(prog.Probes))
	}
	if prog.Pos().Offset != 0 || prog.End().Offset != len(src) {
		t.Errorf("program span [%d, %d), want [0, %d)", prog.Pos().Offset, prog.End().Offset, len(src))
	}
	if got := prog.Probes[1].Pos(); got.Line != 5 || got.Col != 10 {
		t.Errorf("END probe at %d:%d, want 5:10", got.Line, got.Col)
	}
}
