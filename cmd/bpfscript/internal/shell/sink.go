package shell

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// syncMark starts the text of the printf the shell adds after a statement
// it runs: when the sink sees it, everything the statement printed has
// been handled (the event ring is in order). It is not printed.
const syncMark = "bpfscript-shell-sync:"

// sink is the session's sink: it passes everything to the text or the
// JSON sink (:json switches), notes when events last printed (to tell a
// flood from a quiet session at Ctrl-C), and swallows the shell's sync
// marks.
type sink struct {
	screen     *screen
	text, json output.Sink

	mu        sync.Mutex
	jsonOn    bool
	lastEvent time.Time
	muteUntil int // the sync mark that ends a mute; 0 for none
	synced    chan int
}

func newSink(scr *screen, out, diag interface{ Write([]byte) (int, error) }, json bool) *sink {
	return &sink{
		screen: scr,
		text:   output.NewTextSink(out, diag),
		json:   output.NewJSONSink(out, diag),
		jsonOn: json,
		synced: make(chan int, 64),
	}
}

// setJSON switches the output format.
func (s *sink) setJSON(on bool) {
	s.cur().Flush()
	s.mu.Lock()
	s.jsonOn = on
	s.mu.Unlock()
}

func (s *sink) cur() output.Sink {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.jsonOn {
		return s.json
	}
	return s.text
}

// event notes that a probe printed.
func (s *sink) event() output.Sink {
	s.mu.Lock()
	s.lastEvent = time.Now()
	s.mu.Unlock()
	return s.cur()
}

// printingSince reports whether events printed within d.
func (s *sink) printingSince(d time.Duration) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return time.Since(s.lastEvent) < d
}

// muteUntilSync drops output until sync mark n comes through. It does
// not wait for the sink: a print in progress holds it.
func (s *sink) muteUntilSync(n int) {
	s.screen.mute()
	s.mu.Lock()
	s.muteUntil = n
	s.mu.Unlock()
}

// unmuteNow ends a mute at once: the sync mark it waits for will not come.
func (s *sink) unmuteNow() {
	s.mu.Lock()
	s.muteUntil = 0
	s.mu.Unlock()
	s.screen.unmute()
}

func (s *sink) Printf(format []printf.Directive, args []value.Value, text string) error {
	if n, ok := strings.CutPrefix(text, syncMark); ok {
		id, _ := strconv.Atoi(n)
		s.mu.Lock()
		unmute := s.muteUntil != 0 && id >= s.muteUntil
		if unmute {
			s.muteUntil = 0
		}
		s.mu.Unlock()
		// What came before the mark is written before anyone hears of it.
		s.cur().Flush()
		if unmute {
			if dropped := s.screen.unmute(); dropped > 0 {
				s.screen.Write([]byte("(" + strconv.Itoa(dropped) + " lines of output dropped)\n"))
			}
		}
		select {
		case s.synced <- id:
		default: // nobody waits for it any more
		}
		return nil
	}
	return s.event().Printf(format, args, text)
}

func (s *sink) Print(v value.Value) error                 { return s.event().Print(v) }
func (s *sink) PrintMap(m *value.Map, top, div int) error { return s.event().PrintMap(m, top, div) }
func (s *sink) ExitMaps(maps []*value.Map) error          { return s.cur().ExitMaps(maps) }
func (s *sink) Time(text string) error                    { return s.event().Time(text) }
func (s *sink) Join(parts []string, sep string) error     { return s.event().Join(parts, sep) }
func (s *sink) System(output string) error                { return s.event().System(output) }
func (s *sink) Cat(text string) error                     { return s.event().Cat(text) }
func (s *sink) Log(text string)                           { s.cur().Log(text) }
func (s *sink) Exit(code int) error                       { return s.cur().Exit(code) }
func (s *sink) LostEvents(n uint64)                       { s.cur().LostEvents(n) }
func (s *sink) Attached(probes int)                       { s.cur().Attached(probes) }
func (s *sink) Warning(msg string)                        { s.cur().Warning(msg) }
func (s *sink) Error(err error)                           { s.cur().Error(err) }

// Flush writes out what the current sink holds and brings the prompt back
// under it.
func (s *sink) Flush() error {
	err := s.cur().Flush()
	s.screen.flushed()
	return err
}
