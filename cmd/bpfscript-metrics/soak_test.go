package main

import (
	"os"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// soakEnv sets how long TestSoak runs (a Go duration); make soak sets it
// to hours' worth of minutes, the normal suite runs a minute.
const soakEnv = "BPFSCRIPT_SOAK"

// TestSoak runs the service at a high event rate (every system call on the
// machine, plus a loop of getppid(2) here) and scrapes it every second:
// its memory at the end is what it was once warm, within a bound, and its
// goroutines do not pile up.
func TestSoak(t *testing.T) {
	duration := time.Minute
	if d, err := time.ParseDuration(os.Getenv(soakEnv)); err == nil {
		duration = d
	}
	s := startService(t, "bpfscript-metrics", "-q", "-e", `
tracepoint:raw_syscalls:sys_enter {
	@syscalls[comm] = count();
	@ids = hist(args.id);
	@by_cpu[cpu] = stats(args.id);
	@tids[tid % 1000] = count();
	@last = nsecs;
}`)
	var stop atomic.Bool
	var calls atomic.Int64
	go func() {
		for !stop.Load() {
			syscall.Getppid()
			calls.Add(1)
		}
	}()
	defer stop.Store(true)

	type reading struct{ rss, heap, goroutines, events float64 }
	read := func() reading {
		fams := s.scrape(t)
		var events float64
		for _, m := range fams["bpfscript_syscalls_total"].GetMetric() {
			events += m.GetCounter().GetValue()
		}
		return reading{
			rss:        sample(fams, "process_resident_memory_bytes"),
			heap:       sample(fams, "go_memstats_heap_inuse_bytes"),
			goroutines: sample(fams, "go_goroutines"),
			events:     events,
		}
	}
	const warmup = 5 // scrapes before the start is measured
	var start, end reading
	var callsBefore int64 // the calls made before the last scrape began
	began := time.Now()
	for i := 0; time.Since(began) < duration; i++ {
		time.Sleep(time.Second)
		callsBefore = calls.Load()
		end = read()
		if i == warmup {
			start = end
		}
	}
	elapsed := time.Since(began).Seconds()
	t.Logf("%.0f s, %.0f events/s (%d getppid here); rss %.1f -> %.1f MiB, heap in use %.1f -> %.1f MiB, goroutines %.0f -> %.0f",
		elapsed, end.events/elapsed, calls.Load(), start.rss/(1<<20), end.rss/(1<<20), start.heap/(1<<20), end.heap/(1<<20), start.goroutines, end.goroutines)
	// Every call made before the last scrape is in it; calls go on while
	// it reads the maps, so they are counted before it starts.
	if end.events < float64(callsBefore) {
		t.Errorf("%.0f events counted, fewer than the %d getppid calls made before the scrape", end.events, callsBefore)
	}
	// The maps stop growing once every comm, syscall and tid bucket is in
	// them: what the service holds then is the scrape's garbage, which the
	// GC keeps within a few MiB.
	const slack = 16 << 20
	if end.rss > start.rss+slack {
		t.Errorf("resident memory grew from %.1f to %.1f MiB", start.rss/(1<<20), end.rss/(1<<20))
	}
	if end.heap > start.heap+slack/2 {
		t.Errorf("heap in use grew from %.1f to %.1f MiB", start.heap/(1<<20), end.heap/(1<<20))
	}
	if end.goroutines > start.goroutines+2 {
		t.Errorf("goroutines grew from %.0f to %.0f", start.goroutines, end.goroutines)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit code %d; stderr:\n%s", code, s.stderr)
	}
}
