// Package types is the type checker of bpfscript: it resolves attach points,
// gives every expression a type, and reports every error in a program at
// once.
//
// Check walks an *ast.Program and fills an Info with side tables keyed by
// syntax node, the way go/types annotates go/ast; the tree is never
// modified. Errors are collected into a diag.List, sorted by position, and
// the Info is returned even when there are errors, as complete as the
// checker could make it.
//
// # Tables
//
// What later features add is described by tables, each entry in one place,
// in the style of go/types' predeclared functions:
//
//   - Builtin (builtins.go): every builtin variable and function by
//     BuiltinID, with its name, arity, whether it is a statement, the probe
//     kinds where it is valid and its type rule. The compiler keeps one
//     lowering per BuiltinID. Groups of the standard library keep their
//     entries in files of their own (builtins_system.go, builtins_maps.go);
//     builtins_unsupported.go names bpftrace's builtins that wait for
//     later work, so that using one says so.
//   - Aggregation (aggregations.go, aggregations_tseries.go): count, sum,
//     ..., lhist, tseries by the Kind of their value type, with their
//     arguments, per-CPU slot layout, whether each bucket is an entry and
//     how buckets lay out, whether they read as
//     integers, how they print and sort, and the merge of per-CPU slots.
//     The compiler keeps the code it emits per Kind; runtime/value decodes
//     and runtime/output renders every aggregation from its descriptor
//     alone.
//   - Provider (probes.go and one probe_*.go file per provider): every
//     probe kind's spellings, spec resolution, whether `args` is its
//     record, its program name and whether str() of an integer reads user
//     memory. runtime/attach keeps an attach provider per kind.
//
// # Attach points
//
// Providers are matched as bpftrace spells them, aliases included
// (tracepoint/t, interval/i, profile/p, BEGIN/begin, END/end). Tracepoint
// wildcards are expanded through Config.Env, and each tracepoint's format
// file becomes the Record that `args` denotes (see TracepointRecord). The
// environment is asked each question once per Check, although the checker
// runs twice (see Typing rules): on a real system every answer costs
// system calls.
// Interval and profile rates follow current bpftrace: interval:s:1,
// interval:ms:10, interval:us:100, interval:hz:99 and the one-part form
// interval:1s / interval:1000000 (a bare number is nanoseconds). A program
// may have at most 512 attach points after expansion, bpftrace's default
// limit, so that an overly broad wildcard fails before anything is loaded.
//
// # Typing rules
//
// Integers are 64-bit in arithmetic: a binary operator on two integers
// gives int64 unless both are unsigned, which gives uint64. Comparisons,
// &&, || and ! give uint64 0 or 1, as do has_key(). Integer literals are
// int64 (uint64 past the int64 range). String literals are at most 4095
// bytes long.
//
// Values that are stored, in scratch variables, map keys, map values and
// tuples, are kept in their storage form: integers widen to 64 bits and
// keep the signedness of their first assignment, so `$x = pid; $x = -1`
// is allowed and $x is a uint64. Strings of different sizes unify to the
// larger size, also inside tuples. Any other change of type is an error.
//
// Maps get their key and value types from their first use in source order
// over the whole program. The checker runs twice: the first run only
// learns map types, so a map read in a block that comes before the block
// writing it still gets the written type, and the second run reports
// errors against those types. An aggregating map (@x = count(), hist(e),
// ...) has the aggregation as its value type; reading count, sum, min, max
// and avg maps gives an int64, hist, lhist and stats maps cannot be read.
// `@x++` and `@x += e` on a new map make it a plain int64 map, as in
// bpftrace, where they are not aggregations.
//
// Aggregation types have Size 8 (count, sum, min, max, and one bucket of
// hist and lhist) or 16 (avg and stats, which keep a count and a total).
//
// In a block with several tracepoints, `args` and every args.f are typed
// with the first tracepoint's record; the checker makes sure each field
// used has the same type in all of them (offsets may differ, as the
// compiler builds one program per attach point).
//
// Scratch variables are declared by their first assignment, visible in the
// whole probe from there on, or by `let`, visible in the enclosing block.
// A `let` may not redeclare a variable that is already visible.
//
// Where a function takes a map itself (print, clear, zero, delete, has_key,
// len), the bare map argument is typed with the map's value type, which
// may be an aggregation.
//
// Positional parameters that look like integers (decimal, or hex with 0x,
// optionally negative: see ParamInt) are int64 constants; any other is a
// string of its length plus one. A missing parameter is the integer 0, and
// str($N) always gives the parameter's text.
//
// # Types as written
//
// A type in a cast, a `let $x: T` or a type context builtin (sizeof,
// typeof) is read in bpftrace's postfix syntax, modifiers left to right
// (typeexpr.go): `int32*[4]` is an array of four pointers to int32;
// `string[N]` and `buffer[N]` take N as their size. typeof(T) and
// typeof(expr) give a type; sizeof(T) and sizeof(expr) a uint64 constant
// (Info.Consts). Their expression operand is checked, never compiled, and
// typed statically: a variable has the type its assignments gave it
// (Variable.Static) rather than its 64-bit storage form, and an integer
// literal the smallest signed integer that holds it, as in bpftrace, so
// that sizeof({ $a = (int8)1; $a }) is 1. An integer cast to a pointer is
// zero-extended from its size, as bpftrace's inttoptr: (uint8*)-1 is 0xff.
// Pointer arithmetic counts elements of the pointed-to type, and *p reads
// through a pointer to an integer, a bool, a pointer or an integer array.
// &$x is a pointer to the variable, which Variable.AddrTaken tells the
// compiler to keep in memory (pointers.go); p - q counts elements; an
// integer may be stored in a typed pointer variable; ++, --, += and -=
// move pointer variables and maps by elements.
package types
