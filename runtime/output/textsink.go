package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// outBuffer is the size of a sink's output buffer: events come in bursts,
// and a write per event would cost a system call each.
const outBuffer = 64 << 10

// TextSink writes bpftrace's text output: program output to out, buffered,
// and messages about the run ("Attached N probes", lost events, warnings,
// errors) to diag as they happen.
type TextSink struct {
	mu   sync.Mutex
	out  *bufio.Writer
	diag io.Writer
}

// NewTextSink returns a text sink writing to out and diag.
func NewTextSink(out, diag io.Writer) *TextSink {
	return &TextSink{out: bufio.NewWriterSize(out, outBuffer), diag: diag}
}

func (s *TextSink) write(text string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.out.WriteString(text)
	return err
}

func (s *TextSink) writeDiag(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	io.WriteString(s.diag, text)
}

func (s *TextSink) Printf(_ []printf.Directive, _ []value.Value, text string) error {
	return s.write(text)
}

func (s *TextSink) Print(v value.Value) error { return s.write(Text(v) + "\n") }

func (s *TextSink) PrintMap(m *value.Map, top, div int) error {
	if len(m.Entries) == 0 {
		// bpftrace prints an empty line for an empty map, so that
		// periodic reports keep their shape.
		return s.write("\n")
	}
	return s.write(MapText(m, top, div))
}

func (s *TextSink) ExitMaps(maps []*value.Map) error { return s.write(ExitMapsText(maps)) }

func (s *TextSink) Time(text string) error { return s.write(text) }

func (s *TextSink) Join(parts []string, sep string) error {
	return s.write(strings.Join(parts, sep) + "\n")
}

func (s *TextSink) System(output string) error { return s.write(output) }

func (s *TextSink) Cat(text string) error { return s.write(text) }

// Log flushes the program's output first, so that the message lands
// where the program sent it among its output on a shared terminal.
func (s *TextSink) Log(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out.Flush()
	io.WriteString(s.diag, text+"\n")
}

func (s *TextSink) Exit(int) error { return nil }

func (s *TextSink) LostEvents(n uint64) { s.writeDiag(fmt.Sprintf("Lost %d events\n", n)) }

func (s *TextSink) Attached(probes int) { s.writeDiag(AttachedText(probes)) }

func (s *TextSink) Warning(msg string) { s.writeDiag("WARNING: " + msg + "\n") }

func (s *TextSink) Error(err error) { s.writeDiag(ErrorText(err)) }

func (s *TextSink) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Flush()
}

// AttachedText is the text line that says every probe is attached.
func AttachedText(probes int) string {
	if probes == 1 {
		return "Attached 1 probe\n"
	}
	return fmt.Sprintf("Attached %d probes\n", probes)
}

// ErrorText is the text line of an error that ended a run.
func ErrorText(err error) string { return "bpfscript: " + err.Error() + "\n" }
