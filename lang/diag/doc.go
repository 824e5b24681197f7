// Package diag holds positioned errors and renders them the way bpftrace
// does:
//
//	script.bt:3:12: error: unknown function 'cont'
//	kprobe:f { @ = cont(); }
//	               ^~~~
//
// Every stage that reports problems in the user's program (parser, checker,
// compiler) produces a List, so the CLI and the embedding API print them the
// same way.
package diag
