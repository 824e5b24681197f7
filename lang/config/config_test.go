package config

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
)

func resolve(t *testing.T, block string, env map[string]string) (*Settings, error) {
	t.Helper()
	src := block + "\nBEGIN {}"
	prog, err := parser.Parse("s.bt", src)
	if err != nil {
		t.Fatalf("parse: %s", diag.Render(err, src))
	}
	return Resolve(prog.Config, func(k string) string { return env[k] }, 64)
}

func TestDefaults(t *testing.T) {
	s, err := resolve(t, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.MaxMapKeys != 4096 || s.MaxProbes != 1024 || s.MaxStrLen != 64 || s.MissingProbes != "error" ||
		!s.PrintMapsOnExit || s.License != "GPL" || s.StackMode != "bpftrace" || s.StrTruncTrailer != ".." ||
		s.LogSize != 1000000 || s.MaxCatBytes != 10240 || s.OnStackLimit != 32 || s.PerfRBPages != 0 ||
		s.Unstable["unstable_tseries"] != "warn" || len(s.Set) != 0 {
		t.Errorf("defaults: %+v", s)
	}
}

func TestValues(t *testing.T) {
	s, err := resolve(t, `config = {
		max_map_keys = 2; BPFTRACE_MAX_STRLEN = 128; STACK_MODE = perf; print_maps_on_exit = false;
		license = "Dual BSD/GPL"; missing_probes = "warn"; cpp_demangle = 0; cache_user_symbols = per_pid;
		unstable_tseries = enable; str_trunc_trailer = ""; perf_rb_pages = 16;
	}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.MaxMapKeys != 2 || s.MaxStrLen != 128 || s.StackMode != "perf" || s.PrintMapsOnExit ||
		s.License != "Dual BSD/GPL" || s.MissingProbes != "warn" || s.CppDemangle || s.CacheUserSymbols != "PER_PID" ||
		s.Unstable["unstable_tseries"] != "enable" || s.StrTruncTrailer != "" || s.PerfRBPages != 16 {
		t.Errorf("settings: %+v", s)
	}
	if !s.Set["max_strlen"] || s.Set["max_probes"] {
		t.Errorf("Set: %v", s.Set)
	}
}

func TestEnvironmentWins(t *testing.T) {
	s, err := resolve(t, "config = { max_map_keys = 2; max_probes = 5 }", map[string]string{
		"BPFTRACE_MAX_MAP_KEYS": "100", "BPFTRACE_PRINT_MAPS_ON_EXIT": "0", "BPFTRACE_STACK_MODE": "raw",
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.MaxMapKeys != 100 || s.MaxProbes != 5 || s.PrintMapsOnExit || s.StackMode != "raw" {
		t.Errorf("settings: %+v", s)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ block, want string }{
		{"config = { max_map_key = 1 }",
			"s.bt:1:12: error: unknown config variable max_map_key: did you mean max_map_keys?\nconfig = { max_map_key = 1 }\n           ^~~~~~~~~~~\n"},
		{"config = { frobnicate = 1 }",
			"s.bt:1:12: error: unknown config variable frobnicate\nconfig = { frobnicate = 1 }\n           ^~~~~~~~~~\n"},
		{"config = { max_map_keys = \"many\" }",
			"s.bt:1:27: error: config variable max_map_keys: expected an integer\nconfig = { max_map_keys = \"many\" }\n                          ^~~~~~\n"},
		{"config = { max_map_keys = 0 }",
			"s.bt:1:27: error: config variable max_map_keys: must be at least 1, not 0\nconfig = { max_map_keys = 0 }\n                          ^\n"},
		{"config = { max_strlen = 9223372036854775807 }",
			"s.bt:1:25: error: config variable max_strlen: must be at most 2147483647, not 9223372036854775807\nconfig = { max_strlen = 9223372036854775807 }\n                        ^~~~~~~~~~~~~~~~~~~\n"},
		{"config = { print_maps_on_exit = 2 }",
			"s.bt:1:33: error: config variable print_maps_on_exit: expected a boolean (true or false)\nconfig = { print_maps_on_exit = 2 }\n                                ^\n"},
		{"config = { missing_probes = fail }",
			"s.bt:1:29: error: config variable missing_probes: expected one of error, warn, ignore\nconfig = { missing_probes = fail }\n                            ^~~~\n"},
		{"config = { license = GPL }",
			"s.bt:1:22: error: config variable license: expected a string\nconfig = { license = GPL }\n                     ^~~\n"},
		{"config = { max_probes = 1; MAX_PROBES = 2 }",
			"s.bt:1:28: error: config variable max_probes is set twice (first at s.bt:1:12)\nconfig = { max_probes = 1; MAX_PROBES = 2 }\n                           ^~~~~~~~~~\n"},
	}
	for _, tt := range tests {
		_, err := resolve(t, tt.block, nil)
		if err == nil {
			t.Errorf("%s: no error", tt.block)
			continue
		}
		if got := diag.Render(err, tt.block+"\nBEGIN {}"); got != tt.want {
			t.Errorf("got\n%s\nwant\n%s", got, tt.want)
		}
	}
}

func TestEnvironmentErrors(t *testing.T) {
	for env, want := range map[string]string{
		"BPFTRACE_MAX_MAP_KEYS":   "environment variable BPFTRACE_MAX_MAP_KEYS=lots: expected an integer",
		"BPFTRACE_CPP_DEMANGLE":   "environment variable BPFTRACE_CPP_DEMANGLE=lots: expected a boolean (true or false)",
		"BPFTRACE_MISSING_PROBES": "environment variable BPFTRACE_MISSING_PROBES=lots: expected one of error, warn, ignore",
	} {
		_, err := resolve(t, "", map[string]string{env: "lots"})
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", env, err, want)
		}
	}
}

func TestNames(t *testing.T) {
	if got := strings.Join(Names()[:3], ","); got != "cache_user_symbols,cpp_demangle,lazy_symbolication" {
		t.Errorf("Names: %s", got)
	}
}

// TestSettingsValues checks that Values gives every variable, in table
// order, with the value Resolve set.
func TestSettingsValues(t *testing.T) {
	s, err := resolve(t, `config = { max_strlen = 100; stack_mode = perf; cpp_demangle = false; unstable_macro = enable }`, nil)
	if err != nil {
		t.Fatal(err)
	}
	vals := s.Values()
	if len(vals) != len(Vars) {
		t.Fatalf("%d values for %d variables", len(vals), len(Vars))
	}
	got := map[string]any{}
	for i, v := range vals {
		if v.Name != Vars[i].name {
			t.Errorf("value %d is %s, want %s", i, v.Name, Vars[i].name)
		}
		got[v.Name] = v.V
	}
	want := map[string]any{"max_strlen": int64(100), "stack_mode": "perf", "cpp_demangle": false,
		"unstable_macro": "enable", "license": "GPL", "max_map_keys": int64(4096)}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s = %v (%T), want %v (%T)", name, got[name], got[name], w, w)
		}
	}
}
