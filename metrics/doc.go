// Package metrics exports the maps of a running bpfscript session as
// Prometheus metrics: a prometheus.Collector that reads every map of the
// session once per scrape and turns each entry into a sample.
//
// Each aggregation becomes the Prometheus type that fits it:
//
//	count(), sum()       counter    bpfscript_NAME_total
//	avg(), min(), max()  gauge      bpfscript_NAME
//	plain integers       gauge      bpfscript_NAME
//	stats()              summary    bpfscript_NAME_count, bpfscript_NAME_sum (no quantiles)
//	hist(), lhist()      histogram  bpfscript_NAME_bucket{le=...}, _count, _sum
//
// NAME is the map's name without its @, with characters Prometheus does not
// allow in names replaced by _; the anonymous map @ is named after its
// aggregation (bpfscript_count_total for @[comm] = count()), or "value" for
// a map of plain integers. A histogram's buckets are cumulative, each le
// the largest integer its bucket counts (bpftrace's [4, 8) is le="7"), up
// to the last non-empty one; +Inf is the total. bpftrace histograms do not
// keep the sum of what they counted, so _sum is NaN. Maps whose values are
// not numbers (strings, tuples) are left out.
//
// Labels come from the map's key: a record's field names, key0, key1, ...
// for a tuple, and "key" for any other single key. Label values are the
// key's text as bpftrace prints it (strings as they are, integers in
// decimal, probes by name).
//
// Options set the namespace (bpfscript by default) and rename or leave out
// maps. The collector is unchecked (its Describe sends nothing), since a
// session's maps come and go as programs are added.
//
// The collector reads maps through a Source, which *bpfscript.Session and
// *runtime.Session both are; they are also RawSources, whose maps the
// collector decodes entry by entry without ordering them. The runtime reads
// hash maps with batch lookups, per-CPU values apart until they are merged,
// so that reading 10,000 keys takes a few syscalls. Handler serves a
// registry as promhttp does, gzipped at the fastest level: a whole scrape
// of 10,000 keys takes about 45 ms (BenchmarkScrape10000Keys).
//
// cmd/bpfscript-metrics serves a script's maps this way over HTTP; the
// client_golang library it links costs about a millisecond at process
// start, which is why bpfscript itself does not link this package but execs
// that binary for --metrics.
package metrics
