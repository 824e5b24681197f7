package runtime

import (
	"context"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// mapIDs lists the kernel's maps.
func mapIDs(t *testing.T) map[ebpf.MapID]bool {
	t.Helper()
	ids := map[ebpf.MapID]bool{}
	var id ebpf.MapID
	for {
		next, err := ebpf.MapGetNextID(id)
		if err != nil {
			return ids
		}
		ids[next] = true
		id = next
	}
}

// TestVerifierRejection loads a plan whose second program dereferences a
// number: the error must name that probe and show the
// verifier's complaint, and the maps and first program created before the
// rejection must be gone.
func TestVerifierRejection(t *testing.T) {
	good := asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()}
	bad := asm.Instructions{asm.Mov.Imm(asm.R0, 5), asm.LoadMem(asm.R0, asm.R0, 0, asm.DWord), asm.Return()}
	prog := &compiled.Program{
		Maps: []*compiled.Map{
			{Name: compiled.EventsMap, Kind: compiled.RingBufMap, MaxEntries: 4096},
			{Name: "@x", Kind: compiled.HashMap, KeySize: 8, ValueSize: 8, MaxEntries: 16,
				User: &types.Map{Name: "@x", Value: types.Int64}},
		},
		Probes: []*compiled.Probe{
			{Name: "good", Attach: &types.AttachPoint{Kind: types.BeginProbe, Name: "BEGIN"}, Code: &compiled.Code{Kind: types.BeginProbe, Insns: good}},
			{Name: "bad", Attach: &types.AttachPoint{Kind: types.EndProbe, Name: "END"}, Code: &compiled.Code{Kind: types.EndProbe, Insns: bad}},
		},
	}
	before := mapIDs(t)
	var out, diag strings.Builder
	code2, err := Run(context.Background(), prog, Options{Out: &out, Diag: &diag})
	if err == nil || code2 != 1 {
		t.Fatalf("Run = %d, %v; want a verifier error", code2, err)
	}
	msg := err.Error()
	for _, want := range []string{"verifier rejected the program for END", "invalid mem access"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q:\n%s", want, msg)
		}
	}
	for id := range mapIDs(t) {
		if before[id] {
			continue
		}
		m, err := ebpf.NewMapFromID(id)
		if err != nil {
			continue // gone meanwhile
		}
		info, _ := m.Info()
		m.Close()
		if info != nil && (info.Name == "AT_x" || info.Name == "events") {
			t.Errorf("map %s (id %d) left behind", info.Name, id)
		}
	}
	if out.Len() != 0 || diag.Len() != 0 {
		t.Errorf("output before a failed load: %q %q", out.String(), diag.String())
	}
}

func TestKernelMapName(t *testing.T) {
	for in, want := range map[string]string{
		"@":                  "AT_",
		"@x":                 "AT_x",
		"@a_very_long_name1": "AT_a_very_long_",
		compiled.EventsMap:   "events",
	} {
		if got := kernelMapName(in); got != want {
			t.Errorf("kernelMapName(%q) = %q, want %q", in, got, want)
		}
	}
}
