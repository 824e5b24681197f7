// Package output turns the raw bytes a BPF program leaves in maps and ring
// buffer records into bpftrace's text output.
//
// The runtime reads bytes and hands them over together with their types; this
// package decodes little-endian values, merges per-CPU aggregation slots,
// sorts map entries, and renders values, maps, histograms, printf() records
// and strftime() timestamps exactly as current upstream bpftrace's text
// output does. It never talks to the kernel, so everything here is tested
// with plain byte slices.
//
// Where current upstream bpftrace differs from bpftrace 0.17 (the version
// installed for comparison) upstream wins:
//   - stats() values print as a record: `@s: { .count = 2, .average = 3,
//     .total = 6 }` (0.17: `count 2, average 3, total 6`);
//   - a histogram's header line has no trailing space (`@h:`, 0.17 `@h: `);
//   - avg() and stats() maps are followed by no extra blank line;
//   - lhist buckets one value wide print as `[3]` rather than `[3, 4)`, and
//     lhist labels use K/M suffixes when the step is a multiple of 1024;
//   - a string that fills its whole buffer gets a ".." truncation trailer;
//   - printf conversions without a length modifier are 64 bits wide, so
//     %d of -1 is -1 and %u of -1 is 18446744073709551615 (0.17, like C,
//     truncates to 32 bits), and %s accepts any value.
//
// Where upstream's printf departs from C only by accident of its iostream
// implementation (precision on %s and integers, the space flag, %c) this
// package follows C, which is what 0.17 and every printf user expect.
package output
