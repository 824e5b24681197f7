package tracefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// KernelFunc is one traceable kernel function: a line of
// available_filter_functions, "vfs_read" or "kvm_vcpu_halt [kvm]".
type KernelFunc struct {
	Name   string
	Module string // "" for vmlinux
}

// kernelFuncs is the function list, read once. Parsing and sorting tens of
// thousands of lines costs more than reading them, and a plain name needs
// neither (a search of the text answers): the list is parsed and sorted
// when a pattern or the names are first asked for.
type kernelFuncs struct {
	text  string // the file, never changed once read
	parse func(line string) (KernelFunc, bool)
	err   error

	sortOnce sync.Once
	sorted   []KernelFunc // by Name, then Module; no duplicates
	names    []string     // the distinct names, sorted
}

// has reports whether the list holds function name in module ("" for any,
// "vmlinux" for the kernel's own), parsing only the lines name occurs in.
func (l *kernelFuncs) has(name, module string) bool {
	for from := 0; ; {
		i := strings.Index(l.text[from:], name)
		if i < 0 {
			return false
		}
		i += from
		lineStart := strings.LastIndexByte(l.text[:i], '\n') + 1
		lineEnd := strings.IndexByte(l.text[i:], '\n')
		if lineEnd < 0 {
			lineEnd = len(l.text)
		} else {
			lineEnd += i
		}
		if f, ok := l.parse(l.text[lineStart:lineEnd]); ok && f.Name == name && f.in(module) {
			return true
		}
		from = i + len(name)
	}
}

// in reports whether f is in module ("" for any, "vmlinux" for the
// kernel's own).
func (f KernelFunc) in(module string) bool {
	return module == "" || f.Module == module || module == "vmlinux" && f.Module == ""
}

// sort parses the list into sorted and names.
func (l *kernelFuncs) sort() {
	l.sortOnce.Do(func() {
		l.sorted = parseKernelFuncs(l.text, l.parse)
		slices.SortFunc(l.sorted, func(a, b KernelFunc) int {
			if c := strings.Compare(a.Name, b.Name); c != 0 {
				return c
			}
			return strings.Compare(a.Module, b.Module)
		})
		l.sorted = slices.Compact(l.sorted)
		l.names = make([]string, 0, len(l.sorted))
		for _, f := range l.sorted {
			if len(l.names) == 0 || l.names[len(l.names)-1] != f.Name {
				l.names = append(l.names, f.Name)
			}
		}
	})
}

// kallsymsFile is where the text symbols come from when tracefs will not
// list the traceable functions (some kernels refuse the file even to
// root).
const kallsymsFile = "/proc/kallsyms"

// KernelFuncs expands pattern, which may hold the wildcards of path.Match,
// into the sorted, distinct names of the kernel functions that kprobes can
// trace, from available_filter_functions. module, when not "", keeps only
// that module's functions ("vmlinux" is the kernel's own). No match gives
// an empty list and no error. The list is read on the first call (it is
// large: tens of thousands of lines) and kept.
func (t *FS) KernelFuncs(module, pattern string) ([]string, error) {
	if _, err := path.Match(pattern, ""); err != nil || pattern == "" {
		return nil, fmt.Errorf("invalid kernel function pattern %q", pattern)
	}
	list := t.kernelFuncList()
	if list.err != nil {
		return nil, list.err
	}
	if !hasMeta(pattern) {
		if list.has(pattern, module) {
			return []string{pattern}, nil
		}
		return nil, nil
	}
	list.sort()
	var out []string
	// A literal prefix narrows the scan to a range of the sorted list.
	prefix := pattern[:strings.IndexAny(pattern, `*?[\`)]
	start, _ := slices.BinarySearchFunc(list.sorted, prefix, func(f KernelFunc, p string) int { return strings.Compare(f.Name, p) })
	for _, f := range list.sorted[start:] {
		if !strings.HasPrefix(f.Name, prefix) {
			break
		}
		if ok, _ := path.Match(pattern, f.Name); ok && f.in(module) && (len(out) == 0 || out[len(out)-1] != f.Name) {
			out = append(out, f.Name)
		}
	}
	return out, nil
}

// KernelFuncNames returns the distinct names of the traceable kernel
// functions, sorted: what a shell completes after kprobe:. The slice is
// shared; callers must not change it.
func (t *FS) KernelFuncNames() ([]string, error) {
	list := t.kernelFuncList()
	if list.err != nil {
		return nil, list.err
	}
	list.sort()
	return list.names, nil
}

// kernelFuncList reads the function list the first time it is asked for.
func (t *FS) kernelFuncList() *kernelFuncs {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.funcs == nil {
		t.funcs = t.readKernelFuncs()
	}
	return t.funcs
}

func (t *FS) readKernelFuncs() *kernelFuncs {
	root := t.dir
	if root == "" {
		var err error
		if root, err = Mount(); err != nil {
			return &kernelFuncs{err: err}
		}
	}
	file := filepath.Join(root, "available_filter_functions")
	text, err := os.ReadFile(file)
	if err == nil {
		return &kernelFuncs{text: string(text), parse: parseFilterLine}
	}
	if t.dir == "" && (errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist)) {
		// Without dynamic ftrace, or where the kernel will not show the
		// list, the text symbols are the best guess at what is
		// traceable.
		if syms, kerr := os.ReadFile(kallsymsFile); kerr == nil {
			return &kernelFuncs{text: string(syms), parse: parseKallsymsLine}
		}
	}
	return &kernelFuncs{err: fmt.Errorf("listing kernel functions: %w", err)}
}

// parseKernelFuncs parses a function list line by line with parse, which
// reports false for lines that name no function. The names are substrings
// of text: tens of thousands of small strings would cost more to allocate
// than to sort.
func parseKernelFuncs(text string, parse func(line string) (KernelFunc, bool)) []KernelFunc {
	funcs := make([]KernelFunc, 0, strings.Count(text, "\n")+1)
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if f, ok := parse(line); ok {
			funcs = append(funcs, f)
		}
	}
	return funcs
}

// parseFilterLine parses "name" or "name [module]".
func parseFilterLine(line string) (KernelFunc, bool) {
	name, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	if name == "" {
		return KernelFunc{}, false
	}
	return KernelFunc{Name: name, Module: strings.Trim(strings.TrimSpace(rest), "[]")}, true
}

// parseKallsymsLine parses "ffffffff81000000 T name [module]", keeping
// text symbols only, without the padding and CFI symbols that stand
// before every function.
func parseKallsymsLine(line string) (KernelFunc, bool) {
	// The address has a fixed width; the type is one letter.
	_, rest, ok := strings.Cut(line, " ")
	if !ok || len(rest) < 3 || rest[1] != ' ' || (rest[0] != 't' && rest[0] != 'T') {
		return KernelFunc{}, false
	}
	name, module, _ := strings.Cut(rest[2:], "\t")
	name = strings.TrimSpace(name)
	if name == "" || strings.HasPrefix(name, "__pfx_") || strings.HasPrefix(name, "__cfi_") {
		return KernelFunc{}, false
	}
	return KernelFunc{Name: name, Module: strings.Trim(strings.TrimSpace(module), "[]")}, true
}
