// Package ir is the intermediate representation between the compiler and
// codegen: one Func per BPF program, a flat list of instructions over an
// unbounded set of virtual registers, named stack buffers (slots) and
// labels.
//
// It is deliberately close to BPF so that codegen stays a small, pure
// function: every instruction maps to one or a few BPF instructions once
// virtual registers have physical homes. What codegen decides and the
// compiler does not: which physical register or spill slot each virtual
// register gets, where each slot lives in the 512-byte frame, how helper
// arguments reach R1-R5, and jump offsets (resolved from labels by
// cilium/ebpf).
//
// Registers are not SSA: a register may be assigned on several paths (an if
// and its else), as the compiler uses them for scratch variables too.
package ir
