// Package names holds the names the parser must know before any checking:
// the builtin variables, which decide how `(name)*x` parses. It imports
// nothing of the language, so that both the parser and the type checker
// (whose builtin table is the authority, and whose test keeps this list in
// step with it) can use it.
package names
