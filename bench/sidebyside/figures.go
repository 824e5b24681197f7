package main

import (
	"fmt"
	"math"
	"slices"

	"github.com/bpfscript/bpfscript/bench/internal/measure"
)

// figures collects the samples of one scenario, by figure and tool, and the
// failures worth a note.
type figures struct {
	samples map[string]map[string][]float64
	notes   []string
}

func newFigures() *figures {
	return &figures{samples: map[string]map[string][]float64{}}
}

func (f *figures) add(figure string, t tool, v float64) {
	if f.samples[figure] == nil {
		f.samples[figure] = map[string][]float64{}
	}
	f.samples[figure][t.name] = append(f.samples[figure][t.name], v)
}

// median is the median of a figure's samples for one tool, NaN for none.
func (f *figures) median(figure, toolName string) float64 {
	xs := f.samples[figure][toolName]
	if len(xs) == 0 {
		return math.NaN()
	}
	return measure.Median(xs)
}

// row makes the table row of a figure from the medians.
func (f *figures) row(figure string, u unit, t target) row {
	return row{name: figure, unit: u, bs: f.median(figure, "bpfscript"), bt: f.median(figure, "bpftrace"), target: t}
}

// worstRow makes the table row of a figure from the largest sample of
// each tool.
func (f *figures) worstRow(figure string, u unit, t target) row {
	largest := func(toolName string) float64 {
		xs := f.samples[figure][toolName]
		if len(xs) == 0 {
			return math.NaN()
		}
		return slices.Max(xs)
	}
	return row{name: figure, unit: u, bs: largest("bpfscript"), bt: largest("bpftrace"), target: t}
}

// fail notes a failed measurement once per distinct message.
func (f *figures) fail(t tool, what string, err error) {
	n := fmt.Sprintf("%s, %s: failed: %v", t.name, what, err)
	if !slices.Contains(f.notes, n) {
		f.notes = append(f.notes, n)
	}
}

// bpftraceNote is the note for a section when bpftrace is absent.
func (b *bench) bpftraceNote() []string {
	if b.bt.present() {
		return nil
	}
	return []string{"bpftrace is not installed on this machine: its figures are skipped."}
}
