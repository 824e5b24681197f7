package shell

import (
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript/lang/parser"
)

// Macros typed on a line of their own (`macro inc(x) { x + 1 }`) are kept
// by the session for every later line; so are those of a block that
// defines its own. A later definition of a name replaces the earlier one.

// macroChunk is a chunk that defined macros alone.
type macroChunk struct {
	src   string
	names []string
}

// onlyMacros reports whether src holds macro definitions and nothing
// else. What does not parse is not: adding it as a block reports why.
func onlyMacros(src string) bool {
	prog, err := parser.Parse("", src)
	return err == nil && len(prog.Macros) > 0 && len(prog.Probes) == 0 && len(prog.Decls) == 0 &&
		len(prog.Imports) == 0 && prog.Config == nil
}

// define keeps the macros of src for the lines after it.
func (sh *shell) define(src string) {
	names, err := sh.sess.Define(src)
	if err != nil {
		sh.showError(err, src, "", 0)
		return
	}
	// A chunk whose every macro is defined again is not saved any more.
	kept := sh.macros[:0]
	for _, m := range sh.macros {
		if !allIn(m.names, names) {
			kept = append(kept, m)
		}
	}
	sh.macros = append(kept, macroChunk{src: src, names: names})
	noun := "macro"
	if len(names) > 1 {
		noun = "macros"
	}
	fmt.Fprintf(sh.screen, "defined %s %s\n", noun, strings.Join(names, ", "))
}

// allIn reports whether every name of a is in b.
func allIn(a, b []string) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}
