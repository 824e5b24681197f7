package main

import "testing"

// Named parameters: getopt() reads --name=value given after --.
func TestGetopt(t *testing.T) {
	const all = `begin { print((getopt("aa", 10, "Description of aa"), getopt("bb", "hello"), getopt("cc"), getopt("dd", false))); exit(); }`
	tests := []struct {
		name   string
		args   []string
		stdout string
		stderr string
		code   int
	}{
		{"defaults", []string{"-q", "-e", all}, "(10, hello, false, false)\n", "", 0},
		{"given", []string{"-q", "-e", all, "--", "--cc", "--bb=bye", "--aa=-3", "--dd=1"}, "(-3, bye, true, true)\n", "", 0},
		{"mixed with positional parameters", []string{"-q", "-e", `begin { print(($1, $2, getopt("aa", 1), getopt("bb"))); exit(); }`, "p1", "--", "--aa=20", "--bb", "p2"},
			"(p1, p2, 20, true)\n", "", 0},
		{"a value used as a map key and in arithmetic", []string{"-q", "-e", `begin { @[getopt("name", "x")] = getopt("n", 2) * 3; exit(); }`, "--", "--name=web", "--n=7"},
			"\n\n@[web]: 21\n", "", 0},
		{"the program's --help", []string{"-e", all, "--", "--help"},
			"Named parameters (after --, as --name=value):\n    --aa=INT     Description of aa (default: 10)\n    --bb=STRING  (default: hello)\n    --cc         (default: false)\n    --dd         (default: false)\n", "", 0},
		{"a misspelled parameter", []string{"-e", all, "--", "--ab=2"}, "", "bpfscript: unknown program option --ab: did you mean --aa?\n", 1},
		{"a parameter the program does not have", []string{"-e", `begin { exit(); }`, "--", "--x"}, "", "bpfscript: unknown program option --x: the program has no named parameters\n", 1},
		{"a value of the wrong type", []string{"-e", `begin { print(getopt("aa", 10)); }`, "--", "--aa=ten"}, "",
			"stdin:1:15: error: --aa=ten: the parameter takes an integer\nbegin { print(getopt(\"aa\", 10)); }\n              ^~~~~~~~~~~~~~~~\n", 1},
		{"a bool given a word", []string{"-e", `begin { print(getopt("v")); }`, "--", "--v=yes"}, "",
			"stdin:1:15: error: --v=yes: the parameter takes true, false, 1 or 0\nbegin { print(getopt(\"v\")); }\n              ^~~~~~~~~~~\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", tt.args...)
			expect(t, r, tt.stdout, tt.code)
			if r.stderr != tt.stderr {
				t.Errorf("stderr = %q, want %q", r.stderr, tt.stderr)
			}
		})
	}
}
