// Package runtime loads compiled programs (package compiled) into the
// kernel and runs them in a Session.
//
// A Session owns what its programs share: the maps (a program that uses a
// map another one made uses the same kernel map), the event ring buffer
// and the goroutine that reads it, and the tables that turn the ids
// programs put in their records into events, probe names and time formats.
// Load adds a program: it creates the maps the session does not have yet,
// loads the programs through the verifier (one worker per CPU, each
// distinct compiled.Code once, with its load-time constants filled in)
// while a goroutine opens the probes' perf events, runs begin probes, and
// attaches every probe. Detach removes a program's probes; maps keep their
// contents. Maps and Map read the user maps as decoded values at any
// moment. Close detaches everything, handles the events already sent, runs
// end probes, hands every map to the Sink and closes every kernel object.
// Run is a Session of one program, as the bpfscript command runs a script.
//
// Everything programs output reaches a Sink (package output) as decoded
// values (package value); the runtime never writes text itself.
//
// Start-up is ordered so that nothing runs unless everything can: every
// program must pass the verifier and every event must open before begin
// probes run, and only then are programs bound to their events. A failed
// Load leaves nothing of its program behind.
package runtime
