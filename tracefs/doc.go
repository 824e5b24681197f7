// Package tracefs finds, mounts and reads the kernel's tracing filesystem.
//
// Mount returns the root of tracefs (normally /sys/kernel/tracing), mounting
// it there when neither the standard location nor the legacy debugfs one
// holds a usable tree. It runs at most once per process and only when first
// needed, so scripts without tracepoints never touch tracefs.
//
// FS answers the tracepoint questions of types.Env (package sysenv adds
// the others to make a whole environment): Tracepoints expands wildcard
// patterns over the events/<group>/<event> directories and TracepointFormat
// parses an event's `format` file into a types.TracepointFormat. Listing only
// reads directories (using the entry types the kernel reports, without a stat
// per entry); format files are read one at a time, when asked for, and cached.
// KernelFuncs expands the function patterns of kprobes over
// available_filter_functions (or, where the kernel refuses it, the text
// symbols of /proc/kallsyms), read once; a plain name is a search of the
// text, and the list is parsed and sorted only for a pattern or for
// KernelFuncNames, which the shell completes from.
package tracefs
