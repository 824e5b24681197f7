// Package config holds bpftrace's config variables: the table of every
// variable with its type and default (vars.go), and Resolve, which reads
// a script's `config = { name = value; ... }` block and the BPFTRACE_*
// environment variables into Settings, checking each value against its
// variable's type.
//
// A name may be written as the variable (stack_mode), upper case
// (STACK_MODE) or as its environment variable (BPFTRACE_STACK_MODE). As the
// reference says, an environment variable takes precedence over the
// script's config block, which takes precedence over the default.
package config
