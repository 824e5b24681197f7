package types_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestExprTypes checks the type of one expression, written as the last
// statement of a probe after some setup statements.
func TestExprTypes(t *testing.T) {
	const (
		begin  = "BEGIN"
		openat = "tracepoint:syscalls:sys_enter_openat"
	)
	tests := []struct {
		probe, setup, expr, want string
	}{
		// Literals and parameters.
		{begin, "", "1", "int64"},
		{begin, "", "0xffffffffffffffff", "uint64"},
		{begin, "", `"abc"`, "string[4]"},
		{begin, "", "$1", "int64"},
		{begin, "", "$2", "string[6]"},
		{begin, "", "$3", "int64"},
		{begin, "", "$4", "int64"},
		{begin, "", "$9", "int64"},
		{begin, "", "$#", "int64"},
		{begin, "", "str($1)", "string[3]"},
		{begin, "", "str($2)", "string[6]"},
		{begin, "", "str($9)", "string[1]"},

		// Builtins, also called as functions.
		{begin, "", "pid", "uint32"},
		{begin, "", "tid", "uint32"},
		{begin, "", "uid", "uint64"},
		{begin, "", "gid", "uint64"},
		{begin, "", "cpu", "uint32"},
		{begin, "", "ncpus", "uint64"},
		{begin, "", "nsecs", "uint64"},
		{begin, "", "elapsed", "uint64"},
		{begin, "", "rand", "uint32"},
		{begin, "", "cgroup", "uint64"},
		{begin, "", "comm", "string[16]"},
		{begin, "", "probe", "probe"},
		{begin, "", "pid()", "uint32"},

		// Arithmetic is 64-bit; unsigned only when both sides are, where a
		// non-negative literal takes the other side's sign; subtraction
		// is signed.
		{begin, "", "pid + 1", "uint64"},
		{begin, "", "pid + -1", "int64"},
		{begin, "", "pid + tid", "uint64"},
		{begin, "", "pid - tid", "int64"},
		{begin, "", "nsecs / 1000", "uint64"},
		{begin, "", "0x8000000000000000 / 2", "uint64"},
		{begin, "", "0xffffffffffffffff > 1", "uint64"},
		{begin, "", "(uint8)1", "uint8"},
		{begin, "", "(int16_t)pid", "int16"},
		{begin, "", "(bool)pid", "bool"},
		{begin, "", "(bool)comm", "bool"},
		{begin, "", "(int8[8])12345", "int8[8]"},
		{begin, "", "(uint8[])(uint32)1", "uint8[4]"},
		{begin, "", "(uint64)(int8[8])1", "uint64"},
		{begin, "", `(int8[])"abc"`, "int8[4]"},
		{begin, "", "(uint8[2])(uint16)1 == (uint8[2])(uint16)2", "uint64"},
		{begin, "", "true", "bool"},
		{begin, "", "(1,)", "(int64)"},
		{begin, "", `(a = 1, b = "x")`, "(a=int64,b=string[2])"},
		{begin, "", `(a = 1, b = "x").b`, "string[2]"},
		{begin, "", `(1, "a") == (2, "bc")`, "uint64"},
		{begin, "", `(a = 1) != (a = 2)`, "uint64"},
		{begin, "", "nsecs * cpu", "uint64"},
		{begin, "", "1 << 3", "int64"},
		{begin, "", "uid & gid", "uint64"},
		{begin, "", "-pid", "int64"},
		{begin, "", "~pid", "uint64"},
		{begin, "", "~1", "int64"},
		{begin, "", "(pid + 1)", "uint64"},

		// Comparisons and logic give uint64 0/1.
		{begin, "", "pid == 1", "uint64"},
		{begin, "", "comm == \"bash\"", "uint64"},
		{begin, "", "comm != $2", "uint64"},
		{begin, "", "1 < 2 && pid", "uint64"},
		{begin, "", "!pid", "uint64"},
		{openat, "", "args.filename != 0", "uint64"},

		// Ternaries unify their branches.
		{begin, "", "pid ? 1 : 2", "int64"},
		{begin, "", "pid ? pid : tid", "uint64"},
		{begin, "", `pid ? "a" : comm`, "string[16]"},
		{begin, "", `pid ? (1, "ab") : (2, "abcd")`, "(int64,string[5])"},

		// Tuples store 64-bit integers.
		{begin, "", `(pid, comm)`, "(uint64,string[16])"},
		{begin, "", `(1, (2, "x"))`, "(int64,(int64,string[2]))"},
		{begin, `$t = (pid, comm);`, "$t.1", "string[16]"},
		{begin, `$t = (pid, comm);`, "$t[0]", "uint64"},

		// Variables take the storage form of their first value.
		{begin, "$x = pid;", "$x", "uint64"},
		{begin, "$x = 1; $x = pid;", "$x", "int64"},
		{begin, `$s = "a"; $s = comm;`, "$s", "string[16]"},
		{begin, "let $x; $x = comm;", "$x", "string[16]"},
		{begin, "if (1) { $x = 1; }", "$x", "int64"},
		{begin, "$x = 1; $x++;", "$x++", "int64"},
		{begin, "$x = 1; $x += 2;", "$x", "int64"},

		// Maps.
		{begin, "@x = 1;", "@x", "int64"},
		{begin, "@x[pid] = comm;", "@x[1]", "string[16]"},
		{begin, "@x[pid, comm] = 1;", "@x[1, \"a\"]", "int64"},
		{begin, "@x = count();", "@x", "int64"},
		{begin, "@x = sum(pid);", "@x + 1", "int64"},
		{begin, "@x = avg(1);", "@x", "int64"},
		{begin, "", "@y++", "int64"},
		{begin, "@m[1] = 1;", "has_key(@m, 1)", "uint64"},
		{begin, "@m[1] = 1;", "len(@m)", "int64"},
		{begin, "@s = \"abc\"; @s = comm;", "@s", "string[16]"},

		// Strings and time.
		{begin, "", "str(0)", "string[1024]"},
		{begin, "", "str(0, 16)", "string[17]"},
		{begin, "", "str(0, 5000)", "string[1024]"},
		{begin, "", "str(0, pid)", "string[1024]"},
		{begin, "", "str(comm)", "string[16]"},
		{begin, "", "str(comm, 4)", "string[5]"},
		{begin, "", `strftime("%H:%M", nsecs)`, "timestamp"},

		// Tracepoint arguments.
		{openat, "", "args", "struct sys_enter_openat"},
		{openat, "", "args.dfd", "int32"},
		{openat, "", "args->flags", "int32"},
		{openat, "", "args.__syscall_nr", "int32"},
		{openat, "", "args.filename", "int8 *"},
		{openat, "", "str(args.filename)", "string[1024]"},
		{openat, "", "args.filename[0]", "int8"},
		{openat, "", "args.filename + 1", "int8 *"},
		{"tracepoint:syscalls:sys_enter_execve", "", "args.argv", "int8 * *"},
		{"tracepoint:syscalls:sys_enter_execve", "", "args.argv[1]", "int8 *"},
		{"tracepoint:syscalls:sys_exit_read", "", "args.ret", "int64"},
		{"tracepoint:raw_syscalls:sys_enter", "", "args.args", "uint64[6]"},
		{"tracepoint:raw_syscalls:sys_enter", "", "args.args[1]", "uint64"},
		{"tracepoint:sched:sched_switch", "", "args.prev_comm", "string[16]"},
		{"tracepoint:sched:sched_switch", "", "args.prev_pid", "int32"},
		{"tracepoint:sched:sched_process_exec", "", "args.filename", "string[1024]"},
		{"t:syscalls:sys_enter_open*", "", "args.filename", "int8 *"},
		{"t:syscalls:sys_enter_read, t:syscalls:sys_exit_read", "", "args.__syscall_nr", "int32"},
	}
	for _, tt := range tests {
		name := tt.expr
		if tt.setup != "" {
			name = tt.setup + " " + name
		}
		t.Run(name, func(t *testing.T) {
			src := fmt.Sprintf("%s { %s %s; }", tt.probe, tt.setup, tt.expr)
			prog, err := parser.Parse("", src)
			if err != nil {
				t.Fatalf("parse error:\n%s", diag.Render(err, src))
			}
			info, err := types.Check(prog, testConfig(t))
			if err != nil {
				t.Fatalf("check error:\n%s", diag.Render(err, src))
			}
			stmts := prog.Probes[0].Body.Stmts
			last, ok := stmts[len(stmts)-1].(*ast.ExprStmt)
			if !ok {
				t.Fatalf("last statement is %T", stmts[len(stmts)-1])
			}
			if got := info.Types[last.X].String(); got != tt.want {
				t.Errorf("%s: got %s, want %s", src, got, tt.want)
			}
		})
	}
}

