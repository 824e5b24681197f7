// Package shell is bpfscript's interactive shell (`bpfscript -i`, or
// bpfscript with no program on a terminal): probe blocks typed at the
// prompt attach to one bpfscript.Session as soon as their braces balance,
// statements typed alone run at once, and maps persist across both.
// Commands (:probes, :detach, :maps, :types, :list, :save, :load, :json,
// :quit) inspect and steer the session; liner gives line editing, history
// (~/.bpfscript_history) and tab completion.
//
// Probes print while the prompt is shown: output clears the prompt line
// and liner redraws it afterwards (screen.go). Ctrl-C at the prompt during
// a flood of output detaches the blocks that print; during a statement it
// drops what the statement still prints. Ctrl-D ends the session as a
// script ends: end probes run and the maps print.
package shell
