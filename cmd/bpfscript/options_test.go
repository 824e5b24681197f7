package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want options // format "text" unless set
	}{
		{"combined short flags", []string{"-qe", "prog"}, options{quiet: true, program: "prog"}},
		{"value stuck to its flag", []string{"-eprog", "-ofile"}, options{program: "prog", output: "file"}},
		{"flags then value flag", []string{"-qvkbe", "prog"}, options{quiet: true, verbose: true, helperWarn: true, btf: true, program: "prog"}},
		{"long forms", []string{"--quiet", "--verbose", "--cmd", "ls", "--output=out", "--dry-run", "--unsafe", "--no-warnings", "--btf", "-e", "p"},
			options{quiet: true, verbose: true, command: "ls", output: "out", dry: true, unsafe: true, noWarnings: true, btf: true, program: "p"}},
		{"long option with separate value", []string{"--output", "out", "file.bt"}, options{output: "out", args: []string{"file.bt"}}},
		{"interleaved", []string{"-e", "p", "1", "-o", "out", "2", "-q", "3"}, options{program: "p", output: "out", quiet: true, args: []string{"1", "2", "3"}}},
		{"file first", []string{"script.bt", "-q", "arg"}, options{quiet: true, args: []string{"script.bt", "arg"}}},
		{"double dash", []string{"-e", "p", "--", "-q", "--name=x", "-1", "--flag"}, options{program: "p", args: []string{"-q", "-1"}, named: map[string]string{"name": "x", "flag": "true"}}},
		{"negative numbers", []string{"script.bt", "-1", "-0x10", "-q", "-7"}, options{quiet: true, args: []string{"script.bt", "-1", "-0x10", "-7"}}},
		{"negative number first", []string{"-5", "-e", "p"}, options{program: "p", args: []string{"-5"}}},
		{"stdin", []string{"-", "arg", "-q"}, options{quiet: true, args: []string{"-", "arg"}}},
		{"negative number as a value", []string{"-o", "-5", "-e", "p", "-5"}, options{output: "-5", program: "p", args: []string{"-5"}}},
		{"hex negative numbers with flag letters", []string{"x.bt", "-0xfb", "-0xe"}, options{args: []string{"x.bt", "-0xfb", "-0xe"}}},
		{"stages", []string{"-d", "ir,ast", "-dasm", "-e", "p"}, options{stages: []string{"ast", "ir", "asm"}, program: "p"}},
		{"all stages", []string{"-d", "all", "-d", "ast", "-e", "p"}, options{stages: []string{"ast", "types", "ir", "asm", "verifier"}, program: "p"}},
		{"includes", []string{"-I", "/a", "-I/b,c", "--include", "x.h", "--include=y.h", "-e", "p"},
			options{includeDir: []string{"/a", "/b,c"}, includes: []string{"x.h", "y.h"}, program: "p"}},
		{"format and buffering", []string{"-f", "json", "-B", "full", "-e", "p"}, options{format: "json", buffering: "full", program: "p"}},
		{"abbreviated long options", []string{"--unsa", "--no-w", "--out=o", "--dry", "-e", "p"}, options{unsafe: true, noWarnings: true, output: "o", dry: true, program: "p"}},
		{"help", []string{"-h"}, options{help: true}},
		{"long help", []string{"--help"}, options{help: true}},
		{"version", []string{"-V"}, options{version: true}},
		{"long version", []string{"--version"}, options{version: true}},
		{"info", []string{"--info"}, options{info: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseOptions(tt.args)
			if err != nil {
				t.Fatalf("parseOptions(%q): %v", tt.args, err)
			}
			if tt.want.format == "" {
				tt.want.format = "text"
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("parseOptions(%q) =\n%+v\nwant\n%+v", tt.args, *got, tt.want)
			}
		})
	}
}

func TestParseOptionsErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // the whole message
	}{
		{[]string{"--dryrun"}, "unknown option '--dryrun': did you mean '--dry-run'?"},
		{[]string{"-e", "p", "--versoin"}, "unknown option '--versoin': did you mean '--version'?"},
		{[]string{"--nowarnings"}, "unknown option '--nowarnings': did you mean '--no-warnings'?"},
		{[]string{"--frobnicate"}, "unknown option '--frobnicate' (bpfscript -h lists the options)"},
		{[]string{"-Z"}, "unknown option '-Z' (bpfscript -h lists the options)"},
		{[]string{"-E", "p"}, "unknown option '-E': did you mean '-e'?"},
		{[]string{"-qZ"}, "unknown option '-Z' (bpfscript -h lists the options)"},
		{[]string{"-unsafe"}, "unknown option '-u' in '-unsafe': did you mean '--unsafe'?"},
		{[]string{"-dry-run"}, `unknown stage "ry-run" for -d: want ast, types, ir, asm, verifier or all: did you mean '--dry-run'?`},
		{[]string{"--in", "x"}, "option '--in' is ambiguous: it could be --include or --info"},
		{[]string{"--ver"}, "option '--ver' is ambiguous: it could be --verbose or --version"},
		{[]string{"-e"}, "option '-e' needs a value"},
		{[]string{"-qo"}, "option '-o' needs a value"},
		{[]string{"--output"}, "option '--output' needs a value"},
		{[]string{"-d", "bogus", "-e", "p"}, `unknown stage "bogus" for -d: want ast, types, ir, asm, verifier or all`},
		{[]string{"-d", "ast,tpyes"}, `unknown stage "tpyes" for -d: want ast, types, ir, asm, verifier or all: did you mean 'types'?`},
		{[]string{"-f", "jsno", "-e", "p"}, `invalid output format "jsno": use json or text: did you mean 'json'?`},
		{[]string{"-f", "xml", "-e", "p"}, `invalid output format "xml": use json or text`},
		{[]string{"-B", "lines", "-e", "p"}, `invalid -B mode "lines": use none, line or full: did you mean 'line'?`},
		{[]string{"-l"}, "-l (listing probes) is not supported yet"},
		{[]string{"-l", "tracepoint:*"}, "-l (listing probes) is not supported yet"},
		{[]string{"-e", "p", "-p", "123"}, "-p (attaching to a running process) is not supported yet"},
		{[]string{"--probe-filter", "x", "-e", "p"}, "--probe-filter (filtering probes) is not supported yet"},
		{[]string{"-d", "-1"}, `unknown stage "-1" for -d: want ast, types, ir, asm, verifier or all`},
		{[]string{"--e", "p"}, "unknown option '--e' (bpfscript -h lists the options)"},
		{[]string{"-k=maybe"}, `invalid value "maybe" for -k: it takes true or false, or nothing`},
		{[]string{"--quiet=maybe"}, `invalid value "maybe" for --quiet: it takes true or false, or nothing`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			o, err := parseOptions(tt.args)
			if err == nil {
				t.Fatalf("parseOptions(%q) = %+v, want error %q", tt.args, *o, tt.want)
			}
			if _, ok := err.(*usageError); !ok || err.Error() != tt.want {
				t.Errorf("parseOptions(%q): %T %q\nwant %q", tt.args, err, err, tt.want)
			}
		})
	}
}

// BenchmarkParseOptions: declaring the table and parsing a usual command
// line is on every run's start-up path.
func BenchmarkParseOptions(b *testing.B) {
	args := []string{"-q", "-e", "tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }", "123"}
	for b.Loop() {
		if _, err := parseOptions(args); err != nil {
			b.Fatal(err)
		}
	}
}
