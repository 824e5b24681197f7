// Package early starts, from its package initialisation, the start-up work
// that the command waits for: building the parser's grammar. Initialising
// it right after the parser (it imports nothing else) overlaps that work
// with the initialisation of the packages that come after, and with
// reading the options and the script, on another core. It also gives the
// process spare Ps (see minProcs). The command imports it for these
// effects only.
package early
