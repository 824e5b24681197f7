package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// End-to-end tests of config blocks and the BPFTRACE_* environment
// variables that set the same variables.

// runEnv runs bpfscript with args and env added to the environment.
func runEnv(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return wait(t, cmd, &out, &errb)
}

const threeKeys = `BEGIN { @x[1] = 1; @x[2] = 2; @x[3] = 3; printf("%d\n", len(@x)); exit(); }`

func TestConfigMaxMapKeys(t *testing.T) {
	r := run(t, "", "-e", "config = { max_map_keys = 2 }\n"+threeKeys)
	expect(t, r, "2\n\n\n@x[1]: 1\n@x[2]: 2\n", 0)
	// The environment variable wins over the block, as in bpftrace.
	r = runEnv(t, []string{"BPFTRACE_MAX_MAP_KEYS=3"}, "-e", "config = { max_map_keys = 2 }\n"+threeKeys)
	expect(t, r, "3\n\n\n@x[1]: 1\n@x[2]: 2\n@x[3]: 3\n", 0)
	r = runEnv(t, []string{"BPFTRACE_MAX_MAP_KEYS=1"}, "-e", threeKeys)
	expect(t, r, "1\n\n\n@x[1]: 1\n", 0)
}

func TestConfigPrintMapsOnExit(t *testing.T) {
	r := run(t, "", "-e", "config = { print_maps_on_exit = false; }\n"+threeKeys)
	expect(t, r, "3\n", 0)
	r = runEnv(t, []string{"BPFTRACE_PRINT_MAPS_ON_EXIT=0"}, "-e", threeKeys)
	expect(t, r, "3\n", 0)
}

func TestConfigMaxStrlen(t *testing.T) {
	path := tempFile(t, 10)
	r := runWithLoad(t, "config = { BPFTRACE_MAX_STRLEN = 8 }\ntracepoint:syscalls:sys_enter_openat /pid == $1/ { @[str(args.filename)] = count(); }", "open 3 "+path)
	// Seven bytes and the NUL fill the string: cut short, it gets the
	// str_trunc_trailer, "..".
	expect(t, r, "\n\n@["+path[:7]+"..]: 3\n", 0)
	r = runWithLoad(t, "config = { max_strlen = 8; str_trunc_trailer = \"~\" }\ntracepoint:syscalls:sys_enter_openat /pid == $1/ { @[str(args.filename)] = count(); }", "open 2 "+path)
	expect(t, r, "\n\n@["+path[:7]+"~]: 2\n", 0)
}

func TestConfigLicenseAndLogSize(t *testing.T) {
	r := run(t, "", "-e", `config = { license = "Dual MIT/GPL"; log_size = 4096; stack_mode = perf; unstable_tseries = enable }
BEGIN { printf("ok\n"); exit(); }`)
	expect(t, r, "ok\n", 0)
}

