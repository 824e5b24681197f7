package output

import (
	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// Sink receives everything a running program outputs, as decoded values:
// the runtime calls it and never writes to an io.Writer itself. TextSink
// writes bpftrace's text output, JSONSink its `-f json` lines.
//
// Methods may be called from more than one goroutine (the monitor reports
// lost events and warnings while events are handled); sinks serialise
// them. Output may be buffered until Flush.
type Sink interface {
	// Printf is one printf(): its parsed format, its arguments and the
	// text they make.
	Printf(format []printf.Directive, args []value.Value, text string) error
	// Print is print() of a value other than a map.
	Print(v value.Value) error
	// PrintMap is print(@m, top, div); top > 0 keeps the top largest
	// entries, div > 1 divides the values.
	PrintMap(m *value.Map, top, div int) error
	// ExitMaps are the non-empty maps printed when the program ends.
	ExitMaps(maps []*value.Map) error
	// Time is time(): the formatted time.
	Time(text string) error
	// Join is join(): the strings and their separator.
	Join(parts []string, sep string) error
	// System is what a system() command wrote to its standard output.
	System(output string) error
	// Cat is cat(): the contents of a file.
	Cat(text string) error
	// Log is a message the program prints about itself (errorf, warnf,
	// debugf, a failed assert, a delete() of a missing key, cat() of a
	// file it cannot read) for the diagnostic stream: its first line is
	// "stdin:1:9-62: WARNING: ...", the source line it comes from may
	// follow. It has no final newline.
	Log(text string)
	// Exit is exit(code), when the program asks to stop.
	Exit(code int) error
	// LostEvents reports events the ring buffer had no room for.
	LostEvents(n uint64)
	// Attached reports that every probe is attached.
	Attached(probes int)
	// Warning is a message about the run that does not stop it.
	Warning(msg string)
	// Error is the error that ended the run.
	Error(err error)
	// Flush writes out whatever is buffered.
	Flush() error
}
