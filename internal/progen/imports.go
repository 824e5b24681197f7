package progen

import (
	"fmt"
	"strings"
)

// Imports (lang/imports): `import "path";` of scripts written beside the
// program, which hold probes and map declarations of the program. They
// share its maps, its config and its named parameters, but not its
// macros: each file is preprocessed on its own.

// imports writes the imported scripts into p.Files and the import
// statements into the program.
func (g *gen) imports(p *Program) {
	if g.conf.SelfContained || !g.chance(0.15) {
		return
	}
	if p.Files == nil {
		p.Files = map[string]string{}
	}
	main, macros := g.out, g.macros
	var stmts []string
	for range 1 + g.r.IntN(2) {
		g.nimports++
		dir := fmt.Sprintf("lib%d", g.nimports)
		name := fmt.Sprintf("probes%d.bt", g.nimports)
		p.Files[dir+"/"+name] = g.importedScript(p, dir)
		switch g.r.IntN(3) {
		case 0:
			// A directory imports every script in it.
			stmts = append(stmts, fmt.Sprintf("import %q;", dir))
		case 1:
			stmts = append(stmts, fmt.Sprintf("import %q;", "./"+dir+"/"+name))
		default:
			stmts = append(stmts, fmt.Sprintf("import %q;", dir+"/"+name))
		}
	}
	g.out, g.macros = main, macros
	for _, s := range stmts {
		g.out.WriteString(s + "\n")
	}
}

// importedScript is the text of one imported script in dir: sometimes a
// #define, sometimes an import of a further script (resolved against dir),
// then one or two probes.
func (g *gen) importedScript(p *Program, dir string) string {
	g.out, g.macros = &strings.Builder{}, nil
	if g.chance(0.3) {
		// A script further down, imported by a path relative to the
		// importing script's directory (a directory import of dir
		// leaves subdirectories out).
		sub := fmt.Sprintf("nested%d.bt", g.nimports)
		g.out.WriteString(fmt.Sprintf("import %q;\n", "sub/"+sub))
		text := g.out
		g.out = &strings.Builder{}
		g.probe()
		p.Files[dir+"/sub/"+sub] = g.out.String()
		g.out, g.macros = text, nil // its macros stay in its file
	}
	if g.chance(0.4) {
		g.out.WriteString(g.define("I") + "\n")
	}
	for range 1 + g.r.IntN(2) {
		g.probe()
	}
	return g.out.String()
}
