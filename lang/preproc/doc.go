// Package preproc is the C preprocessor subset bpftrace scripts use, run
// on a script before the parser:
//
//	#include <linux/sched.h>      headers from -I directories, then built-in ones
//	#include "defs.h"             the including file's directory first
//	#define TASK_COMM_LEN 16
//	#define MAX(a, b) ((a) > (b) ? (a) : (b))
//	#undef MAX
//	#if / #ifdef / #ifndef / #elif / #else / #endif, with defined(X)
//
// BPFTRACE_HAVE_BTF is defined when the kernel has BTF (Options.Defines).
//
// Headers contribute macros only: a header may hold #defines and
// conditionals; its other lines (C declarations: struct, typedef, function
// prototypes) are skipped, because the language takes kernel types from
// BTF. The built-in headers (headers/, embedded) hold the constants of the
// common kernel headers that scripts include.
//
// # Positions
//
// The output has exactly the lines of the script: a directive or a line of
// a skipped #if branch becomes an empty line, and a macro call spread over
// several lines leaves its expansion on its first line and the rest of its
// last line at its own column. Only columns move, on lines where a macro
// was expanded; the LineMap records those expansions and maps a position
// in the output back to the script (LineMap.Remap rewrites the positions of
// a diag.List), so errors from the parser, the checker and the compiler
// point into the original source.
//
// Macros are not expanded inside strings and comments, nor in $1, $var or
// @map names. A script with no directive line and no Options.Includes
// needs no preprocessing at all; Needed tells, cheaply, so that the common
// case costs a scan for '#'.
package preproc
