package bpfscript

import (
	"io"
	"sort"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// What a session can tell about itself while it runs: the probes of each
// attachment and how often they ran, and the shape of its maps. The
// interactive shell shows these (:probes, :maps).

// ProbeNames returns the attach points of the attachment's program, in
// script order: "tracepoint:syscalls:sys_enter_openat", "BEGIN".
func (a *Attachment) ProbeNames() []string {
	names := make([]string, len(a.Program.Compiled.Probes))
	for i, p := range a.Program.Compiled.Probes {
		names[i] = p.Attach.Name
	}
	return names
}

// Hits returns how many times the attachment's attached probes have run
// (begin and end probes, which run once, are not counted). The kernel
// counts only while BPF statistics are enabled: see EnableStats.
func (a *Attachment) Hits() (uint64, error) { return a.rt.RunCount() }

// EnableStats makes the kernel count the runs of every BPF program until
// the returned Closer is closed (it costs a little on every run of every
// program, so only a session that shows the counts should ask).
func EnableStats() (io.Closer, error) { return ebpf.EnableStats(unix.BPF_STATS_RUN_TIME) }

// MapInfo describes one user map of a session.
type MapInfo struct {
	Name       string      // "@x"
	Kind       string      // the kind of BPF map: "hash", "percpu_hash", ...
	Key, Value *types.Type // Key is nil for a map without keys (@x)
	MaxEntries int         // the kernel map's capacity
	KeySize    int         // bytes of the kernel map's key
	ValueSize  int         // bytes of the kernel map's value
}

// MapInfo returns the session's user maps, in name order.
func (s *Session) MapInfo() []MapInfo {
	var out []MapInfo
	for name, m := range s.rt.MapSpecs() {
		if m.User == nil {
			continue
		}
		out = append(out, MapInfo{Name: name, Kind: m.Kind.String(), Key: m.User.Key, Value: m.User.Value,
			MaxEntries: m.MaxEntries, KeySize: m.KeySize, ValueSize: m.ValueSize})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
