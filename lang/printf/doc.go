// Package printf parses printf-style format strings the way bpftrace accepts
// them in printf(), system() and cat().
//
// A format is split into Directives: literal text (Verb 0, with "%%" already
// turned into "%") and conversions such as "%-08.3lld". The checker uses the
// directives to match arguments against conversions, the compiler to lay out
// the argument record, and the runtime output package to render the record.
//
// Accepted conversions are d i u x X o s c p and %%; flags - 0 + space #;
// a decimal width and precision ("*" is not supported: every argument must be
// a value the BPF program records, so widths are fixed in the format); and
// length modifiers h hh l ll, plus z j t which are accepted and mean 64 bits.
package printf