// TestStrLen checks that Config.StrLen sizes str() and __data_loc strings.
func TestStrLen(t *testing.T) {
	src := `tracepoint:sched:sched_process_exec { @a = str(0); @b = args.filename; }`
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatal(err)
	}
	info, err := types.Check(prog, &types.Config{Env: testenv.New(), StrLen: 128})
	if err != nil {
		t.Fatal(diag.Render(err, src))
	}
	for _, name := range []string{"@a", "@b"} {
		if got := info.Maps[name].Value.String(); got != "string[128]" {
			t.Errorf("%s is %s, want string[128]", name, got)
		}
	}
}

// TestMapTypes checks the key and value types maps get from their first
// use, over the whole program.
func TestMapTypes(t *testing.T) {
	src := `
interval:s:1 { print(@opens); printf("%d\n", @last); }
tracepoint:syscalls:sys_enter_openat { @opens[comm, pid] = count(); @last = args.flags; }
tracepoint:syscalls:sys_exit_read { @bytes = hist(args.ret); @lin[tid] = lhist(args.ret, 0, 100, 10); }
BEGIN { @name[1] = "a"; @name[2] = comm; @n++; @sum = sum(-1); @max = max(pid); @st = stats(1); }
`
	info, err := checkSource(t, src)
	if err != nil {
		t.Fatal(diag.Render(err, src))
	}
	want := map[string]string{
		"@opens": "[(string[16],uint64)] count_t",
		"@last":  "int64",
		"@bytes": "hist_t",
		"@lin":   "[uint64] lhist_t",
		"@name":  "[int64] string[16]",
		"@n":     "int64",
		"@sum":   "sum_t",
		"@max":   "max_t",
		"@st":    "stats_t",
	}
	if len(info.Maps) != len(want) {
		t.Errorf("got %d maps, want %d", len(info.Maps), len(want))
	}
	for name, w := range want {
		m := info.Maps[name]
		if m == nil {
			t.Errorf("no map %s", name)
			continue
		}
		got := m.Value.String()
		if m.Key != nil {
			got = "[" + m.Key.String() + "] " + got
		}
		if got != w {
			t.Errorf("%s: got %s, want %s", name, got, w)
		}
	}
	if lh := info.Maps["@lin"].Value.LHist; lh != (types.LHistParams{Min: 0, Max: 100, Step: 10}) {
		t.Errorf("@lin params %+v", lh)
	}
	if !info.Maps["@sum"].Value.Signed || info.Maps["@max"].Value.Signed {
		t.Errorf("sum signed %v, max signed %v; want true, false",
			info.Maps["@sum"].Value.Signed, info.Maps["@max"].Value.Signed)
	}
}

