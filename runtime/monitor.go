package runtime

import (
	"fmt"
	"sync"
	"time"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/cilium/ebpf"
)

// monitor reports, while a program runs and once more at its end, what
// would otherwise go unnoticed: events lost because the ring buffer was
// full ("Lost N events", as bpftrace says) and maps that are full, so that
// updates with new keys are being dropped (said once per map).
type monitor struct {
	s    *Session
	sink output.Sink

	mu       sync.Mutex
	lost     uint64 // lost events already reported
	fullSeen map[string]bool

	stop chan struct{}
	done chan struct{}
}

func newMonitor(s *Session, sink output.Sink) *monitor {
	return &monitor{s: s, sink: sink, fullSeen: map[string]bool{}}
}

// start checks every interval until stopped.
func (m *monitor) start(interval time.Duration) {
	m.stop, m.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(m.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-m.stop:
				return
			case <-t.C:
				m.s.mu.Lock()
				maps, counters := m.s.userMaps(), m.s.counters()
				m.s.mu.Unlock()
				m.check(maps, counters)
			}
		}
	}()
}

// stopTicking stops the periodic checks. The caller must not hold the
// session's lock, which a check takes.
func (m *monitor) stopTicking() {
	if m.stop != nil {
		close(m.stop)
		<-m.done
		m.stop = nil
	}
}

// check looks at the session's maps once. It is called with the session's
// lock held (at the end) or not (periodically), so it takes what it needs
// from the session through sessionMaps.
func (m *monitor) check(maps []*sessionMap, counters *ebpf.Map) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if lost := lostEvents(counters); lost > m.lost {
		m.sink.LostEvents(lost - m.lost)
		m.lost = lost
	}
	for _, sm := range maps {
		spec := sm.spec
		if m.fullSeen[spec.Name] || spec.LRU || scalarMap(spec) {
			// An LRU map evicts entries rather than dropping updates; a
			// scalar map (declared with one entry) has no new keys.
			continue
		}
		if n := countKeys(sm.m, spec.MaxEntries); n >= spec.MaxEntries {
			m.fullSeen[spec.Name] = true
			m.sink.Warning(fmt.Sprintf("map %s is full (%d entries): updates with new keys are dropped", spec.Name, spec.MaxEntries))
		}
	}
}

// lostEvents reads the programs' count of events the ring buffer refused.
func lostEvents(counters *ebpf.Map) uint64 {
	var v uint64
	if counters == nil || counters.Lookup(uint32(0), &v) != nil {
		return 0
	}
	return v
}

// countKeys counts a map's keys, stopping at limit.
func countKeys(m *ebpf.Map, limit int) int {
	n := 0
	var cur any
	for n < limit {
		next, err := m.NextKeyBytes(cur)
		if err != nil || next == nil {
			break
		}
		cur = next
		n++
	}
	return n
}

// scalarMap reports whether a user map has one key only: no user key and
// no histogram buckets.
func scalarMap(spec *compiled.Map) bool {
	return spec.User != nil && spec.User.Key == nil && !spec.Buckets
}
