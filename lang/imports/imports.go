package imports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/preproc"
)

// Sources holds what later stages need of the imported files: their
// texts, to render errors in them, and the preprocessor's line maps of
// those it expanded. A nil *Sources has no files.
type Sources struct {
	texts    map[string]string // as written, by the name their positions carry
	expanded map[string]string // after the preprocessor, for files it changed
	lines    []*preproc.LineMap
}

// Preprocess runs the C preprocessor over an imported script that needs
// it, as over the main one: it returns the map of the changed columns
// (nil when nothing changed) and the text to parse.
type Preprocess func(file, src string) (*preproc.LineMap, string, error)

// Attach maps the positions of errors in imported files back to the text
// as written and gives each that file's text, so that it renders with the
// line it is about. Other errors pass as they are.
func (s *Sources) Attach(err error) error {
	if s == nil || err == nil {
		return err
	}
	for _, m := range s.lines {
		err = m.Remap(err)
	}
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			s.attachOne(e)
		}
	case errors.As(err, &one):
		s.attachOne(one)
	}
	return err
}

func (s *Sources) attachOne(e *diag.Error) {
	if src, ok := s.texts[e.Pos.File]; ok && e.Source == "" {
		e.Source = src
	}
}

// Texts are the imported files' texts as the compiler saw them (after the
// preprocessor), by file name, for the messages that quote the source.
func (s *Sources) Texts() map[string]string {
	if s == nil {
		return nil
	}
	out := make(map[string]string, len(s.texts))
	for name, src := range s.texts {
		out[name] = src
		if x, ok := s.expanded[name]; ok {
			out[name] = x
		}
	}
	return out
}

// Resolve reads what prog imports, and what those files import, and puts
// their probes ahead of prog's own. file is the path of prog's script;
// "" or "stdin" resolves imports against the current directory. pp, when
// not nil, preprocesses each imported script. Resolve returns the
// imported files' texts, for errors found in them later.
func Resolve(prog *ast.Program, file string, pp Preprocess) (*Sources, error) {
	r := &resolver{sources: &Sources{texts: map[string]string{}, expanded: map[string]string{}}, done: map[string]bool{}, pp: pp}
	dir := "."
	if file != "" && file != "stdin" {
		dir = filepath.Dir(file)
		if abs, err := filepath.Abs(file); err == nil {
			r.stack = []string{abs}
			r.done[abs] = true
		}
	}
	if err := r.importsOf(prog, dir); err != nil {
		return r.sources, r.sources.Attach(err)
	}
	prog.Probes = append(r.probes, prog.Probes...)
	prog.Decls = append(r.decls, prog.Decls...)
	prog.Macros = append(r.macros, prog.Macros...)
	if len(prog.Probes) == 0 {
		im := prog.Imports[0]
		return r.sources, diag.Errorf(im, "empty program: the imported files have no probes either")
	}
	return r.sources, nil
}

type resolver struct {
	sources *Sources
	pp      Preprocess
	done    map[string]bool // absolute paths read, or being read
	stack   []string        // absolute paths of the files being imported, outermost first
	probes  []*ast.Probe    // the imported probes, each file's after those of its imports
	decls   []*ast.MapDecl  // the imported map declarations, in the same order
	macros  []*ast.Macro    // the imported macro definitions, in the same order
}

// importsOf reads the imports of prog, a file in dir.
func (r *resolver) importsOf(prog *ast.Program, dir string) error {
	for _, im := range prog.Imports {
		path := im.Path
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		fi, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			where := path
			if abs, err := filepath.Abs(path); err == nil {
				where = abs
			}
			return errorAt(im.PathSpan, "cannot import %q: %s does not exist", im.Path, where)
		}
		if err != nil {
			return errorAt(im.PathSpan, "cannot import %q: %v", im.Path, err)
		}
		if !fi.IsDir() {
			if err := r.file(im, path, true); err != nil {
				return err
			}
			continue
		}
		// A directory imports the files in it that an import may name,
		// not its subdirectories, in name order.
		entries, err := os.ReadDir(path)
		if err != nil {
			return errorAt(im.PathSpan, "cannot import %q: %v", im.Path, err)
		}
		for _, e := range entries {
			if e.IsDir() || kind(e.Name()) == "" {
				continue
			}
			if err := r.file(im, filepath.Join(path, e.Name()), false); err != nil {
				return err
			}
		}
	}
	return nil
}

// kind is what an import of a file of this name means: "bt", "h" or
// "bpf.c", or "" for a file an import cannot name.
func kind(name string) string {
	for _, k := range []string{"bt", "h", "bpf.c"} {
		if strings.HasSuffix(name, "."+k) {
			return k
		}
	}
	return ""
}

// file imports one file, named by im itself (named) or found in the
// directory im names.
func (r *resolver) file(im *ast.Import, path string, named bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return errorAt(im.PathSpan, "cannot import %q: %v", im.Path, err)
	}
	if i := slices.Index(r.stack, abs); i >= 0 {
		cycle := append(slices.Clone(r.stack[i:]), abs)
		for j := range cycle {
			cycle[j] = filepath.Base(cycle[j])
		}
		return errorAt(im.PathSpan, "import cycle: %s", strings.Join(cycle, " imports "))
	}
	if r.done[abs] {
		return nil // each file is imported once
	}
	switch kind(path) {
	case "bt":
	case "h", "bpf.c":
		return errorAt(im.PathSpan, "cannot import %s: importing C files (.h, .bpf.c) is not supported yet, only .bt scripts", path)
	default:
		if named {
			return errorAt(im.PathSpan, "cannot import %q: an import names a .bt script, a .h header, a .bpf.c file or a directory", im.Path)
		}
		return nil
	}
	// As in bpftrace: a file anyone may replace is no part of a program.
	if di, err := os.Stat(filepath.Dir(abs)); err == nil && di.Mode().Perm()&0o002 != 0 {
		return errorAt(im.PathSpan, "refusing to import %s: its directory %s is writable by everyone", path, filepath.Dir(abs))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return errorAt(im.PathSpan, "cannot import %q: %v", im.Path, err)
	}
	r.done[abs] = true
	name := filepath.Clean(path)
	src := string(data)
	r.sources.texts[name] = src
	if r.pp != nil {
		lines, out, err := r.pp(name, src)
		if err != nil {
			return err
		}
		if lines != nil {
			r.sources.lines = append(r.sources.lines, lines)
			r.sources.expanded[name] = out
		}
		src = out
	}
	sub, err := parser.Parse(name, src)
	if err != nil {
		return err
	}
	if sub.Config != nil {
		return diag.List{diag.Errorf(sub.Config, "an imported script cannot have a config block: only the main script's counts")}
	}
	r.stack = append(r.stack, abs)
	err = r.importsOf(sub, filepath.Dir(path))
	r.stack = r.stack[:len(r.stack)-1]
	if err != nil {
		return err
	}
	r.probes = append(r.probes, sub.Probes...)
	r.decls = append(r.decls, sub.Decls...)
	r.macros = append(r.macros, sub.Macros...)
	return nil
}

// errorAt is an error at a span of the importing file.
func errorAt(sp ast.Span, format string, args ...any) error {
	return diag.List{{Pos: sp.Start, End: sp.Stop, Msg: fmt.Sprintf(format, args...)}}
}
