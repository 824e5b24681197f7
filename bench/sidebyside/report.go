package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// A row is one figure measured for both tools. A value of NaN means "not
// measured"; the note beside it says why.
type row struct {
	name   string
	unit   unit
	bs, bt float64
	note   string // shown in the notes column
	target target
}

// unit says how a value prints and which direction is better.
type unit int

const (
	millis   unit = iota // a time.Duration in ns, printed in ms
	micros               // ns, printed in µs
	nanos                // ns, printed in ns
	mebibyte             // bytes, printed in MiB
	count                // a plain number
	perSec               // events per second, printed in k/s
	percent              // a fraction in [0, 1], printed in %
)

func (u unit) format(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	switch u {
	case millis:
		ms := v / 1e6
		if ms < 10 {
			return fmt.Sprintf("%.2f ms", ms)
		}
		return fmt.Sprintf("%.0f ms", ms)
	case micros:
		return fmt.Sprintf("%.1f µs", v/1e3)
	case nanos:
		return fmt.Sprintf("%.1f ns", v)
	case mebibyte:
		return fmt.Sprintf("%.1f MiB", v/(1<<20))
	case count:
		return fmt.Sprintf("%.0f", v)
	case perSec:
		return fmt.Sprintf("%.0f k/s", v/1e3)
	case percent:
		return fmt.Sprintf("%.1f %%", v*100)
	}
	return fmt.Sprint(v)
}

// A target is what a row should meet: a bound on the ratio
// bpfscript/bpftrace, or a bound on bpfscript's own value.
type target struct {
	kind  targetKind
	bound float64
}

type targetKind int

const (
	noTarget     targetKind = iota
	ratioAtMost             // bs/bt ≤ bound
	ratioAtLeast            // bs/bt ≥ bound
	valueBelow              // bs < bound (in the row's unit's base: ns, bytes ...)
)

func (t target) String(u unit) string {
	switch t.kind {
	case ratioAtMost:
		return fmt.Sprintf("ratio ≤ %g", t.bound)
	case ratioAtLeast:
		return fmt.Sprintf("ratio ≥ %g", t.bound)
	case valueBelow:
		return "< " + u.format(t.bound)
	}
	return ""
}

// ratio is bs/bt, NaN when either is missing or bt is zero.
func (r row) ratio() float64 {
	if math.IsNaN(r.bs) || math.IsNaN(r.bt) || r.bt == 0 {
		return math.NaN()
	}
	return r.bs / r.bt
}

// verdict says whether the row meets its target: "met", "MISSED", or ""
// when there is no target or nothing to judge.
func (r row) verdict() string {
	var ok bool
	switch r.target.kind {
	case noTarget:
		return ""
	case ratioAtMost, ratioAtLeast:
		q := r.ratio()
		if math.IsNaN(q) {
			return ""
		}
		if r.target.kind == ratioAtMost {
			ok = q <= r.target.bound
		} else {
			ok = q >= r.target.bound
		}
	case valueBelow:
		if math.IsNaN(r.bs) {
			return ""
		}
		ok = r.bs < r.target.bound
	}
	if ok {
		return "met"
	}
	return "**MISSED**"
}

func formatRatio(q float64) string {
	switch {
	case math.IsNaN(q):
		return "—"
	case q == 0:
		return "0"
	case q < 0.01:
		return fmt.Sprintf("%.4f", q)
	case q < 10:
		return fmt.Sprintf("%.3f", q)
	}
	return fmt.Sprintf("%.1f", q)
}

// A section is one numbered figure of the brief: a table and notes.
type section struct {
	title string
	intro string
	rows  []row
	notes []string
}

// writeTable writes a section's rows as a markdown table.
func writeTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| figure | bpfscript | bpftrace | bpfscript/bpftrace | target | |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	for _, r := range rows {
		name := r.name
		if r.note != "" {
			name += " (" + r.note + ")"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", escape(name), r.unit.format(r.bs), r.unit.format(r.bt),
			formatRatio(r.ratio()), r.target.String(r.unit), r.verdict())
	}
}

// writeSummary lists every row that has a target.
func writeSummary(w io.Writer, sections []section) {
	fmt.Fprintln(w, "| figure | bpfscript | bpftrace | bpfscript/bpftrace | target | |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	for _, s := range sections {
		for _, r := range s.rows {
			if r.target.kind == noTarget {
				continue
			}
			fmt.Fprintf(w, "| %s: %s | %s | %s | %s | %s | %s |\n", escape(s.title), escape(r.name), r.unit.format(r.bs),
				r.unit.format(r.bt), formatRatio(r.ratio()), r.target.String(r.unit), r.verdict())
		}
	}
}

func writeSection(w io.Writer, n int, s section) {
	fmt.Fprintf(w, "\n## %d. %s\n\n", n, s.title)
	if s.intro != "" {
		fmt.Fprintf(w, "%s\n\n", s.intro)
	}
	if len(s.rows) > 0 {
		writeTable(w, s.rows)
	}
	if len(s.notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range s.notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
	}
}

// escape keeps a cell's text from breaking the table.
func escape(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}

func nan() float64 { return math.NaN() }
