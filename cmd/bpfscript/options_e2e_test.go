package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOptionsThroughBinary runs command lines that differ only in how
// the options are spelled and placed, and expects the same run.
func TestOptionsThroughBinary(t *testing.T) {
	prog := `BEGIN { printf("%s %d\n", str($1), $2); exit(); }`
	tests := []struct {
		name string
		args []string
		want string // stdout; stderr is empty: every one is quiet
	}{
		{"combined", []string{"-qe", prog, "hi", "-7"}, "hi -7\n"},
		{"long quiet after the parameters", []string{"-e", prog, "hi", "5", "--quiet"}, "hi 5\n"},
		{"interleaved", []string{"-e", prog, "hi", "-q", "-7"}, "hi -7\n"},
		{"double dash", []string{"-q", "-e", prog, "--", "-q", "3"}, "-q 3\n"},
		{"abbreviated", []string{"--qui", "-e", prog, "x", "1"}, "x 1\n"},
		{"value stuck on", []string{"-q", "-e" + prog, "y", "2"}, "y 2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", tt.args...)
			expect(t, r, tt.want, 0)
			if r.stderr != "" {
				t.Errorf("stderr: %q", r.stderr)
			}
		})
	}
}

// TestOptionErrorsThroughBinary: a bad command line is one line on
// stderr, not the usage text, and exit status 1.
func TestOptionErrorsThroughBinary(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--dryrun", "-e", "BEGIN {}"}, "bpfscript: unknown option '--dryrun': did you mean '--dry-run'?\n"},
		{[]string{"-e", "BEGIN {}", "--quite"}, "bpfscript: unknown option '--quite': did you mean '--quiet'?\n"},
		{[]string{"-B", "ful", "-e", "BEGIN {}"}, "bpfscript: invalid -B mode \"ful\": use none, line or full: did you mean 'full'?\n"},
		{[]string{"-f", "yaml", "-e", "BEGIN {}"}, "bpfscript: invalid output format \"yaml\": use json or text\n"},
		{[]string{"-l"}, "bpfscript: -l (listing probes) is not supported yet\n"},
		{[]string{"-e"}, "bpfscript: option '-e' needs a value\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := run(t, "", tt.args...)
			if r.code != 1 || r.stdout != "" || r.stderr != tt.want {
				t.Errorf("code %d, stdout %q, stderr %q; want code 1 and stderr %q", r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}
	r := run(t, "", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "--no-warnings") || r.stderr != "" {
		t.Errorf("--help: %+v", r)
	}
}

// TestBuffering watches the output file of a running program that
// printed a line and the start of another: -B none writes both at once,
// -B line the complete line, -B full nothing until the end. All of it is
// there once the run ends.
func TestBuffering(t *testing.T) {
	tests := []struct {
		mode   string // "" for no -B
		during string
	}{
		{"", "line\npartial"},
		{"none", "line\npartial"},
		{"line", "line\n"},
		{"full", ""},
	}
	for _, tt := range tests {
		t.Run("mode "+tt.mode, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"-o", out, "-e", `BEGIN { printf("line\npartial"); } interval:s:30 { exit(); }`}
			if tt.mode != "" {
				args = append(args, "-B", tt.mode)
			}
			s := startRun(t, args...)
			// The begin probe has run; give its output time to reach
			// the file, then look.
			got := ""
			for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				data, _ := os.ReadFile(out)
				if got = string(data); got == tt.during && tt.during != "" {
					break
				}
			}
			if got != tt.during {
				t.Errorf("while running, the file holds %q, want %q", got, tt.during)
			}
			r := s.stop(syscall.SIGINT)
			data, _ := os.ReadFile(out)
			if r.code != 0 || string(data) != "line\npartial" {
				t.Errorf("after the run (code %d), the file holds %q; stderr:\n%s", r.code, data, r.stderr)
			}
		})
	}
}

// TestNoWarnings fills a map, as TestFullMapReported does, with
// --no-warnings (among the parameters, as options may be): no warning.
func TestNoWarnings(t *testing.T) {
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @keys[rand] = count(); }`, "getppid 1 20000", "--no-warnings")
	if strings.Contains(r.stderr, "WARNING") || r.code != 0 {
		t.Errorf("code %d, stderr:\n%s", r.code, r.stderr)
	}
	if n := strings.Count(r.stdout, "@keys["); n != 4096 {
		t.Errorf("printed %d entries, want 4096", n)
	}
}

// TestNoProgramWarnings: --no-warnings also silences the warnings a
// program prints about itself (warnf, a delete() of a missing key), as in
// bpftrace; errorf stays.
func TestNoProgramWarnings(t *testing.T) {
	prog := `begin { @x[2] = 1; delete(@x, 1); warnf("w %d", 1); errorf("e %d", 2); exit(); }`
	r := run(t, "", "-q", "-e", prog)
	if !strings.Contains(r.stderr, "WARNING: Can't delete map element") || !strings.Contains(r.stderr, "WARNING: w 1") {
		t.Errorf("without --no-warnings, stderr:\n%s", r.stderr)
	}
	r = run(t, "", "-q", "--no-warnings", "-e", prog)
	if strings.Contains(r.stderr, "WARNING") || !strings.Contains(r.stderr, "ERROR: e 2") || r.stdout != "\n\n@x[2]: 1\n" {
		t.Errorf("with --no-warnings, code %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestAcceptedOptions: the options that change nothing today (-k, -b,
// --unsafe, -I and --include with nothing to include) leave a run as it
// is.
func TestAcceptedOptions(t *testing.T) {
	r := run(t, "", "-kb", "--btf", "--unsafe", "-I", t.TempDir(), "-q", "-e", `BEGIN { printf("ok\n"); exit(); }`)
	expect(t, r, "ok\n", 0)
}

// TestDumpStages: -d takes lists and all, and heads each stage when there
// are several.
func TestDumpStages(t *testing.T) {
	prog := `tracepoint:syscalls:sys_enter_getppid { @ = count(); }`
	r := run(t, "", "-d", "all", "-e", prog)
	if r.code != 0 {
		t.Fatalf("-d all: code %d, stderr:\n%s", r.code, r.stderr)
	}
	var headers []string
	for _, m := range regexp.MustCompile(`(?m)^=== (\w+) ===$`).FindAllStringSubmatch(r.stdout, -1) {
		headers = append(headers, m[1])
	}
	if strings.Join(headers, " ") != "ast types ir asm verifier" {
		t.Errorf("-d all printed the stages %q", headers)
	}
	one := run(t, "", "-d", "ir", "-e", prog)
	two := run(t, "", "-d", "asm,ir", "-e", prog)
	if two.code != 0 || !strings.HasPrefix(two.stdout, "=== ir ===\n"+one.stdout+"=== asm ===\n") {
		t.Errorf("-d asm,ir:\n%s\nwant -d ir's output first:\n%s", two.stdout, one.stdout)
	}
}

// TestInfo: --info probes this kernel, which has BTF and tracepoints.
func TestInfo(t *testing.T) {
	r := run(t, "", "--info")
	for _, want := range []string{"\n  btf: yes\n", "\n  ringbuf: yes\n", "\n  probe_read_user_str: yes\n", "\nProbes (attached for real)\n  tracepoint: yes\n", "\n  kprobe: "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--info has no %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 0 || r.stderr != "" {
		t.Errorf("--info: code %d, stderr %q", r.code, r.stderr)
	}
}
