package sysenv

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/cilium/ebpf/btf"
)

// fieldOffsets finds the offsets of kernel struct members.
type fieldOffsets interface {
	fieldOffset(structName, member string) (int, error)
}

// fieldOffset looks a member of a kernel struct up in the running kernel's
// BTF, loaded on first use (and shared with the function ids).
func (k *kernelBTF) fieldOffset(structName, member string) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cache == nil {
		k.cache = btf.NewCache()
	}
	spec, err := k.cache.Kernel()
	if err != nil {
		return 0, fmt.Errorf("loading kernel BTF: %w", err)
	}
	var s *btf.Struct
	if err := spec.TypeByName(structName, &s); err != nil {
		return 0, fmt.Errorf("struct %s: %w", structName, err)
	}
	for _, m := range s.Members {
		if m.Name == member {
			if m.BitfieldSize != 0 {
				return 0, fmt.Errorf("%s.%s is a bit field", structName, member)
			}
			return int(m.Offset.Bytes()), nil
		}
	}
	return 0, fmt.Errorf("struct %s has no member %s: %w", structName, member, btf.ErrNotFound)
}

// fieldsFile answers from the vmlinux.fields file of a fixture tree,
// "struct.member offset" a line, read on the first question.
type fieldsFile struct {
	dir string

	once    sync.Once
	offsets map[string]int32
	err     error
}

func (f *fieldsFile) fieldOffset(structName, member string) (int, error) {
	f.once.Do(func() { f.offsets, f.err = readFuncs(filepath.Join(f.dir, "vmlinux.fields")) })
	if f.err != nil {
		return 0, f.err
	}
	off, ok := f.offsets[structName+"."+member]
	if !ok {
		return 0, fmt.Errorf("struct %s has no member %s: %w", structName, member, btf.ErrNotFound)
	}
	return int(off), nil
}

// KernelFieldOffset returns the byte offset of member in the kernel's
// struct structName.
func (e *Env) KernelFieldOffset(structName, member string) (int, error) {
	return e.fields.fieldOffset(structName, member)
}
