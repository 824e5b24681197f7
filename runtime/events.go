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
	done   chan struct{}
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
	o := &EventOpener{done: make(chan struct{}), events: map[*types.AttachPoint]*attach.Event{}}
	go func() {
		defer close(o.done)
		for _, ap := range aps {
			if !ap.Kind.Attached() {
				continue
			}
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
	}()
	return o
}

// covers reports whether o opens every attached point of aps.
func (o *EventOpener) covers(aps []*types.AttachPoint) bool {
	<-o.done
	if o.err != nil {
		return true // the error is the answer
	}
	for _, ap := range aps {
		if _, ok := o.events[ap]; !ok && ap.Kind.Attached() {
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
