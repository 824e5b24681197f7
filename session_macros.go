package bpfscript

import (
	"errors"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/macro"
	"github.com/bpfscript/bpfscript/lang/parser"
)

// A session keeps the macros its programs define, so that a program added
// later may call them, as the lines of an interactive shell build on each
// other: Define adds definitions alone, and Add keeps those of a program
// it attached. A later definition of a name replaces the earlier one.
//
// Each kept definition is parsed again under a file name of its own
// ("<macro f>"), so that an error found in its body while a later program
// is compiled names that definition and quotes its text, not the later
// program's.

// sessionMacros are the macros a session keeps.
type sessionMacros struct {
	defs  []*ast.Macro      // by order of first definition of the name
	texts map[string]string // the text of each definition, by its file name
}

// Define adds the macro definitions in src to the session: the programs
// added after it may call them. src must hold only macro definitions.
// It returns the names defined. Errors are positioned in src, as Add's.
func (s *Session) Define(src string) ([]string, error) {
	s.add.Lock()
	defer s.add.Unlock()
	opts := s.opts
	if opts.Filename == "" {
		opts.Filename = "stdin"
	}
	lines, text, err := preprocess(src, opts)
	if err != nil {
		return nil, compileError(err, src)
	}
	prog, err := parser.Parse(opts.Filename, text)
	if err != nil {
		return nil, compileError(lines.Remap(err), src)
	}
	if n := notMacro(prog); n != nil {
		return nil, compileError(lines.Remap(diag.List{diag.Errorf(n, "only macro definitions can be defined on their own: add a program with probes as a program")}), src)
	}
	// Expanding a program without probes checks the definitions alone:
	// names defined twice, parameters named twice.
	if err := macro.Expand(prog); err != nil {
		return nil, compileError(lines.Remap(err), src)
	}
	return s.macros.keep(text), nil
}

// notMacro returns the first part of prog that is not a macro definition,
// or nil when there is none.
func notMacro(prog *ast.Program) ast.Node {
	switch {
	case prog.Config != nil:
		return prog.Config
	case len(prog.Imports) > 0:
		return prog.Imports[0]
	case len(prog.Decls) > 0:
		return prog.Decls[0]
	case len(prog.Probes) > 0:
		return prog.Probes[0]
	}
	return nil
}

// keep parses text, which parsed before, under a file name of its own and
// keeps its macro definitions, replacing the kept ones of the same names.
// It returns their names.
func (m *sessionMacros) keep(text string) []string {
	prog, err := parser.Parse("", text)
	if err != nil || len(prog.Macros) == 0 {
		return nil
	}
	names := make([]string, len(prog.Macros))
	for i, d := range prog.Macros {
		names[i] = d.Name.Name
	}
	file := "<macro " + strings.Join(names, ", ") + ">"
	if prog, err = parser.Parse(file, text); err != nil {
		return nil
	}
	if m.texts == nil {
		m.texts = map[string]string{}
	}
	m.texts[file] = text
	for _, d := range prog.Macros {
		replaced := false
		for i, old := range m.defs {
			if old.Name.Name == d.Name.Name {
				m.defs[i], replaced = d, true
			}
		}
		if !replaced {
			m.defs = append(m.defs, d)
		}
	}
	return names
}

// with returns the macros a program sees: the kept ones it does not
// define itself, then its own.
func (m *sessionMacros) with(own []*ast.Macro) []*ast.Macro {
	if m == nil || len(m.defs) == 0 {
		return own
	}
	mine := map[string]bool{}
	for _, d := range own {
		mine[d.Name.Name] = true
	}
	var out []*ast.Macro
	for _, d := range m.defs {
		if !mine[d.Name.Name] {
			out = append(out, d)
		}
	}
	return append(out, own...)
}

// attach gives the errors and warnings in a kept definition its text, so
// that they quote it.
func (m *sessionMacros) attach(err error) error {
	if m == nil || len(m.texts) == 0 || err == nil {
		return err
	}
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = diag.List{one}
	}
	for _, e := range list {
		if text, ok := m.texts[e.Pos.File]; ok && e.Source == "" {
			e.Source = text
		}
	}
	return err
}
