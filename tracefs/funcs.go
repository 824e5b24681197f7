package tracefs

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// KernelFunc is one traceable kernel function: a line of
// available_filter_functions, "vfs_read" or "kvm_vcpu_halt [kvm]".
type KernelFunc struct {
	Name   string
	Module string // "" for vmlinux
}

// kernelFuncs is the parsed function list, read once.
type kernelFuncs struct {
	funcs []KernelFunc // sorted by Name, then Module; no duplicates
	names []string     // the distinct names, sorted
	err   error
}

// kallsymsFile is where the text symbols come from when tracefs will not
// list the traceable functions (some kernels refuse the file even to
// root); tests point it elsewhere.
var kallsymsFile = "/proc/kallsyms"

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
	var out []string
	add := func(f KernelFunc) {
		if module != "" && f.Module != module && !(module == "vmlinux" && f.Module == "") {
			return
		}
		if len(out) == 0 || out[len(out)-1] != f.Name {
			out = append(out, f.Name)
		}
	}
	if !hasMeta(pattern) {
		i, _ := slices.BinarySearchFunc(list.funcs, pattern, func(f KernelFunc, name string) int { return strings.Compare(f.Name, name) })
		for ; i < len(list.funcs) && list.funcs[i].Name == pattern; i++ {
			add(list.funcs[i])
		}
		return out, nil
	}
	// A literal prefix narrows the scan to a range of the sorted list.
	prefix := pattern[:strings.IndexAny(pattern, `*?[\`)]
	start, _ := slices.BinarySearchFunc(list.funcs, prefix, func(f KernelFunc, p string) int { return strings.Compare(f.Name, p) })
	for _, f := range list.funcs[start:] {
		if !strings.HasPrefix(f.Name, prefix) {
			break
		}
		if ok, _ := path.Match(pattern, f.Name); ok {
			add(f)
		}
	}
	return out, nil
}

// KernelFuncNames returns the distinct names of the traceable kernel
// functions, sorted: what a shell completes after kprobe:. The slice is
// shared; callers must not change it.
func (t *FS) KernelFuncNames() ([]string, error) {
	list := t.kernelFuncList()
	return list.names, list.err
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
		return parseKernelFuncs(text, parseFilterLine)
	}
	if t.dir == "" && (errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist)) {
		// Without dynamic ftrace, or where the kernel will not show the
		// list, the text symbols are the best guess at what is
		// traceable.
		if syms, kerr := os.ReadFile(kallsymsFile); kerr == nil {
			return parseKernelFuncs(syms, parseKallsymsLine)
		}
	}
	return &kernelFuncs{err: fmt.Errorf("listing kernel functions: %w", err)}
}

// parseKernelFuncs parses a function list line by line with parse, which
// reports false for lines that name no function.
func parseKernelFuncs(text []byte, parse func(line []byte) (KernelFunc, bool)) *kernelFuncs {
	list := &kernelFuncs{funcs: make([]KernelFunc, 0, bytes.Count(text, []byte{'\n'}))}
	sc := bufio.NewScanner(bytes.NewReader(text))
	for sc.Scan() {
		if f, ok := parse(sc.Bytes()); ok {
			list.funcs = append(list.funcs, f)
		}
	}
	slices.SortFunc(list.funcs, func(a, b KernelFunc) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Module, b.Module)
	})
	list.funcs = slices.Compact(list.funcs)
	list.names = make([]string, 0, len(list.funcs))
	for _, f := range list.funcs {
		if len(list.names) == 0 || list.names[len(list.names)-1] != f.Name {
			list.names = append(list.names, f.Name)
		}
	}
	return list
}

// parseFilterLine parses "name" or "name [module]".
func parseFilterLine(line []byte) (KernelFunc, bool) {
	name, rest, _ := bytes.Cut(bytes.TrimSpace(line), []byte{' '})
	if len(name) == 0 {
		return KernelFunc{}, false
	}
	f := KernelFunc{Name: string(name)}
	if mod := bytes.Trim(bytes.TrimSpace(rest), "[]"); len(mod) > 0 {
		f.Module = string(mod)
	}
	return f, true
}

// parseKallsymsLine parses "ffffffff81000000 T name [module]", keeping
// text symbols only, without the padding and CFI symbols that stand
// before every function.
func parseKallsymsLine(line []byte) (KernelFunc, bool) {
	fields := bytes.Fields(line)
	if len(fields) < 3 || len(fields[1]) != 1 || (fields[1][0] != 't' && fields[1][0] != 'T') {
		return KernelFunc{}, false
	}
	name := string(fields[2])
	if strings.HasPrefix(name, "__pfx_") || strings.HasPrefix(name, "__cfi_") {
		return KernelFunc{}, false
	}
	f := KernelFunc{Name: name}
	if len(fields) > 3 {
		f.Module = string(bytes.Trim(fields[3], "[]"))
	}
	return f, true
}
