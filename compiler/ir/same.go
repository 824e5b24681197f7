package ir

import "slices"

// Fingerprint is a cheap hash of everything in f that the generated code
// depends on: equal functions (SameCode) have equal fingerprints. The
// compiler buckets functions by it so that telling them apart costs no
// rendering to text.
func (f *Func) Fingerprint() uint64 {
	h := fnv{sum: 14695981039346656037}
	h.int(int64(f.Ctx))
	h.int(int64(f.NumRegs))
	for _, s := range f.Slots {
		h.int(int64(s.Size))
	}
	for i := range f.Insns {
		in := &f.Insns[i]
		h.int(int64(in.Op) | int64(in.Cond)<<8 | int64(in.ALU)<<16 | int64(in.Helper)<<24)
		h.int(int64(in.Dst)<<32 | int64(in.A))
		h.value(in.B)
		h.int(int64(in.Size))
		h.mem(in.Mem)
		h.mem(in.Src)
		h.str(in.Label)
		if in.Signed {
			h.int(1)
		}
		if in.Kfunc != nil {
			h.str(in.Kfunc.Name)
		}
		for _, a := range in.Args {
			h.value(a)
		}
	}
	for _, p := range f.Params {
		h.int(int64(p))
	}
	for _, sub := range f.Subprogs {
		h.int(int64(sub.Fingerprint()))
	}
	return h.sum
}

// SameCode reports whether a and b compile to the same instructions: they
// may differ only in their names and comments, which are for dumps.
func SameCode(a, b *Func) bool {
	if a.Ctx != b.Ctx || a.NumRegs != b.NumRegs || len(a.Slots) != len(b.Slots) || len(a.Insns) != len(b.Insns) ||
		!slices.Equal(a.Params, b.Params) || len(a.Subprogs) != len(b.Subprogs) {
		return false
	}
	// Subprograms are referred to by name, so names count here.
	for i := range a.Subprogs {
		if a.Subprogs[i].Name != b.Subprogs[i].Name || !SameCode(a.Subprogs[i], b.Subprogs[i]) {
			return false
		}
	}
	for i := range a.Slots {
		if a.Slots[i].Size != b.Slots[i].Size {
			return false
		}
	}
	for i := range a.Insns {
		x, y := &a.Insns[i], &b.Insns[i]
		if x.Op != y.Op || x.Cond != y.Cond || x.ALU != y.ALU || x.Helper != y.Helper || x.Signed != y.Signed ||
			x.Dst != y.Dst || x.A != y.A || x.B != y.B || x.Size != y.Size || x.Mem != y.Mem || x.Src != y.Src ||
			x.Label != y.Label || !slices.Equal(x.Args, y.Args) {
			return false
		}
		if (x.Kfunc == nil) != (y.Kfunc == nil) || x.Kfunc != nil && *x.Kfunc != *y.Kfunc {
			return false
		}
	}
	return true
}

// fnv mixes 64-bit words FNV-1a style, a word at a time rather than a
// byte at a time: a fingerprint only needs to spread, not to resist
// attack, and it is computed for every probe at every start.
type fnv struct{ sum uint64 }

func (h *fnv) int(v int64) {
	h.sum = (h.sum ^ uint64(v)) * 1099511628211
}

func (h *fnv) str(s string) {
	h.int(int64(len(s)))
	for i := 0; i < len(s); i++ {
		h.sum = (h.sum ^ uint64(s[i])) * 1099511628211
	}
}

func (h *fnv) value(v Value) {
	h.int(int64(v.Kind) | int64(v.Reg)<<8)
	h.int(v.Imm)
	h.str(v.Map)
	h.mem(v.Mem)
}

func (h *fnv) mem(m Mem) {
	h.int(int64(m.Slot)<<32 | int64(m.Base))
	h.int(int64(m.Off))
}
