package bpfscript

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/internal/suggest"
	"github.com/bpfscript/bpfscript/lang/types"
)

// checkNamedParams refuses a named parameter that no getopt() of the
// program declares: a misspelled option would otherwise be ignored.
// "help" asks for the list (WriteOptions).
func checkNamedParams(given map[string]string, info *types.Info) error {
	names := make([]string, 0, len(given))
	for name := range given {
		names = append(names, name)
	}
	slices.Sort(names)
	var declared []string
	for _, p := range info.Options {
		declared = append(declared, p.Name)
	}
	for _, name := range names {
		if name == "help" || slices.Contains(declared, name) {
			continue
		}
		msg := fmt.Sprintf("unknown program option --%s", name)
		if near, ok := suggest.Closest(name, declared); ok {
			msg += fmt.Sprintf(": did you mean --%s?", near)
		} else if len(declared) == 0 {
			msg += ": the program has no named parameters"
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// WriteOptions writes the program's named parameters, as its --help:
// each with the type of its values, its description and its default.
func (p *Program) WriteOptions(w io.Writer) error {
	var b strings.Builder
	if len(p.Info.Options) == 0 {
		b.WriteString("The program has no named parameters.\n")
	} else {
		b.WriteString("Named parameters (after --, as --name=value):\n")
		width := 0
		flags := make([]string, len(p.Info.Options))
		for i, o := range p.Info.Options {
			flags[i] = "--" + o.Name
			if o.Type.Kind != types.Bool {
				flags[i] += "=" + o.TypeName()
			}
			width = max(width, len(flags[i]))
		}
		for i, o := range p.Info.Options {
			line := fmt.Sprintf("    %-*s  ", width, flags[i])
			if o.Description != "" {
				line += o.Description + " "
			}
			fmt.Fprintf(&b, "%s(default: %s)\n", line, o.Default)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
