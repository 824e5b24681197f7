// Package progen generates random, well-typed bpfscript programs for
// testing the compiler: every program it writes parses and type-checks, so
// anything later in the pipeline that rejects one (codegen, the kernel's
// verifier) or fails running it is a compiler bug.
//
// Generate(seed, conf) is deterministic: the program depends only on the
// seed and the Config, so a failure found with seed N is reproduced by
// generating seed N again.
//
// The generator tracks types the way the checker does, coarsely: integers
// of any size and sign convert into each other and strings of any size
// unify, so it needs to know only whether a value is an integer, a string,
// the probe name or a tuple (and the tuple's shape). Maps get their key and
// value types up front (declareMaps), so every use agrees; scratch
// variables live in a stack of scopes that mirrors the checker's (a `let`
// goes in the current block, a first `$x = ...` in the probe-wide scope).
// A map that the program reads or passes to print/delete/clear but never
// stores into gets a store in a final end probe, as the checker requires.
//
// What it covers: begin/end, tracepoints (with args fields of the right
// kind, including str() of user string pointers, an unsigned long[6] array
// and join() of argv), interval and profile probes, predicates, several
// attach points per block; maps keyed by integers, strings, probe and
// (nested) tuples, holding integers, strings, tuples or any aggregation;
// integer arithmetic with shifts past the operand width, comparisons,
// logic, ternaries of every type, if/else-if/else chains, let with and
// without a value, printf with random flags, widths, precisions and
// length modifiers, print, delete, clear, zero, has_key, len, exit, return,
// block expressions (`{ let $v = ...; $v + ... }`), calls of two macros
// every program defines (an expression parameter, a variable one),
// time, strftime, ++/--/op= on variables and maps, for loops over maps
// (nested, with break and continue), and bursts of string
// variables and big tuples that overflow the 512-byte stack.
//
// And the newer language: the preprocessor (built-in headers, headers of
// the program's own from its directory, -I and --include, object- and
// function-like macros, conditionals with branches that would not
// compile), config blocks setting every config variable (config.go),
// imported scripts (imports.go), getopt() parameters with values from the
// command line, map declarations, while/unroll/for-range loops with break
// and continue (loops.go), bools, casts and typed let, ?:, `_ = expr;`,
// the ternary as a statement, find(), assertions, tseries and the string,
// network and system functions with the constraints the checker puts on
// their arguments (funcs.go, calls.go), and type expressions: sizeof,
// typeof, pointer casts, arithmetic and dereferences (typeexpr.go).
//
// A Program may need files besides its source (Files, IncludeDirs,
// Includes) and named parameters (NamedParams): Write puts the files in a
// directory, and the program compiles as that directory's MainFile.
// Config.SelfContained leaves those out, for fuzz seeds.
package progen
