// Package codegen turns one ir.Func, with its subprograms, into eBPF
// instructions that the kernel verifier accepts: Generate is a pure
// function from IR to asm.Instructions.
//
// The pipeline, each step in its own file:
//
//   - validate.go checks the IR (registers, slots, labels, sizes) so that
//     later steps can assume it is well formed.
//   - lower.go rewrites what has no single BPF equivalent into simpler IR:
//     Zero becomes immediate stores, Copy becomes load/store pairs through a
//     fresh virtual register, immediates BPF cannot encode (wider than
//     int32, or a constant zero divisor) move into fresh registers, and
//     instructions no path reaches are dropped.
//   - liveness.go computes, for every instruction, which virtual registers
//     are live after it, by backward dataflow over the control-flow graph
//     the labels, jumps and branches describe.
//   - regalloc.go gives every virtual register a home: a physical register,
//     or an 8-byte spill slot in the frame. It is a Chaitin-Briggs graph
//     colouring allocator with conservative (Briggs) coalescing of moves,
//     biased colour choice (helper arguments prefer R1-R5, call results and
//     exit values R0, the context R1) and spill-everywhere rewriting: a
//     spilled register is reloaded into a short-lived temporary before each
//     use and stored from one after each definition, and colouring runs
//     again. Helper calls clobber R0-R5, so a register live across a call
//     may only get R6-R9. Helper arguments, call results and exit values
//     read and write spill slots directly, so they need no temporaries.
//     No physical register is reserved for scratch use: every temporary is
//     a virtual register the allocator places like any other. Results
//     nobody reads are dropped first (dead-code elimination), which
//     shortens live ranges.
//   - spillslots.go then lets spill slots whose values are never live at
//     the same time share stack space (liveness of the slots, greedy
//     colouring), so many short-lived spills fit the frame.
//   - emit.go lays out the frame (IR slots first, 8-byte aligned, then
//     spill slots; at most 512 bytes) and translates each instruction.
//     Helper arguments are moved into R1-R5 as a parallel move, so an
//     argument already sitting in another argument register is never
//     clobbered before it is read.
//   - cleanup.go threads jumps to jumps, drops jumps to the next
//     instruction and instructions no path reaches (the verifier rejects
//     those), and removes labels nothing refers to.
//
// Jumps refer to labels by symbol and cilium/ebpf resolves the offsets. The
// first instruction carries the function's name as its symbol.
//
// A program's Subprogs (callbacks such as a for-map loop's body) go through
// the same steps each, with registers and a frame of their own; their
// arguments arrive in R1-R5 (Func.Params, moved to their homes on entry as
// the context is), and their code follows the program's, each function
// described in BTF (static for callbacks), as the kernel requires of a
// program that passes a function's address (ir.FuncAddr, a BPF_PSEUDO_FUNC
// load). The verifier adds up the frames along a chain of calls, so
// subprogs.go checks that chain against the 512 bytes, and drops functions
// whose only references were unreachable code.
//
// Comments in the IR are kept out of the loadable program, since the
// kernel rejects line information without function information;
// GenerateAnnotated attaches them as asm.Comment sources for dumps.
package codegen
