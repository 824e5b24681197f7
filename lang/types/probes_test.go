package types_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestAttachPoints checks how specs resolve: aliases, wildcards, rates.
func TestAttachPoints(t *testing.T) {
	tests := []struct {
		specs string
		want  []string // kind name [period|freq]
	}{
		{"BEGIN", []string{"begin BEGIN"}},
		{"begin", []string{"begin begin"}},
		{"END", []string{"end END"}},
		{"end", []string{"end end"}},
		{"tracepoint:syscalls:sys_enter_openat", []string{"tracepoint tracepoint:syscalls:sys_enter_openat"}},
		{"t:sched:sched_switch", []string{"tracepoint tracepoint:sched:sched_switch"}},
		{"t:syscalls:sys_enter_open*", []string{
			"tracepoint tracepoint:syscalls:sys_enter_open",
			"tracepoint tracepoint:syscalls:sys_enter_openat",
			"tracepoint tracepoint:syscalls:sys_enter_openat2",
		}},
		{"t:*:sys_enter", []string{"tracepoint tracepoint:raw_syscalls:sys_enter"}},
		{"t:syscalls:sys_e?it_read", []string{"tracepoint tracepoint:syscalls:sys_exit_read"}},
		// A tracepoint named twice is attached once.
		{"t:syscalls:sys_enter_openat, t:syscalls:sys_enter_openat*", []string{
			"tracepoint tracepoint:syscalls:sys_enter_openat",
			"tracepoint tracepoint:syscalls:sys_enter_openat2",
		}},
		{"interval:s:1", []string{"interval interval:s:1 period=1000000000"}},
		{"i:ms:10", []string{"interval interval:ms:10 period=10000000"}},
		{"interval:us:500", []string{"interval interval:us:500 period=500000"}},
		{"interval:hz:2", []string{"interval interval:hz:2 freq=2"}},
		{"interval:1s", []string{"interval interval:1s period=1000000000"}},
		{"interval:250ms", []string{"interval interval:250ms period=250000000"}},
		{"interval:1000", []string{"interval interval:1000 period=1000"}},
		{"interval:100ns", []string{"interval interval:100ns period=100"}},
		{"profile:hz:99", []string{"profile profile:hz:99 freq=99"}},
		{"p:ms:5", []string{"profile profile:ms:5 period=5000000"}},
		{"profile:10us", []string{"profile profile:10us period=10000"}},
		{"BEGIN, interval:s:2", []string{"begin BEGIN", "interval interval:s:2 period=2000000000"}},
	}
	for _, tt := range tests {
		t.Run(tt.specs, func(t *testing.T) {
			src := tt.specs + " { }"
			info, err := checkSource(t, src)
			if err != nil {
				t.Fatal(diag.Render(err, src))
			}
			if len(info.Probes) != 1 {
				t.Fatalf("got %d probes", len(info.Probes))
			}
			var got []string
			for _, a := range info.Probes[0].Attach {
				s := a.Kind.String() + " " + a.Name
				switch {
				case a.Freq != 0:
					s += fmt.Sprintf(" freq=%d", a.Freq)
				case a.PeriodNS != 0:
					s += fmt.Sprintf(" period=%d", a.PeriodNS)
				}
				if a.Spec == nil {
					t.Errorf("%s has no Spec", a.Name)
				}
				if a.Args != nil {
					// The block does not use args: no format is read.
					t.Errorf("%s: Args %v for a block without args", a.Name, a.Args)
				}
				if a.Kind == types.TracepointProbe && "tracepoint:"+a.Group+":"+a.Event != a.Name {
					t.Errorf("%s: group %q event %q", a.Name, a.Group, a.Event)
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// countingEnv counts the questions a check asks its environment.
type countingEnv struct {
	types.Env
	expansions, formats map[string]int // by "group:event"
}

func (e *countingEnv) Tracepoints(group, event string) ([]string, error) {
	e.expansions[group+":"+event]++
	return e.Env.Tracepoints(group, event)
}

func (e *countingEnv) TracepointFormat(group, event string) (*types.TracepointFormat, error) {
	e.formats[group+":"+event]++
	return e.Env.TracepointFormat(group, event)
}

// TestEnvAskedOnce checks that a Check asks the environment each question
// once, although the checker runs over the program twice: on the real
// tracefs every question is a stat, a listing or a file read.
func TestEnvAskedOnce(t *testing.T) {
	tests := []struct {
		name           string
		src            string
		env            types.Env
		expansions     int // distinct patterns, each asked once
		formats        int // distinct tracepoints whose format is read once
		wantCheckError bool
	}{
		{"plain names", "t:syscalls:sys_enter_read { @[probe] = count(); }\nt:syscalls:sys_exit_read { @[probe] = count(); }", nil, 2, 0, false},
		{"same spec twice", "t:syscalls:sys_enter_read { @a = count(); }\nt:syscalls:sys_enter_read { @b = count(); }", nil, 1, 0, false},
		{"wildcard with args", "t:syscalls:sys_enter_open* { @f = args.filename; }", nil, 1, 3, false},
		{"args in two blocks", "t:syscalls:sys_exit_read { @a = args.ret; }\nt:syscalls:sys_exit_read { @b = args.ret; }", nil, 1, 1, false},
		// The error lists the group, for its suggestion.
		{"missing tracepoint", "t:syscalls:sys_enter_nothing { }", nil, 2, 0, true},
		{"unreadable tracefs", "t:sched:sched_switch { }\nt:sched:sched_switch { }", deniedEnv{}, 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inner := tt.env
			if inner == nil {
				inner = testenv.New()
			}
			env := &countingEnv{Env: inner, expansions: map[string]int{}, formats: map[string]int{}}
			prog, err := parser.Parse("", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			_, err = types.Check(prog, &types.Config{Env: env})
			if (err != nil) != tt.wantCheckError {
				t.Fatalf("Check error %v, want error %v", err, tt.wantCheckError)
			}
			for what, counts := range map[string]map[string]int{"expanded": env.expansions, "format read": env.formats} {
				for key, n := range counts {
					if n != 1 {
						t.Errorf("%s %s %d times, want once", key, what, n)
					}
				}
			}
			if len(env.expansions) != tt.expansions || len(env.formats) != tt.formats {
				t.Errorf("%d patterns expanded and %d formats read, want %d and %d", len(env.expansions), len(env.formats), tt.expansions, tt.formats)
			}
		})
	}
}

// TestTracepointRecord checks how format field declarations become types.
func TestTracepointRecord(t *testing.T) {
	fields := []struct {
		decl           string
		offset, size   int
		signed         bool
		name, typ      string
		dataLoc        bool
		pointerToSpace string
	}{
		{"int dfd", 16, 8, false, "dfd", "int32", false, ""},
		{"int __syscall_nr", 8, 4, true, "__syscall_nr", "int32", false, ""},
		{"const char * filename", 24, 8, false, "filename", "int8 *", false, "user"},
		{"const char *const * argv", 32, 8, false, "argv", "int8 * *", false, "user"},
		{"char comm[16]", 40, 16, false, "comm", "string[16]", false, ""},
		{"unsigned long args[6]", 56, 48, false, "args", "uint64[6]", false, ""},
		{"__data_loc char[] name", 104, 4, false, "name", "string[1024]", true, ""},
		{"pid_t pid", 108, 4, true, "pid", "int32", false, ""},
		{"u64 x", 112, 8, false, "x", "uint64", false, ""},
		{"size_t count", 120, 8, false, "count", "uint64", false, ""},
		{"umode_t mode", 128, 2, false, "mode", "uint16", false, ""},
		{"bool b", 130, 1, false, "b", "uint8", false, ""},
		{"long ret", 136, 8, true, "ret", "int64", false, ""},
		{"unsigned int flags", 144, 4, false, "flags", "uint32", false, ""},
		{"struct open_how * how", 152, 8, false, "how", "struct open_how *", false, "user"},
		{"void * buf", 160, 8, false, "buf", "none *", false, "user"},
		{"u32 vals[4]", 168, 16, false, "vals", "uint32[4]", false, ""},
		{"u8 data[0]", 184, 0, false, "data", "uint8[0]", false, ""},
	}
	format := &types.TracepointFormat{Group: "syscalls", Event: "sys_enter_test"}
	for _, f := range fields {
		format.Fields = append(format.Fields, types.FormatField{Decl: f.decl, Offset: f.offset, Size: f.size, Signed: f.signed})
	}
	rec := types.TracepointRecord(format, 0)
	if rec.Kind != types.Record || rec.Name != "sys_enter_test" || rec.Size != 184 {
		t.Fatalf("record %s kind %d size %d", rec, rec.Kind, rec.Size)
	}
	if len(rec.Fields) != len(fields) {
		t.Fatalf("got %d fields, want %d", len(rec.Fields), len(fields))
	}
	for i, f := range fields {
		got := rec.Fields[i]
		if got.Name != f.name || got.Type.String() != f.typ || got.Offset != f.offset || got.DataLoc != f.dataLoc {
			t.Errorf("%q: got %s %s at %d dataloc %v; want %s %s at %d dataloc %v",
				f.decl, got.Name, got.Type, got.Offset, got.DataLoc, f.name, f.typ, f.offset, f.dataLoc)
		}
		if f.pointerToSpace != "" && got.Type.Space.String() != f.pointerToSpace {
			t.Errorf("%q: space %s, want %s", f.decl, got.Type.Space, f.pointerToSpace)
		}
	}

	// Outside the syscalls group pointers are kernel pointers.
	format.Group = "sched"
	rec = types.TracepointRecord(format, 32)
	if f, _ := rec.Field("filename"); f.Type.Space != types.Kernel {
		t.Errorf("sched pointer space %s, want kernel", f.Type.Space)
	}
	if f, _ := rec.Field("name"); f.Type.String() != "string[32]" {
		t.Errorf("__data_loc with StrLen 32 is %s", f.Type)
	}
}
