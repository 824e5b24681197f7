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
// from the kernel's tracepoint formats), compiler (AST → IR and a plan of
// maps, programs and events), codegen (IR → BPF instructions). Run hands the
// result to runtime, which loads, attaches, prints and cleans up.
package bpfscript
