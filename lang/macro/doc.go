// Package macro expands bpftrace's macros, `macro name($a, @m, x) { ... }`,
// on the syntax tree, between the parser (and the imports) and the
// checker, so that no later stage knows macros exist.
//
// Each call, `name(args)` or a bare `name` for a macro without
// parameters, becomes a block expression holding a copy of the macro's
// body (a block statement when the call is a statement and the body ends
// in one). In the copy:
//
//   - a `$a` parameter is the scratch variable the call passes, so
//     assignments to it are seen by the caller;
//   - an `@m` parameter is the map the call passes;
//   - a bare-name parameter is a copy of the expression the call passes,
//     made at each use, so that its side effects happen at every use;
//   - every other variable is renamed (`$y` of macro `inc` becomes
//     `$$inc_y`), so that the macro neither sees nor changes the caller's
//     variables of the same name (hygiene), and any other map is an error.
//
// A type is passed as typeof(T) or typeof(expr) (types.go): where the
// body writes a type named as such a parameter, `(a*)b`, the base becomes
// the argument's typeof and the suffixes stay.
//
// Arguments are expanded in the caller's context before they are
// substituted; macros may call macros defined before or after them, but
// not themselves, directly or through others. A macro named as a builtin
// or function replaces it, as a user's macro replaces a standard-library
// macro of the same name upstream.
//
// Nodes keep their source positions: errors in a macro's body point into
// its definition, and the block that stands for a call spans the call, so
// that what is said about the call's value points at the call.
package macro
