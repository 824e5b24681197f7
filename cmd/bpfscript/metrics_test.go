package main

import (
	"strings"
	"testing"
)

func TestWantsMetrics(t *testing.T) {
	tests := []struct {
		args string
		want bool
	}{
		{"--metrics :9435 script.bt", true},
		{"script.bt --metrics=:9435", true},
		{"-q -metrics :9435 -e X", true},
		{"-e --metrics script", false}, // the program text, not an option
		{"-o --metrics-file -e X", false},
		{"-e X -- --metrics", false}, // a positional parameter
		{"-e X", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := wantsMetrics(strings.Fields(tt.args)); got != tt.want {
			t.Errorf("wantsMetrics(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

// TestMetricsWithoutItsBinary: bpfscript --metrics says what it needs when
// bpfscript-metrics is neither beside it nor in PATH.
func TestMetricsWithoutItsBinary(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := run(t, "", "--metrics", ":0", "-e", "BEGIN { exit(); }")
	if r.code != 1 || !strings.Contains(r.stderr, "--metrics needs bpfscript-metrics next to bpfscript or in PATH") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
