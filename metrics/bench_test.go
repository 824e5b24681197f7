package metrics_test

import (
	"io"
	"net/http"
	"os"
	"syscall"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/metrics"
	"github.com/prometheus/client_golang/prometheus"
)

// scrapeKeys is how many keys BenchmarkScrape10000Keys scrapes. Maps hold
// 4096 keys (bpftrace's default), so they are spread over three maps of
// three kinds: a count, a sum and an avg, per-CPU hash maps all.
const scrapeKeys = 10000

// fillKeys starts a session whose maps have scrapeKeys keys between them,
// by lseek(2) calls at every offset below scrapeKeys, and returns it with
// its /metrics URL.
func fillKeys(b *testing.B) (*bpfscript.Session, string) {
	b.Helper()
	sess, url := startSession(b, `
tracepoint:syscalls:sys_enter_lseek /pid == $1 && args.offset < 3334/ { @a[args.offset] = count(); }
tracepoint:syscalls:sys_enter_lseek /pid == $1 && args.offset >= 3334 && args.offset < 6667/ { @b[args.offset] = sum(args.offset * 7919 % 10007); }
tracepoint:syscalls:sys_enter_lseek /pid == $1 && args.offset >= 6667/ { @c[args.offset] = avg(args.offset * 7919 % 10007); }`)
	f, err := os.CreateTemp(b.TempDir(), "seek")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	for off := range int64(scrapeKeys) {
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			b.Fatal(err)
		}
	}
	maps, err := sess.Maps()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, m := range maps {
		n += len(m.Entries)
	}
	if n != scrapeKeys {
		b.Fatalf("the maps have %d keys, want %d", n, scrapeKeys)
	}
	return sess, url
}

// BenchmarkScrape10000Keys is one whole scrape over HTTP of 10,000 keys:
// reading the maps (batch lookups), decoding, building the metrics and
// encoding them as gzipped text, as Prometheus asks. The budget is 50 ms.
func BenchmarkScrape10000Keys(b *testing.B) {
	_, url := fillKeys(b)
	// The machine may be busy: CPU time says what a scrape costs apart
	// from waiting for a core.
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		n++
		resp, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || n == 0 {
			b.Fatalf("scrape: %s, %d bytes", resp.Status, n)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n)/1e6, "cpu-ms/op")
}

// cpuTime is the CPU time this process has used, user and system, in
// nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkGather10000Keys is the collector's part of a scrape of 10,000
// keys: reading and decoding the maps and making the metrics, gathered by
// a registry, without the HTTP and encoding of BenchmarkScrape10000Keys.
func BenchmarkGather10000Keys(b *testing.B) {
	sess, _ := fillKeys(b)
	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.NewCollector(sess, metrics.Options{}))
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		n++
		if _, err := reg.Gather(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n)/1e6, "cpu-ms/op")
}
