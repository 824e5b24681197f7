package runtime

import (
	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/attach"
)

// eventOpener opens the perf events of a program's attached probes on a
// goroutine of its own. Opening is most of the cost of attaching (tens of
// microseconds per tracepoint, serialised in the kernel) and needs no
// program, so it overlaps with loading the programs.
type eventOpener struct {
	done   chan struct{}
	events map[*compiled.Probe]*attach.Event
	err    error
}

// openEvents starts opening the events of every probe that attaches.
func openEvents(prog *compiled.Program) *eventOpener {
	o := &eventOpener{done: make(chan struct{}), events: map[*compiled.Probe]*attach.Event{}}
	go func() {
		defer close(o.done)
		for _, p := range prog.Probes {
			if !p.Attach.Kind.Attached() {
				continue
			}
			ev, err := attach.Open(p.Attach)
			if err != nil {
				o.err = err
				return
			}
			o.events[p] = ev
		}
	}()
	return o
}

// wait returns every probe's events once all are open, or the first error.
func (o *eventOpener) wait() (map[*compiled.Probe]*attach.Event, error) {
	<-o.done
	return o.events, o.err
}

// close waits for the opening to end and closes every event not attached
// (attached ones belong to their links; closing them again does nothing).
func (o *eventOpener) close() {
	<-o.done
	for _, ev := range o.events {
		ev.Close()
	}
}
