// Package value decodes what a BPF program leaves in maps and ring-buffer
// records into Go values, separately from any rendering of them.
//
// A Value is an integer (with its sign and size), a string, a tuple, a
// record, a probe name, a strftime() timestamp, a pointer, an array, or the
// merged value of a map aggregation: Kind Aggregate (count, sum, min, max,
// avg, stats) or Hist (hist, lhist), whose Agg is the aggregation's
// lang/types.Aggregation descriptor (v.Agg.Name == "stats",
// v.Stats.Average). Decoders take bytes and the lang/types.Type that
// describes them; per-CPU aggregation slots are merged with the
// descriptor's Merge, and map snapshots decode into a Map whose entries are
// in the order bpftrace prints them. Nothing here lists aggregations: a new
// one decodes from its descriptor.
//
// Nothing here talks to the kernel: the runtime reads the bytes, and the
// output package renders the decoded values as text or JSON.
package value
