package bpfscript

import (
	"slices"
	"strings"
	"sync"

	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// Sink receives everything a running program outputs, as values: set it
// in RunOptions.Sink. The runtime has two that write text (bpftrace's
// output, and its JSON lines: output.NewSink); EventSink and EventChan
// hand the output over as Events. An embedder may implement its own.
type Sink = output.Sink

// Event is one thing a running program outputs, as EventSink and
// EventChan deliver it: a *PrintfEvent, *PrintEvent, *PrintMapEvent,
// *MapsEvent, *TimeEvent, *JoinEvent, *ExitEvent, *LostEvent,
// *AttachedEvent, *WarningEvent or *ErrorEvent.
type Event interface{ event() }

// PrintfEvent is one printf().
type PrintfEvent struct {
	Format string  // the format string (its escapes such as \n resolved)
	Args   []Value // the arguments, decoded
	Text   string  // the formatted text, as the bpfscript command prints it
}

// PrintEvent is print() of a value other than a map.
type PrintEvent struct{ Value Value }

// PrintMapEvent is print(@m, top, div): the map as it was when the
// program asked. Top > 0 asks for only the Top largest entries (Map.Top),
// Div > 1 for values divided by Div.
type PrintMapEvent struct {
	Map      *Map
	Top, Div int
}

// MapsEvent holds the maps that are not empty when the program or session
// ends, as the bpfscript command prints them then.
type MapsEvent struct{ Maps []*Map }

// TimeEvent is time(): the formatted time.
type TimeEvent struct{ Text string }

// SystemEvent is what a command run by system() wrote to its standard
// output.
type SystemEvent struct{ Output string }

// CatEvent is cat(): the contents of a file.
type CatEvent struct{ Text string }

// LogEvent is a message the program prints about itself: errorf, warnf,
// debugf, a failed assert. Text starts "stdin:1:9-62: WARNING: ...",
// and the source line it comes from may follow.
type LogEvent struct{ Text string }

// JoinEvent is join(): the strings and their separator.
type JoinEvent struct {
	Parts []string
	Sep   string
}

// ExitEvent is exit(Code): a program asks to stop.
type ExitEvent struct{ Code int }

// LostEvent counts events the ring buffer had no room for (since the
// last LostEvent), because they came faster than the sink took them.
type LostEvent struct{ Count uint64 }

// AttachedEvent says a program's probes are attached (not sent with
// RunOptions.Quiet).
type AttachedEvent struct{ Probes int }

// WarningEvent is a message about the run that does not stop it, such as
// a full map.
type WarningEvent struct{ Message string }

// ErrorEvent is an error that ended the handling of events.
type ErrorEvent struct{ Err error }

func (*PrintfEvent) event()   {}
func (*PrintEvent) event()    {}
func (*PrintMapEvent) event() {}
func (*MapsEvent) event()     {}
func (*TimeEvent) event()     {}
func (*SystemEvent) event()   {}
func (*CatEvent) event()      {}
func (*LogEvent) event()      {}
func (*JoinEvent) event()     {}
func (*ExitEvent) event()     {}
func (*LostEvent) event()     {}
func (*AttachedEvent) event() {}
func (*WarningEvent) event()  {}
func (*ErrorEvent) event()    {}

// EventSink returns a Sink that calls f with every event, one call at a
// time. The session waits for f: while it runs, events queue in the
// kernel's ring buffer, and those that do not fit are lost (and counted
// in a LostEvent). An error from f ends the handling of events, as a
// failing writer ends the text output; it is dropped for the events that
// report on the run (lost events, warnings, errors).
func EventSink(f func(Event) error) Sink { return &eventSink{call: f} }

// EventChan returns a Sink that sends every event on ch. The receiver
// must go on receiving until Program.Run or Session.Close has returned:
// they deliver the final maps (a MapsEvent) last.
func EventChan(ch chan<- Event) Sink {
	return EventSink(func(e Event) error {
		ch <- e
		return nil
	})
}

type eventSink struct {
	mu   sync.Mutex // the monitor reports while events are handled
	call func(Event) error
}

func (s *eventSink) f(e Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.call(e)
}

func (s *eventSink) Printf(format []printf.Directive, args []value.Value, text string) error {
	// The runtime reuses args from event to event.
	return s.f(&PrintfEvent{Format: formatString(format), Args: slices.Clone(args), Text: text})
}

func (s *eventSink) Print(v value.Value) error { return s.f(&PrintEvent{Value: v}) }

func (s *eventSink) PrintMap(m *value.Map, top, div int) error {
	return s.f(&PrintMapEvent{Map: m, Top: top, Div: div})
}

func (s *eventSink) ExitMaps(maps []*value.Map) error { return s.f(&MapsEvent{Maps: maps}) }
func (s *eventSink) Time(text string) error           { return s.f(&TimeEvent{Text: text}) }
func (s *eventSink) Join(parts []string, sep string) error {
	return s.f(&JoinEvent{Parts: parts, Sep: sep})
}
func (s *eventSink) Cat(text string) error      { return s.f(&CatEvent{Text: text}) }
func (s *eventSink) Log(text string)            { s.f(&LogEvent{Text: text}) }
func (s *eventSink) System(output string) error { return s.f(&SystemEvent{Output: output}) }
func (s *eventSink) Exit(code int) error        { return s.f(&ExitEvent{Code: code}) }
func (s *eventSink) LostEvents(n uint64)        { s.f(&LostEvent{Count: n}) }
func (s *eventSink) Attached(probes int)        { s.f(&AttachedEvent{Probes: probes}) }
func (s *eventSink) Warning(msg string)         { s.f(&WarningEvent{Message: msg}) }
func (s *eventSink) Error(err error)            { s.f(&ErrorEvent{Err: err}) }
func (s *eventSink) Flush() error               { return nil }

// formatString puts a parsed printf format back together.
func formatString(format []printf.Directive) string {
	var b strings.Builder
	for _, d := range format {
		if d.Verb == 0 {
			b.WriteString(strings.ReplaceAll(d.Lit, "%", "%%"))
		} else {
			b.WriteString(d.Lit)
		}
	}
	return b.String()
}
