package preproc

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// builtin holds the headers every script may include: the constants of the
// common kernel headers (kernel types come from BTF).
//
//go:embed headers
var builtin embed.FS

// builtinPrefix names built-in headers in positions.
const builtinPrefix = "<built-in>/"

// include acts on an #include directive at line of f.
func (p *pp) include(f *file, line int, d directive) error {
	rest, col := skipBlanks(d.rest, d.restCol)
	rest = strings.TrimRight(rest, " \t\r")
	var name string
	var quoted bool
	switch {
	case len(rest) >= 2 && rest[0] == '<' && rest[len(rest)-1] == '>':
		name = rest[1 : len(rest)-1]
	case len(rest) >= 2 && rest[0] == '"' && rest[len(rest)-1] == '"':
		name, quoted = rest[1:len(rest)-1], true
	default:
		return diag.List{f.errorf(line, col, max(len(rest), 1), "#include expects <FILE> or \"FILE\"")}
	}
	if name == "" {
		return diag.List{f.errorf(line, col, len(rest), "#include of an empty file name")}
	}
	dir := ""
	if quoted {
		dir = f.dir
	}
	h, err := p.find(name, dir)
	if err != nil {
		return diag.List{f.errorf(line, col, len(rest), "%v", err)}
	}
	if p.once[h.name] {
		return nil
	}
	if len(p.stack) >= maxIncludeDepth {
		return diag.List{f.errorf(line, col, len(rest), "#include nested more than %d deep", maxIncludeDepth)}
	}
	for i, g := range p.stack {
		if g.name == h.name {
			var chain []string
			for _, s := range p.stack[i:] {
				chain = append(chain, s.name)
			}
			chain = append(chain, h.name)
			return diag.List{f.errorf(line, col, len(rest), "#include cycle: %s", strings.Join(chain, " includes "))}
		}
	}
	return p.run(h)
}

// findInclude finds a header given with --include: a path to a file, or a
// name looked up as #include <name> would.
func (p *pp) findInclude(name string) (*file, error) {
	if data, err := p.opts.ReadFile(name); err == nil {
		return &file{name: name, src: string(data), dir: dirOf(name)}, nil
	}
	h, err := p.find(name, "")
	if err != nil {
		return nil, fmt.Errorf("--include %s: %v", name, err)
	}
	return h, nil
}

// find looks a header up: in dir first when it is set (#include "..."),
// then in the -I directories, then among the built-in headers.
func (p *pp) find(name, dir string) (*file, error) {
	var dirs []string
	if dir != "" && !filepath.IsAbs(name) {
		dirs = append(dirs, dir)
	}
	dirs = append(dirs, p.opts.IncludeDirs...)
	if filepath.IsAbs(name) {
		dirs = []string{""}
	}
	for _, d := range dirs {
		full := filepath.Join(d, name)
		data, err := p.opts.ReadFile(full)
		if err == nil {
			return &file{name: full, src: string(data), dir: dirOf(full)}, nil
		}
		// A directory of that name, or a path through a file, is not
		// the header either; other errors (permissions) are reported.
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.EISDIR) && !errors.Is(err, syscall.ENOTDIR) {
			return nil, fmt.Errorf("reading header %s: %v", full, err)
		}
	}
	clean := path.Clean(name)
	if !strings.HasPrefix(clean, "../") && !path.IsAbs(clean) {
		if data, err := builtin.ReadFile("headers/" + clean); err == nil {
			return &file{name: builtinPrefix + clean, src: string(data), dir: ""}, nil
		}
	}
	var places []string
	if dir != "" {
		places = append(places, dir)
	}
	places = append(places, p.opts.IncludeDirs...)
	places = append(places, "the built-in headers")
	return nil, fmt.Errorf("header %s not found (looked in %s)", name, strings.Join(places, ", "))
}

func dirOf(name string) string {
	if strings.HasPrefix(name, builtinPrefix) {
		return ""
	}
	return filepath.Dir(name)
}
