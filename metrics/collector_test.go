package metrics

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"errors"
	"github.com/bpfscript/bpfscript/runtime/value"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// scrape renders what a registry of c exposes, as Prometheus's text format.
func scrape(t *testing.T, c prometheus.Collector) []byte {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, f := range families {
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// TestCollectorGolden exports a map of every kind: types, names, labels,
// histogram buckets, with options and without.
func TestCollectorGolden(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"default.golden", Options{}},
		{"options.golden", Options{Namespace: "node_bpf", Rename: map[string]string{"@": "syscalls_by_comm", "@pids": "pid_size"}, Drop: []string{"@flows", "@lat", "@st"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, scrape(t, NewCollector(fakeMaps(), tt.opts)))
		})
	}
}

// TestCollectorLint runs Prometheus's own linter of names, types and help.
func TestCollectorLint(t *testing.T) {
	problems, err := testutil.CollectAndLint(NewCollector(fakeMaps(), Options{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bpfscript_x", "bpfscript_x"},
		{"bpfscript_avg-lat", "bpfscript_avg_lat"},
		{"9lives", "_lives"},
		{"a.b:c", "a_b_c"},
		{"", "_"},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLabelName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"saddr", "saddr"},
		{"le", "key_le"},
		{"quantile", "key_quantile"},
		{"__reserved", "key_reserved"},
		{"_ok", "_ok"},
	}
	for _, tt := range tests {
		if got := labelName(tt.in); got != tt.want {
			t.Errorf("labelName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// failingSource cannot read its maps.
type failingSource struct{}

func (failingSource) Maps() ([]*value.Map, error) { return nil, errors.New("the session is closed") }

// TestCollectorReadError: a failed read fails the scrape with the reason.
func TestCollectorReadError(t *testing.T) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(failingSource{}, Options{}))
	_, err := reg.Gather()
	if err == nil || !strings.Contains(err.Error(), "the session is closed") {
		t.Errorf("Gather error %v, want the source's", err)
	}
}
