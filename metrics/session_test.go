package metrics_test

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/metrics"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/value"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// startSession adds src to a new session, with $1 this process's pid, and
// serves its maps on a localhost HTTP server.
func startSession(t testing.TB, src string) (*bpfscript.Session, string) {
	t.Helper()
	sess := bpfscript.NewSession(bpfscript.Options{Params: []string{strconv.Itoa(os.Getpid())}},
		runtime.Options{Out: io.Discard, Diag: io.Discard, Quiet: true})
	if _, err := sess.Add(src); err != nil {
		sess.Close()
		t.Fatal(bpfscript.FormatError(err, src))
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.NewCollector(sess, metrics.Options{}))
	srv := httptest.NewServer(metrics.Handler(reg))
	t.Cleanup(func() {
		srv.Close()
		sess.Close()
	})
	return sess, srv.URL + "/metrics"
}

// scrapeURL fetches and parses a /metrics page with Prometheus's parser.
func scrapeURL(t testing.TB, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s\n%s", url, resp.Status, body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return families
}

// labels renders a sample's labels as k=v,k=v in name order, le excepted.
func labels(m *dto.Metric) string {
	var parts []string
	for _, l := range m.GetLabel() {
		parts = append(parts, l.GetName()+"="+l.GetValue())
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// seek calls lseek(2) on f: what the script below traces.
func seek(t *testing.T, f *os.File, off int64, whence int) {
	t.Helper()
	if _, err := syscall.Seek(int(f.Fd()), off, whence); err != nil {
		t.Fatal(err)
	}
}

// TestScrapeMatchesMaps traces system calls this test makes, scrapes the
// maps over HTTP, parses them with Prometheus's text parser and checks
// every value against what the test did: a count, a sum by comm, a hist,
// an lhist, a stats and a tuple-keyed count.
func TestScrapeMatchesMaps(t *testing.T) {
	sess, url := startSession(t, `
tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @getppid = count(); }
tracepoint:syscalls:sys_enter_lseek /pid == $1/ {
	@offsets = hist(args.offset);
	@linear = lhist(args.offset, 0, 1000, 100);
	@st = stats(args.offset);
	@seeks[args.whence, args.fd] = count();
	@[comm] = sum(args.offset);
}`)
	const getppids = 123
	for range getppids {
		syscall.Getppid()
	}
	f, err := os.CreateTemp(t.TempDir(), "seek")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	offsets := []int64{0, 1, 5, 5, 100, 250, 999, 1000, 4096, 70000}
	for _, off := range offsets {
		seek(t, f, off, io.SeekStart)
	}
	const currents = 3
	for range currents {
		seek(t, f, 0, io.SeekCurrent)
	}
	all := append(slices.Clone(offsets), make([]int64, currents)...)
	var total int64
	for _, off := range all {
		total += off
	}
	comm, err := os.ReadFile("/proc/self/comm")
	if err != nil {
		t.Fatal(err)
	}

	fams := scrapeURL(t, url)
	value := func(name, lbls string) float64 {
		t.Helper()
		f := fams[name]
		if f == nil {
			t.Fatalf("no metric %s; have %v", name, keys(fams))
		}
		for _, m := range f.GetMetric() {
			if labels(m) == lbls {
				switch f.GetType() {
				case dto.MetricType_COUNTER:
					return m.GetCounter().GetValue()
				case dto.MetricType_GAUGE:
					return m.GetGauge().GetValue()
				}
			}
		}
		t.Fatalf("no sample %s{%s}", name, lbls)
		return 0
	}
	check := func(what string, got, want float64) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("getppid", value("bpfscript_getppid_total", ""), getppids)
	check("sum by comm", value("bpfscript_sum_total", "key="+strings.TrimSpace(string(comm))), float64(total))
	fd := strconv.Itoa(int(f.Fd()))
	check("seeks SEEK_SET", value("bpfscript_seeks_total", "key0=0,key1="+fd), float64(len(offsets)))
	check("seeks SEEK_CUR", value("bpfscript_seeks_total", "key0=1,key1="+fd), currents)
	if n := len(fams["bpfscript_seeks_total"].GetMetric()); n != 2 {
		t.Errorf("@seeks has %d samples, want 2", n)
	}

	st := fams["bpfscript_st"].GetMetric()[0].GetSummary()
	check("stats count", float64(st.GetSampleCount()), float64(len(all)))
	check("stats sum", st.GetSampleSum(), float64(total))

	for _, name := range []string{"bpfscript_offsets", "bpfscript_linear"} {
		h := fams[name].GetMetric()[0].GetHistogram()
		check(name+" count", float64(h.GetSampleCount()), float64(len(all)))
		if !math.IsNaN(h.GetSampleSum()) {
			t.Errorf("%s sum %v, want NaN: bpftrace histograms keep no sum", name, h.GetSampleSum())
		}
		if len(h.GetBucket()) < 3 {
			t.Errorf("%s has only %d buckets", name, len(h.GetBucket()))
		}
		for _, b := range h.GetBucket() {
			var want int
			for _, off := range all {
				if float64(off) <= b.GetUpperBound() {
					want++
				}
			}
			check(fmt.Sprintf("%s le=%v", name, b.GetUpperBound()), float64(b.GetCumulativeCount()), float64(want))
		}
	}
	// The log2 buckets end at the last non-empty one, [65536, 131071];
	// the linear ones at the last bounded one, 900-999; then +Inf.
	lastBound := func(name string) float64 {
		b := fams[name].GetMetric()[0].GetHistogram().GetBucket()
		if !math.IsInf(b[len(b)-1].GetUpperBound(), 1) {
			t.Errorf("%s has no +Inf bucket", name)
		}
		return b[len(b)-2].GetUpperBound()
	}
	check("last log2 bound", lastBound("bpfscript_offsets"), 131071)
	check("last linear bound", lastBound("bpfscript_linear"), 999)

	// The collector reads a session's maps raw (RawSource); through Maps,
	// decoded and ordered, it exports the same.
	raw, decoded := gatherText(t, sess), gatherText(t, mapsOnly{sess})
	if raw != decoded {
		t.Errorf("raw maps export\n%s\ndecoded maps export\n%s", raw, decoded)
	}

	// Uncompressed for a scraper that does not take gzip.
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	plain, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil || resp.Header.Get("Content-Encoding") != "" || len(plain) != len(fams) {
		t.Errorf("uncompressed: %v, Content-Encoding %q, %d families, want %d", err, resp.Header.Get("Content-Encoding"), len(plain), len(fams))
	}
}

// mapsOnly hides a session's RawMaps: the collector reads it with Maps.
type mapsOnly struct{ s *bpfscript.Session }

func (m mapsOnly) Maps() ([]*value.Map, error) { return m.s.Maps() }

// gatherText is what a collector of src exports, as text.
func gatherText(t *testing.T, src metrics.Source) string {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.NewCollector(src, metrics.Options{}))
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, f := range fams {
		expfmt.MetricFamilyToText(&sb, f)
	}
	return sb.String()
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
