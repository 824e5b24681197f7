// Package compiled is what the compiler hands the runtime: one value, a
// Program, holding every map to create, every BPF program with its
// instructions, every attach point, and the tables that give meaning to
// the ids programs put in their records (events, probe names, time
// formats).
//
// The runtime loads a Program without knowing how it was made. Decisions
// about code are all taken before: which attach points share a program
// (Probe.Code is shared by identity, so the runtime loads each Code once),
// and how much of the stack a program may use. Facts about the moment of
// running rather than the machine — when the program started (the origin
// of `elapsed`), the pid of the traced command (`cpid`), the number of
// CPUs (`ncpus`) — are not compiled in: instructions load them as 64-bit
// constants that the runtime fills in when it loads the program (see
// Const), so a program compiled once runs right any number of times.
//
// Ids are relative to a session: a Program added to a session that already
// holds others numbers its events, probe names and time formats from the
// IDs it was compiled with, so the records of every program in the session
// can be told apart.
package compiled
