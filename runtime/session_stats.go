package runtime

import (
	"github.com/bpfscript/bpfscript/compiled"
)

// RunCount returns how many times the attachment's attached probes have run
// since it was loaded, summed over its programs (probes sharing code share
// a count). The kernel counts only while BPF statistics are enabled
// (ebpf.EnableStats): runs before that are not counted. Begin and end
// probes, which run once, are left out.
func (a *Attachment) RunCount() (uint64, error) {
	var total uint64
	seen := map[*compiled.Code]bool{}
	for _, p := range a.prog.Probes {
		if !p.Attach.Kind.Attached() || seen[p.Code] {
			continue
		}
		seen[p.Code] = true
		st, err := a.loaded.progs[p.Code].Stats()
		if err != nil {
			return 0, err
		}
		total += st.RunCount
	}
	return total, nil
}
