package output

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// barWidth is the width of the histogram bar column.
const barWidth = 52

// writeHistMap prints a map of histograms (hist, lhist): `@h:` or `@h[key]:` on a line of
// its own, the bucket rows, and a blank line, for each key in the map's
// order (ascending total count).
func writeHistMap(sb *strings.Builder, m *value.Map, top int, div uint64) {
	for _, e := range m.Top(top) {
		if m.Key == nil {
			sb.WriteString(m.Name + ":\n")
		} else {
			sb.WriteString(m.Name + "[" + keyText(e.Key) + "]:\n")
		}
		h := e.Value.Hist
		switch h.Layout {
		case types.LinearBuckets:
			// div has no effect on linear histograms, as upstream.
			writeRows(sb, linearRows(h.Counts, h.LHist))
		case types.Log2Buckets:
			writeRows(sb, log2Rows(h.Counts, div, h.Bits))
		}
		sb.WriteString("\n")
		if m.Key == nil {
			break
		}
	}
}

// label is a bucket boundary. Plain integers can be adjacent, which makes a
// bucket one value wide and prints it as `[v]`; suffixed labels (1K) never
// are.
type label struct {
	text  string
	num   int64
	plain bool
}

func plainLabel(n int64) label { return label{text: strconv.FormatInt(n, 10), num: n, plain: true} }

// adjacent reports whether [a, b) holds exactly one integer.
func adjacent(a, b label) bool { return a.plain && b.plain && a.num+1 == b.num }

// rows is a histogram ready to print: counts[i] is the bucket that ends at
// labels[i] (the one before it starts at labels[i-1], or at lower for the
// first); a count without a label is the open-ended last bucket, and a nil
// lower makes the first bucket open below.
type rows struct {
	lower  *label
	labels []label
	counts []uint64
}

// log2Label is the exclusive upper bound of hist(x, k) bucket i: 0 for the
// negatives, then one per value up to 2^(k+1), then 2^k per power of two
// (with k = 0: 1, 2, 4, ...), with K, M, G, T, P, E for powers of 1024, as
// upstream.
func log2Label(i, k int) label {
	if i <= 2<<k {
		return plainLabel(int64(i))
	}
	n := uint64(1) << k
	power := (i >> k) - 1
	decade := power / 10
	text := strconv.FormatUint((uint64(1)<<(power%10))*(n+uint64(i)&(n-1)), 10)
	if decade > 0 {
		text += string("KMGTPE"[decade-1])
	}
	return label{text: text}
}

func log2Rows(counts []uint64, div uint64, k int) rows {
	var r rows
	first, last := value.NonEmptyRange(counts)
	if first < 0 {
		return r
	}
	if first > 0 {
		l := log2Label(first-1, k)
		r.lower = &l
	}
	for i := first; i <= last; i++ {
		r.labels = append(r.labels, log2Label(i, k))
		r.counts = append(r.counts, counts[i]/div)
	}
	return r
}

// linearLabel is an lhist boundary; with a step that is a multiple of 1024
// it is written with a K or M suffix where it divides evenly.
func linearLabel(n, step int64) label {
	const kilo, mega = 1024, 1024 * 1024
	if step%kilo != 0 {
		return plainLabel(n)
	}
	switch {
	case n == 0:
		return label{text: "0"}
	case n%mega == 0:
		return label{text: strconv.FormatInt(n/mega, 10) + "M"}
	case n%kilo == 0:
		return label{text: strconv.FormatInt(n/kilo, 10) + "K"}
	}
	return label{text: strconv.FormatInt(n, 10)}
}

func linearRows(counts []uint64, p types.LHistParams) rows {
	var r rows
	first, last := value.NonEmptyRange(counts)
	if first < 0 {
		return r
	}
	if first > 0 {
		l := linearLabel(p.Min+int64(first-1)*p.Step, p.Step)
		r.lower = &l
	}
	for i := first; i <= last; i++ {
		// The bucket at or above Max has no upper bound.
		if bound := p.Min + int64(i)*p.Step; bound <= p.Max {
			r.labels = append(r.labels, linearLabel(bound, p.Step))
		}
		r.counts = append(r.counts, counts[i])
	}
	return r
}

// writeRows prints histogram rows: the range left-aligned in 16 columns,
// the count right-aligned in 8, and a bar scaled to the largest count.
func writeRows(sb *strings.Builder, r rows) {
	var largest uint64
	for _, c := range r.counts {
		largest = max(largest, c)
	}
	for i, c := range r.counts {
		var head string
		switch {
		case i == 0 && r.lower == nil:
			head = "(..., " + r.labels[0].text + ")"
		case i == 0 && len(r.labels) == 0:
			// Only the open-ended last bucket is non-empty.
			head = "[" + r.lower.text + ", ...)"
		case i == 0:
			head = rangeText(*r.lower, r.labels[0])
		case i >= len(r.labels):
			head = "[" + r.labels[i-1].text + ", ...)"
		default:
			head = rangeText(r.labels[i-1], r.labels[i])
		}
		fmt.Fprintf(sb, "%-16s%8d |%-*s|\n", head, c, barWidth, strings.Repeat("@", bar(c, largest)))
	}
}

func rangeText(lo, hi label) string {
	if adjacent(lo, hi) {
		return "[" + lo.text + "]"
	}
	return "[" + lo.text + ", " + hi.text + ")"
}

// bar is the number of '@' for count: upstream computes it in single
// precision floating point and truncates, and so must this, or bars differ
// by one at some ratios.
func bar(count, largest uint64) int {
	if largest == 0 {
		return 0
	}
	ratio := float32(float32(count) / float32(largest))
	return int(float32(ratio * barWidth))
}
