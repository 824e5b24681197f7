package compiled

import "github.com/cilium/ebpf/asm"

// Const names a value known only when a program is loaded. Code loads it
// with a 64-bit immediate load whose reference is the Const's name; the
// runtime writes the value into the instruction before loading it.
type Const string

const (
	// StartNS is CLOCK_BOOTTIME in nanoseconds when the program was
	// loaded: the origin of `elapsed`.
	StartNS Const = "const.start_ns"
	// ChildPID is the pid of the command the run traces (-c): `cpid`.
	ChildPID Const = "const.child_pid"
	// NumCPUs is the number of CPUs: `ncpus`.
	NumCPUs Const = "const.ncpus"
	// TAIOffset is CLOCK_TAI minus CLOCK_BOOTTIME when the program was
	// loaded, in nanoseconds: nsecs(sw_tai) adds it to the boot time.
	TAIOffset Const = "const.tai_offset"
)

// ConstOf returns the Const an instruction loads, if it loads one.
func ConstOf(ins *asm.Instruction) (Const, bool) {
	if ins.OpCode != asm.LoadImmOp(asm.DWord) || ins.IsLoadFromMap() {
		return "", false
	}
	switch c := Const(ins.Reference()); c {
	case StartNS, ChildPID, NumCPUs, TAIOffset:
		return c, true
	}
	return "", false
}

// Consts are the values of every Const for one load.
type Consts struct {
	StartNS   uint64
	ChildPID  uint64
	NumCPUs   uint64
	TAIOffset uint64
}

// Value returns the value of c.
func (v Consts) Value(c Const) uint64 {
	switch c {
	case StartNS:
		return v.StartNS
	case ChildPID:
		return v.ChildPID
	case NumCPUs:
		return v.NumCPUs
	case TAIOffset:
		return v.TAIOffset
	}
	return 0
}
