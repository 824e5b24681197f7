package runtime

import (
	"fmt"
	"sync"
	"time"

	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/cilium/ebpf"
)

// monitor reports, while a program runs and once more at its end, what
// would otherwise go unnoticed: events lost because the ring buffer was
// full ("Lost N events", as bpftrace says) and maps that are full, so that
// updates with new keys are being dropped (said once per map).
type monitor struct {
	plan     *compiler.Plan
	maps     map[string]*ebpf.Map
	counters *ebpf.Map
	sink     output.Sink

	mu       sync.Mutex
	lost     uint64 // lost events already reported
	fullSeen map[string]bool

	stop chan struct{}
	done chan struct{}
}

func newMonitor(plan *compiler.Plan, objs *objects, sink output.Sink) *monitor {
	return &monitor{
		plan:     plan,
		maps:     objs.maps,
		counters: objs.maps[compiler.CountersMap],
		sink:     sink,
		fullSeen: map[string]bool{},
	}
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
				m.check()
			}
		}
	}()
}

// finish stops the periodic checks and makes the last one.
func (m *monitor) finish() {
	if m.stop != nil {
		close(m.stop)
		<-m.done
		m.stop = nil
	}
	m.check()
}

func (m *monitor) check() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if lost := m.lostEvents(); lost > m.lost {
		m.sink.LostEvents(lost - m.lost)
		m.lost = lost
	}
	for _, spec := range m.plan.Maps {
		if spec.User == nil || m.fullSeen[spec.Name] {
			continue
		}
		if n := countKeys(m.maps[spec.Name], spec.MaxEntries); n >= spec.MaxEntries {
			m.fullSeen[spec.Name] = true
			m.sink.Warning(fmt.Sprintf("map %s is full (%d entries): updates with new keys are dropped", spec.Name, spec.MaxEntries))
		}
	}
}

// lostEvents reads the programs' count of events the ring buffer refused.
func (m *monitor) lostEvents() uint64 {
	var v uint64
	if m.counters == nil || m.counters.Lookup(uint32(0), &v) != nil {
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