func TestConfigMissingProbes(t *testing.T) {
	// The kernel refuses a sampling rate that high: the probe cannot attach.
	const script = `profile:hz:1000000000 { @ = count(); }
interval:ms:10 { printf("ran\n"); exit(); }`
	r := run(t, "", "-e", "config = { missing_probes = warn }\n"+script)
	expect(t, r, "ran\n", 0)
	if !strings.Contains(r.stderr, "WARNING: profile:hz:1000000000 is not attached: ") || !strings.Contains(r.stderr, "Attached 1 probe\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = run(t, "", "-e", "config = { missing_probes = ignore }\n"+script)
	expect(t, r, "ran\n", 0)
	if r.stderr != "Attached 1 probe\n" {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = run(t, "", "-e", script)
	if r.code != 1 || !strings.Contains(r.stderr, "attaching profile:hz:1000000000") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, src string
		env       []string
		stderr    string
	}{
		{"unknown variable", "config = { max_map_key = 2 }\nBEGIN { exit(); }", nil,
			"stdin:1:12: error: unknown config variable max_map_key: did you mean max_map_keys?\nconfig = { max_map_key = 2 }\n           ^~~~~~~~~~~\n"},
		{"bad value type", "config = {\n  print_maps_on_exit = \"no\";\n}\nBEGIN { exit(); }", nil,
			"stdin:2:24: error: config variable print_maps_on_exit: expected a boolean (true or false)\n  print_maps_on_exit = \"no\";\n                       ^~~~\n"},
		{"bad enum value", "config = { missing_probes = sometimes }\nBEGIN { exit(); }", nil,
			"stdin:1:29: error: config variable missing_probes: expected one of error, warn, ignore\nconfig = { missing_probes = sometimes }\n                            ^~~~~~~~~\n"},
		{"bad environment variable", "BEGIN { exit(); }", []string{"BPFTRACE_MAX_PROBES=many"},
			"bpfscript: environment variable BPFTRACE_MAX_PROBES=many: expected an integer\n"},
		{"too many probes", "config = { max_probes = 1 }\ntracepoint:syscalls:sys_enter_openat { }\ntracepoint:syscalls:sys_enter_close { }", nil,
			"stdin:3:1: error: the program attaches to 2 probes, more than max_probes (1): raise it with config = { max_probes = 2 } or BPFTRACE_MAX_PROBES, with care: many probes slow the system down\ntracepoint:syscalls:sys_enter_close { }\n^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runEnv(t, tt.env, "-e", tt.src)
			if r.code != 1 || r.stdout != "" || r.stderr != tt.stderr {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", r.code, r.stdout, r.stderr, tt.stderr)
			}
		})
	}
}

func TestConfigBuiltin(t *testing.T) {
	r := run(t, "", "-e", `config = { max_strlen = 100; stack_mode = perf }
BEGIN { printf("max_strlen: %d, stack_mode: %s\n", config.max_strlen, config.stack_mode);
  print(config().license); print(config.cpp_demangle); print(default_str_length); print(default_str_length());
  $c = config; print($c.max_cat_bytes); exit(); }`)
	expect(t, r, "max_strlen: 100, stack_mode: perf\nGPL\ntrue\n100\n100\n10240\n", 0)
	// The environment's value, which wins over the block, is the one
	// config holds.
	r = runEnv(t, []string{"BPFTRACE_MAX_MAP_KEYS=7"}, "-e", `config = { max_map_keys = 2 }
BEGIN { print(config.max_map_keys); print(config.print_maps_on_exit); exit(); }`)
	expect(t, r, "7\ntrue\n", 0)
	// The whole record prints as records do.
	r = run(t, "", "-e", `config = { max_strlen = 64; license = "Dual MIT/GPL" } BEGIN { print(config); exit(); }`)
	expect(t, r, "{ .cache_user_symbols = , .cpp_demangle = true, .lazy_symbolication = false, .license = Dual MIT/GPL, "+
		".log_size = 1000000, .max_bpf_progs = 1024, .max_cat_bytes = 10240, .max_map_keys = 4096, .max_probes = 1024, "+
		".max_strlen = 64, .missing_probes = error, .on_stack_limit = 32, .perf_rb_pages = 0, .show_debug_info = true, "+
		".stack_mode = bpftrace, .str_trunc_trailer = .., .print_maps_on_exit = true, .unstable_tseries = warn, "+
		".unstable_dw_ustack = warn, .unstable_macro = warn, .unstable_map_decl = warn, .unstable_import = warn }\n", 0)
}

func TestConfigBuiltinErrors(t *testing.T) {
	r := run(t, "", "-e", `BEGIN { print(config.max_strln); }`)
	want := `stdin:1:22: error: config has no variable 'max_strln': did you mean 'max_strlen'?
BEGIN { print(config.max_strln); }
                     ^~~~~~~~~
`
	if r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", r.code, r.stdout, r.stderr, want)
	}
	r = run(t, "", "-e", `BEGIN { print(config(1)); }`)
	if r.code != 1 || !strings.HasPrefix(r.stderr, "stdin:1:15: error: config() takes no arguments\n") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
