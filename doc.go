// Package bpfscript compiles and runs bpftrace-style tracing programs
// straight to eBPF, without LLVM. It is the library behind the bpfscript
// command:
//
//	prog, err := bpfscript.Compile(`tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }`, bpfscript.Options{})
//	if err != nil {
//		fmt.Print(bpfscript.FormatError(err, src)) // file:line:col, source line, caret
//	}
//	code, err := prog.Run(ctx, bpfscript.RunOptions{Out: os.Stdout})
//
// Compile runs the pipeline: lang/parser (source → AST), lang/types (types
// from the kernel's tracepoint formats), compiler (AST → IR → BPF
// instructions, through codegen), which hands over one compiled.Program:
// maps, programs with their code, events. Run gives it to runtime, which
// loads, attaches, hands the output to a sink and cleans up. Options carry
// the positional parameters, config values (max_strlen, max_map_keys), a
// BTF file to use instead of the kernel's, and Unsafe.
//
// # Sessions
//
// A Session runs programs added over time against shared maps: Add compiles
// a program against the session's maps (their types are fixed; a use that
// disagrees is a positioned error), loads and attaches it; Detach removes
// it; Map and Maps read maps as decoded Go values at any moment (Value.Go
// gives plain Go values); Update, Delete, ClearMap and ZeroMap change them
// from Go, and the programs see the change at once; Close runs the end
// probes and delivers the final maps. NewSessionContext and Wait tie a
// session to a context.Context: when it is done the session closes as
// Close does, leaving nothing in the kernel.
//
// # Output
//
// A running program's output goes to a Sink (RunOptions.Sink): text as the
// command prints it by default, or Events, typed Go values, through
// EventSink or EventChan: printf lines with their arguments, print values,
// maps, exit, lost events, warnings and errors.
//
// # Errors
//
// Errors are typed, for errors.As: *CompileError holds every error of a
// program with its position and the rendered text; *VerifierError is a
// program the kernel refused, with the verifier's log; *PrivilegeError
// says the process may not load BPF programs; *AttachError names a probe
// that could not be attached and why.
package bpfscript
