package runtime

import (
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/attach"
)

// EventOpener opens the perf events of attach points on a goroutine of its
// own. Opening is most of the cost of attaching (tens of microseconds per
// tracepoint, serialised in the kernel) and needs no program, so it
// overlaps with loading the programs, and may start even before they are
// compiled: a caller that knows the attach points once the program is
// checked opens them then and hands the opener to Run (Options.Events).
type EventOpener struct {
	done chan struct{}
	// points are the attached points it opens, known at once: a session
	// checks that they are its program's without waiting for the kernel.
	points map[*types.AttachPoint]bool
	events map[*types.AttachPoint]*attach.Event
	err    error // why the first point that failed did
	// failed are the points whose event did not open, in order, with
	// why: the session attaches the others when missing probes are
	// allowed (Options.MissingProbes).
	failed []failedPoint
}

type failedPoint struct {
	ap  *types.AttachPoint
	err error
}

// OpenEvents starts opening the events of every attach point that is
// attached (begin and end points are run, not attached).
func OpenEvents(aps []*types.AttachPoint) *EventOpener {
	o := &EventOpener{done: make(chan struct{}), points: map[*types.AttachPoint]bool{}, events: map[*types.AttachPoint]*attach.Event{}}
	var todo []*types.AttachPoint
	for _, ap := range aps {
		if ap.Kind.Attached() && !o.points[ap] {
			o.points[ap] = true
			todo = append(todo, ap)
		}
	}
	go o.open(todo)
	return o
}

// open opens the events of todo, one after another: the kernel registers
// one tracepoint at a time, and a second opener measured no faster.
func (o *EventOpener) open(todo []*types.AttachPoint) {
	defer close(o.done)
	for _, ap := range todo {
		ev, err := attach.Open(ap)
		if err != nil {
			if o.err == nil {
				o.err = err
			}
			o.failed = append(o.failed, failedPoint{ap, err})
			continue
		}
		o.events[ap] = ev
	}
}

// covers reports whether o opens (or tries to open) every attached point
// of aps. It does not wait for the opening: loading the programs goes on
// while the kernel opens the events.
func (o *EventOpener) covers(aps []*types.AttachPoint) bool {
	for _, ap := range aps {
		if ap.Kind.Attached() && !o.points[ap] {
			return false
		}
	}
	return true
}

// wait returns every point's events once all are open, or the first error.
func (o *EventOpener) wait() (map[*types.AttachPoint]*attach.Event, error) {
	<-o.done
	return o.events, o.err
}

// Close waits for the opening to end and closes every event not attached
// (attached ones belong to their links; closing them again does nothing).
// A nil EventOpener does nothing.
func (o *EventOpener) Close() {
	if o == nil {
		return
	}
	<-o.done
	for _, ev := range o.events {
		ev.Close()
	}
}
