package types

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/config"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// foldSource checks `BEGIN { $v = expr; }` (after the given config block)
// and folds expr as the checker left it.
func foldSource(t *testing.T, configBlock, expr string) folded {
	t.Helper()
	src := configBlock + "BEGIN { $v = " + expr + "; }"
	prog, err := parser.Parse("", src)
	if err != nil {
		t.Fatalf("parse error:\n%s", diag.Render(err, src))
	}
	settings, err := config.Resolve(prog.Config, nil, DefaultStrLen)
	if err != nil {
		t.Fatal(err)
	}
	conf := &Config{Params: []string{"42", "hello", "-7"}, Settings: settings, StrLen: settings.MaxStrLen}
	c := newChecker(conf, &sharedFacts{
		expansions: map[string]expansion{},
		records:    map[string]*tracepointResult{},
		argsUsed:   map[*ast.Probe]bool{},
		cgroupIDs:  map[string]cgroupIDResult{},
		resolved:   map[*ast.Probe]resolution{},
	}, nil, false)
	c.program(prog)
	if len(c.errs) > 0 {
		t.Fatalf("%s:\n%s", expr, diag.Render(c.errs, src))
	}
	return c.fold(prog.Probes[0].Body.Stmts[0].(*ast.AssignStmt).RHS)
}

func TestFold(t *testing.T) {
	const minInt64 = -9223372036854775808
	tests := []struct {
		expr   string
		want   int64 // the bits, as int64
		signed bool
	}{
		{"2*3", 6, true},
		{"(1 + 2) * (3 + 4)", 21, true},
		{"10 - 20", -10, true},
		{"-7 / 2", -3, true}, // truncated toward zero, as BPF and C
		{"-7 % 2", -1, true},
		{"7 % -2", 1, true},
		{"1 << 62", 1 << 62, true},
		{"-16 >> 2", -4, true},                  // arithmetic on signed values
		{"0xffffffffffffffff >> 60", 15, false}, // logical on unsigned ones
		{"~0", -1, true},
		{"0xff & 0x0f | 0x100 ^ 1", 0x10f, true}, // & before ^ before |, as in C
		{"1 + 1 == 2", 1, false},
		{"3 < 2 || 4 >= 4", 1, false},
		{"1 && 0", 0, false},
		{"!0", 1, false},
		{"!5", 0, false},
		{"true && !false", 1, false},
		{"-1 < 0", 1, false},
		{"2 > 1 ? 10 : 20", 10, true},
		{"0 ? 10 : 20", 20, true},
		{"0 ?: 7", 7, true},
		{"$1 * 2", 84, true},
		{"$3 + 10", 3, true},
		{"$# + 1", 4, true},
		{"$9 + 1", 1, true}, // a parameter not given is 0
		{"-9223372036854775807 - 1", minInt64, true},
		{"-0x8000000000000000", minInt64, true},
		{"0xffffffffffffffff - 0xfffffffffffffff0", 15, true}, // subtraction is signed
		{"0x8000000000000000 / 2", 1 << 62, false},            // the literal is unsigned
		{"default_str_length + 1", 1025, false},
		{"is_str(\"a\") ? 5 : 6", 5, true},
	}
	for _, tt := range tests {
		f := foldSource(t, "", tt.expr)
		if !f.ok {
			msg := "not a constant"
			if f.err != nil {
				msg = f.err.Msg
			}
			t.Errorf("%s: %s", tt.expr, msg)
			continue
		}
		if int64(f.k.bits) != tt.want || f.k.signed != tt.signed {
			t.Errorf("%s = %d (signed %v), want %d (signed %v)", tt.expr, int64(f.k.bits), f.k.signed, tt.want, tt.signed)
		}
	}
}

func TestFoldConfig(t *testing.T) {
	f := foldSource(t, "config = { max_strlen = 100; max_map_keys = 3 }\n", "config.max_strlen * config.max_map_keys + default_str_length")
	if !f.ok || f.k.bits != 400 || f.k.signed {
		t.Errorf("got %+v, want unsigned 400", f)
	}
	f = foldSource(t, "", "config.print_maps_on_exit && !config.lazy_symbolication")
	if !f.ok || f.k.bits != 1 {
		t.Errorf("got %+v, want 1", f)
	}
}

func TestFoldNotConstant(t *testing.T) {
	tests := []struct {
		expr  string
		blame string // the source of the part that is not constant
		err   string // the error, when folding fails rather than meets a run-time value
	}{
		{"pid * 2", "pid", ""},
		{"1 + (2 * rand)", "rand", ""},
		{"$2", "$2", ""},
		{"cpid + 1", "cpid", ""},
		{"(uint8)300", "(uint8)300", ""},
		{"1 ? pid : 2", "pid", ""},
		{"0x7fffffffffffffff + 1", "0x7fffffffffffffff + 1",
			"overflow in a constant expression: 9223372036854775807 + 1 is 9223372036854775808, which does not fit int64"},
		{"0xffffffffffffffff * 2", "0xffffffffffffffff * 2",
			"overflow in a constant expression: 18446744073709551615 * 2 is 36893488147419103230, which does not fit uint64"},
		{"-9223372036854775807 - 2", "-9223372036854775807 - 2",
			"overflow in a constant expression: -9223372036854775807 - 2 is -9223372036854775809, which does not fit int64"},
		{"(-9223372036854775807 - 1) / -1", "(-9223372036854775807 - 1) / -1",
			"overflow in a constant expression: -9223372036854775808 / -1 does not fit int64"},
		{"1 % (2 - 2)", "1 % (2 - 2)", "division by zero in a constant expression"},
		{"1 << 64", "64", "shift count 64 is out of range: it must be from 0 to 63"},
		{"1 >> -1", "-1", "shift count -1 is out of range: it must be from 0 to 63"},
	}
	for _, tt := range tests {
		f := foldSource(t, "", tt.expr)
		if f.ok {
			t.Errorf("%s folded to %d", tt.expr, int64(f.k.bits))
			continue
		}
		src := "BEGIN { $v = " + tt.expr + "; }"
		span := f.blame.(interface{ End() ast.Pos })
		got := src[f.blame.Pos().Offset:span.End().Offset]
		if got != tt.blame {
			t.Errorf("%s: blames %q, want %q", tt.expr, got, tt.blame)
		}
		var msg string
		if f.err != nil {
			msg = f.err.Msg
		}
		if msg != tt.err {
			t.Errorf("%s: error %q, want %q", tt.expr, msg, tt.err)
		}
	}
}
