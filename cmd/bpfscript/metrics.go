package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// metricsBinary is the program that serves a script's maps as Prometheus
// metrics. It is separate because the Prometheus client library's package
// init costs about a millisecond at every start, which a plain script run
// should not pay.
const metricsBinary = "bpfscript-metrics"

// execMetricsIfAsked replaces this process with bpfscript-metrics, given
// the same arguments, when they ask for --metrics; otherwise it returns at
// once. The binary is looked for next to this one, then in PATH. It returns
// only when that cannot be done, with the exit code.
func execMetricsIfAsked(args []string) int {
	if !wantsMetrics(args) {
		return -1
	}
	path, err := findMetricsBinary()
	if err == nil {
		err = syscall.Exec(path, append([]string{metricsBinary}, args...), os.Environ())
	}
	fmt.Fprintf(os.Stderr, "bpfscript: --metrics needs %s next to bpfscript or in PATH (make build makes it): %v\n", metricsBinary, err)
	return 1
}

// wantsMetrics reports whether an option among args starts with
// --metrics (or -metrics). The values of options that take one are
// skipped, and "--" ends the options.
func wantsMetrics(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return false
		case a == "-e" || a == "-o" || a == "-f" || a == "-d" || a == "-c":
			i++
		case strings.HasPrefix(a, "--metrics") || strings.HasPrefix(a, "-metrics"):
			return true
		}
	}
	return false
}

// findMetricsBinary returns bpfscript-metrics's path: in this binary's
// directory, or else in PATH.
func findMetricsBinary() (string, error) {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), metricsBinary)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath(metricsBinary)
}
