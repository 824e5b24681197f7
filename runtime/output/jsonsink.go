package output

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// JSONSink writes bpftrace's `-f json` output: one JSON object per line
// (NDJSON), `{"type": "...", "data": ...}`. As bpftrace, every object goes
// to out (the -o file, or standard output), attached_probes and
// lost_events included; warnings and errors are log messages, written as
// text to diag as the text sink does.
type JSONSink struct {
	mu   sync.Mutex
	out  *bufio.Writer
	diag io.Writer
	buf  []byte // the line being built, reused
}

// NewJSONSink returns a JSON sink writing to out and diag.
func NewJSONSink(out, diag io.Writer) *JSONSink {
	return &JSONSink{out: bufio.NewWriterSize(out, outBuffer), diag: diag}
}

// line writes one object: {"type": typ, "data": <what data appends>}.
func (s *JSONSink) line(typ string, data func(b []byte) []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := append(s.buf[:0], `{"type": "`...)
	b = append(b, typ...)
	b = append(b, `", "data": `...)
	b = data(b)
	b = append(b, "}\n"...)
	s.buf = b
	_, err := s.out.Write(b)
	return err
}

func (s *JSONSink) stringLine(typ, text string) error {
	return s.line(typ, func(b []byte) []byte { return appendJSONString(b, text) })
}

func (s *JSONSink) Printf(_ []printf.Directive, _ []value.Value, text string) error {
	return s.stringLine("printf", text)
}

func (s *JSONSink) Print(v value.Value) error {
	return s.line("value", func(b []byte) []byte { return appendJSONValue(b, v, 1) })
}

// PrintMap writes nothing for an empty map, as upstream.
func (s *JSONSink) PrintMap(m *value.Map, top, div int) error {
	if len(m.Entries) == 0 {
		return nil
	}
	if div <= 0 {
		div = 1
	}
	return s.line(mapType(m), func(b []byte) []byte { return appendJSONMap(b, m, top, uint64(div)) })
}

// ExitMaps writes one line per map, in name order.
func (s *JSONSink) ExitMaps(maps []*value.Map) error {
	for _, m := range sortedByName(maps) {
		if err := s.PrintMap(m, 0, 1); err != nil {
			return err
		}
	}
	return nil
}

func (s *JSONSink) Time(text string) error { return s.stringLine("time", text) }

func (s *JSONSink) Join(parts []string, sep string) error {
	return s.stringLine("join", strings.Join(parts, sep))
}

// System writes a system() command's output as bpftrace does: a line of
// type "syscall".
func (s *JSONSink) System(output string) error { return s.stringLine("syscall", output) }

func (s *JSONSink) Cat(text string) error { return s.stringLine("cat", text) }

func (s *JSONSink) Log(text string) { s.writeDiag(text + "\n") }

func (s *JSONSink) Exit(int) error { return nil }

// LostEvents is written out at once: the monitor reports it while the
// event loop may be waiting.
func (s *JSONSink) LostEvents(n uint64) {
	s.line("lost_events", func(b []byte) []byte {
		b = append(b, `{"events": `...)
		b = strconv.AppendUint(b, n, 10)
		return append(b, '}')
	})
	s.Flush()
}

func (s *JSONSink) Attached(probes int) {
	s.line("attached_probes", func(b []byte) []byte {
		b = append(b, `{"probes": `...)
		b = strconv.AppendInt(b, int64(probes), 10)
		return append(b, '}')
	})
	s.Flush()
}

func (s *JSONSink) Warning(msg string) { s.writeDiag("WARNING: " + msg + "\n") }

func (s *JSONSink) Error(err error) { s.writeDiag(ErrorText(err)) }

func (s *JSONSink) writeDiag(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	io.WriteString(s.diag, text)
}

func (s *JSONSink) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Flush()
}
