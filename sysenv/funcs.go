package sysenv

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/cilium/ebpf/btf"
)

// kernelBTF looks kernel functions up in the running kernel's BTF, which it
// loads on the first question. Answers are kept: the compiler asks again
// each time it recompiles a probe with a smaller stack budget.
type kernelBTF struct {
	// file, when set, is a BTF file to read instead of the running
	// kernel's (/sys/kernel/btf/vmlinux).
	file string

	cache *btf.Cache // set under mu on first use
	spec  *btf.Spec  // file's, set under mu on first use

	mu  sync.Mutex
	ids map[string]int32
}

func (k *kernelBTF) id(name string) (int32, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if id, ok := k.ids[name]; ok {
		return id, nil
	}
	spec, err := k.load()
	if err != nil {
		return 0, err
	}
	var fn *btf.Func
	if err := spec.TypeByName(name, &fn); err != nil {
		return 0, err
	}
	id, err := spec.TypeID(fn)
	if err != nil {
		return 0, err
	}
	if k.ids == nil {
		k.ids = make(map[string]int32)
	}
	k.ids[name] = int32(id)
	return int32(id), nil
}

// load returns the BTF to look in, loading it the first time. The caller
// holds k.mu.
func (k *kernelBTF) load() (*btf.Spec, error) {
	if k.file != "" {
		if k.spec == nil {
			spec, err := btf.LoadSpec(k.file)
			if err != nil {
				return nil, fmt.Errorf("loading kernel BTF from %s: %w", k.file, err)
			}
			k.spec = spec
		}
		return k.spec, nil
	}
	if k.cache == nil {
		k.cache = btf.NewCache()
	}
	spec, err := k.cache.Kernel()
	if err != nil {
		return nil, fmt.Errorf("loading kernel BTF: %w", err)
	}
	return spec, nil
}

// funcsFile answers from the vmlinux.funcs file of a fixture tree, read on
// the first question.
type funcsFile struct {
	dir string

	once sync.Once
	ids  map[string]int32
	err  error
}

func (f *funcsFile) id(name string) (int32, error) {
	f.once.Do(func() { f.ids, f.err = readFuncs(filepath.Join(f.dir, "vmlinux.funcs")) })
	if f.err != nil {
		return 0, f.err
	}
	id, ok := f.ids[name]
	if !ok {
		return 0, fmt.Errorf("kernel function %s: %w", name, btf.ErrNotFound)
	}
	return id, nil
}

// readFuncs parses a vmlinux.funcs file: "name id" a line.
func readFuncs(file string) (map[string]int32, error) {
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading kernel function ids: %w", err)
	}
	ids := make(map[string]int32)
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s:%d: want \"name id\", got %q", file, n, line)
		}
		id, err := strconv.ParseInt(fields[1], 10, 32)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("%s:%d: bad BTF id %q", file, n, fields[1])
		}
		ids[fields[0]] = int32(id)
	}
	return ids, sc.Err()
}
