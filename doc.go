// Package bpfscript compiles and runs bpftrace-style tracing programs
// straight to eBPF, without LLVM. It is the library behind the bpfscript
// command:
//
//	prog, err := bpfscript.Compile(`tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }`, bpfscript.Options{})
//	if err != nil {
//		fmt.Print(bpfscript.FormatError(err, src)) // file:line:col, source line, caret
//	}
//	code, err := prog.Run(ctx, runtime.Options{Out: os.Stdout})
//
// Compile runs the pipeline: lang/parser (source → AST), lang/types (types
// from the kernel's tracepoint formats), compiler (AST → IR → BPF
// instructions, through codegen), which hands over one compiled.Program:
// maps, programs with their code, events. Run gives it to runtime, which
// loads, attaches, hands the output to a sink and cleans up.
//
// A Session runs programs added over time against shared maps: Add compiles
// a program against the session's maps (their types are fixed; a use that
// disagrees is a positioned error), loads and attaches it; Detach removes
// it; Maps reads every map as decoded Go values at any moment; Close runs
// the end probes and delivers the final maps.
package bpfscript