// TestVariables checks that every occurrence of a variable maps to the
// right Variable, with let scopes making distinct variables.
func TestVariables(t *testing.T) {
	src := `BEGIN {
  $a = 1;
  if ($a) { let $b = comm; $a = 2; } else { let $b = 3; print($b); }
  $a++;
}
END { $a = "x"; }`
	info, err := checkSource(t, src)
	if err != nil {
		t.Fatal(diag.Render(err, src))
	}
	byName := map[string]map[*types.Variable]int{}
	for occ, v := range info.Vars {
		if occ.Name != v.Name {
			t.Errorf("occurrence %s maps to variable %s", occ.Name, v.Name)
		}
		if byName[v.Name] == nil {
			byName[v.Name] = map[*types.Variable]int{}
		}
		byName[v.Name][v]++
	}
	// $a: one in BEGIN (4 occurrences), one in END (1). $b: two lets.
	var got []string
	for _, name := range []string{"$a", "$b"} {
		var counts []string
		for v, n := range byName[name] {
			counts = append(counts, fmt.Sprintf("%s@%d:%d=%d", v.Type, v.Pos.Line, v.Pos.Col, n))
		}
		sortStrings(counts)
		got = append(got, name+" "+strings.Join(counts, " "))
	}
	want := []string{
		"$a int64@2:3=4 string[2]@6:7=1",
		"$b int64@3:49=2 string[16]@3:17=1",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got[i], want[i])
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestNoEnv checks that tracepoints without an Env are an error, not a
// crash, and that a nil Config is accepted.
func TestNoEnv(t *testing.T) {
	src := `tracepoint:syscalls:sys_enter_openat { @ = args.dfd; } BEGIN { @x = $1; }`
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatal(err)
	}
	info, err := types.Check(prog, nil)
	if info == nil {
		t.Fatal("no Info")
	}
	want := "stdin:1:1: error: cannot resolve tracepoint:syscalls:sys_enter_openat: no tracing environment"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if got := info.Maps["@x"].Value.String(); got != "int64" {
		t.Errorf("missing $1 is %s, want int64", got)
	}
}

func TestParamInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"42", 42, true},
		{"-7", -7, true},
		{"0x10", 16, true},
		{"0X1f", 31, true},
		{"-0x10", -16, true},
		{"9223372036854775807", 9223372036854775807, true},
		{"9223372036854775808", 0, false},
		{"-9223372036854775808", -9223372036854775808, true},
		{"", 0, false},
		{"-", 0, false},
		{"0x", 0, false},
		{"1_000", 0, false},
		{"12a", 0, false},
		{"hello", 0, false},
		{"+5", 0, false},
	}
	for _, tt := range tests {
		got, ok := types.ParamInt(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParamInt(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
