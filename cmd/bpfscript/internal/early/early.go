// Package early starts, from its package initialisation, the start-up work
// that the command waits for: building the parser's grammar. Initialising
// it right after the parser (it imports nothing else) overlaps that work
// with the initialisation of the packages that come after, and with
// reading the options and the script, on another core. The command
// imports it for that effect only.
package early

import "github.com/bpfscript/bpfscript/lang/parser"

func init() {
	parser.Prepare()
}
