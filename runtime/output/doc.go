// Package output renders decoded values (package value) as bpftrace's text
// output and its `-f json` lines, through a Sink: the runtime hands every
// printf(), print(), map, time(), join(), exit and message about the run
// to a Sink and never writes itself. TextSink renders values, maps,
// histograms, printf() records and strftime() timestamps exactly as current
// upstream bpftrace's text output does; JSONSink writes one object a line.
// Formatter is the older entry point from bytes and types: it decodes, then
// renders as text. Nothing here talks to the kernel.
//
// JSON follows current upstream bpftrace where it differs from 0.17 (the
// installed version): integers a double cannot hold are written as strings
// of digits (0.17 writes 2^64-1 as -1); map keys lose every space, not
// only a tuple's separators ("1,xy" for (1, "x y"); 0.17 keeps "1,x y");
// no blank lines precede the maps printed at exit (0.17 writes "\n\n" to
// stdout, breaking NDJSON). attached_probes and lost_events keep 0.17's
// shape {"type": ..., "data": {"probes": N}} (newer releases add "count").
// Warnings and errors are log messages on stderr, as bpftrace's are.
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
