package runtime

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/output"
	"golang.org/x/sys/unix"
)

// The events of the standard library's messages: cat(), errorf(), warnf(),
// debugf() and assert().

// formatArgs decodes an event's arguments and formats them with its
// format. The caller holds s.mu.
func (s *Session) formatArgs(ev *compiled.Event, payload []byte) (string, error) {
	s.args = s.args[:0]
	for _, f := range ev.Args.Fields {
		s.args = append(s.args, s.dec.Decode(f.Type, payload[f.Offset:f.Offset+f.Type.Size]))
	}
	return output.FormatPrintf(ev.Directives, s.args)
}

// cat prints up to ev.MaxBytes of the file the event names, or says why it
// cannot, as upstream.
func (s *Session) cat(ev *compiled.Event, payload []byte) error {
	name, err := s.formatArgs(ev, payload)
	if err != nil {
		return err
	}
	f, err := os.Open(name)
	if err != nil {
		s.sink.Log(fmt.Sprintf("ERROR: failed to open file '%s': %s", name, cError(err)))
		return nil
	}
	defer f.Close()
	buf := make([]byte, ev.MaxBytes)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		s.sink.Log(fmt.Sprintf("ERROR: failed to read file '%s': %s", name, cError(err)))
		return nil
	}
	return s.sink.Cat(string(buf[:n]))
}

// cError is the C library's message for the errno err carries.
func cError(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return output.Resolve("strerror", uint64(errno))
	}
	return err.Error()
}

// log prints an errorf(), warnf() or debugf() message, with where it
// comes from in the program.
func (s *Session) log(ev *compiled.Event, payload []byte) error {
	if s.opts.NoWarnings && ev.Level == "WARNING" {
		return nil
	}
	text, err := s.formatArgs(ev, payload)
	if err != nil {
		return err
	}
	msg := ev.Where + ": " + ev.Level + ": " + text
	if ev.Context != "" {
		msg += "\n" + ev.Context
	}
	s.sink.Log(msg)
	return nil
}

// taiOffset is CLOCK_TAI minus CLOCK_BOOTTIME now, which nsecs(sw_tai)
// adds to the boot clock.
func taiOffset() uint64 {
	var tai, boot unix.Timespec
	if unix.ClockGettime(unix.CLOCK_TAI, &tai) != nil || unix.ClockGettime(unix.CLOCK_BOOTTIME, &boot) != nil {
		return 0
	}
	return uint64(tai.Nano() - boot.Nano())
}
