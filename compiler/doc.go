// Package compiler lowers a checked program to IR and decides everything
// the runtime needs to run it: the Plan.
//
// For each block it compiles one ir.Func per concrete attach point (a
// wildcard tracepoint with five matches gives five programs, since the
// record layout of `args` may differ between them). It declares maps from
// use: a per-CPU hash for aggregations (count, sum, hist, ...), a hash for
// plain values, one ring buffer for every event sent to user space (printf,
// print, exit, ...), and a per-CPU array as scratch space for buffers that
// do not fit the 512-byte stack.
//
// Value layouts shared with the runtime's formatter (runtime/output):
// count and sum are 8 bytes; min and max are {value, set}; avg and stats are
// {count, total}; hist and lhist keep the bucket index in the key (the user
// key padded to 8 bytes, then a u64 bucket) and an 8-byte count as value.
// Every ring-buffer record starts with a u64 event id, an index into
// Plan.Events, followed by the event's payload.
//
// Aggregations update per-CPU values in place after one lookup. A missing
// key is created with this CPU's value for a single observation: an update
// from BPF writes only the current CPU's slot of a per-CPU hash, so two CPUs
// racing to create the same key both keep their update.
//
// Builtins and aggregations are lowered from tables: lowerings.go holds one
// lowering per types.BuiltinID (with the standard library's groups in
// lower_system.go, lower_task.go and lower_maps.go) and aggregations.go the
// code of each
// types.Aggregation (bucket, update, init, read as an integer), by the Kind
// of its value type. What depends on the probe kind comes from the attach
// point's types.Provider (ObjectName, UserInts), so a new probe kind needs
// nothing here.
//
// A for loop compiles its body as a callback subprogram (callback.go:
// captured variables, the shared scratch area, break/continue/return as
// return values): of bpf_for_each_map_elem over a map (formap.go), of
// bpf_loop over a range (loops.go).
package compiler
