package main

import (
	"bytes"
	"net"
	"strings"
	"testing"
)

// TestBadArguments: what cannot run says why, with a non-zero exit.
func TestBadArguments(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-e", "BEGIN { exit(); }"}, "no address given: use --metrics ADDR"},
		{[]string{"--metrics", ":0"}, "no program given"},
		{[]string{"--metrics", ":0", "--metrics-rename", "x=y", "-e", "BEGIN {}"}, `--metrics-rename "x=y": want @MAP=NAME`},
		{[]string{"--metrics", ":0", "--metrics-drop", "x", "-e", "BEGIN {}"}, `--metrics-drop "x": want @MAP`},
		{[]string{"--metrics", ":0", "-c", "ls", "-e", "BEGIN {}"}, "flag provided but not defined: -c"},
		{[]string{"--metrics", taken.Addr().String(), "-e", "BEGIN {}"}, "address already in use"},
		{[]string{"--metrics", "127.0.0.1:0", "/nonexistent/script.bt"}, "reading the program"},
		{[]string{"--metrics", "127.0.0.1:0", "-e", "BEGIN { @x = ; }"}, "stdin:1:14"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(tt.args, strings.NewReader(""), &out, &errb)
		if code == 0 || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant %q", tt.args, code, errb.String(), tt.want)
		}
	}
}

func TestParseArgs(t *testing.T) {
	o, err := parseArgs([]string{"script.bt", "-5", "--metrics", ":9435", "--metrics-rename", "@=syscalls", "--metrics-drop", "@tmp", "x", "--metrics-namespace", "node_bpf"})
	if err != nil {
		t.Fatal(err)
	}
	if o.addr != ":9435" || o.file != "script.bt" || strings.Join(o.params, " ") != "-5 x" ||
		o.collector.Namespace != "node_bpf" || o.collector.Rename["@"] != "syscalls" || strings.Join(o.collector.Drop, " ") != "@tmp" {
		t.Errorf("parsed %+v", o)
	}
}
