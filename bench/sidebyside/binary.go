package main

import (
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// binary compares what must be installed: bpfscript's one executable, and
// bpftrace's executable with every shared library ldd resolves.
func (b *bench) binary() section {
	s := section{title: "The binary"}
	bsSize, err := fileSize(b.bs.path)
	if err != nil {
		s.notes = append(s.notes, err.Error())
		return s
	}
	static, why := isStatic(b.bs.path)
	verdict := "a static executable"
	if !static {
		verdict = "**not static**: " + why
	}
	s.notes = append(s.notes, fmt.Sprintf("`%s` is %s (checked from its ELF headers: no interpreter, no DT_NEEDED).", b.bs.path, verdict))
	if out, err := exec.Command("file", "-L", b.bs.path).CombinedOutput(); err == nil {
		s.notes = append(s.notes, "`file`: "+strings.TrimSpace(string(out)))
	}
	out, _ := exec.Command("ldd", b.bs.path).CombinedOutput()
	s.notes = append(s.notes, "`ldd`: "+strings.TrimSpace(string(out)))

	exe := row{name: "executable", unit: mebibyte, bs: float64(bsSize), bt: nan()}
	total := row{name: "executable + shared libraries", unit: mebibyte, bs: float64(bsSize), bt: nan()}
	libs := row{name: "shared libraries", unit: count, bs: 0, bt: nan()}
	if !static {
		total.bs, libs.bs = nan(), nan()
	}
	if b.bt.present() {
		path, _ := filepath.EvalSymlinks(b.bt.path)
		btSize, err := fileSize(path)
		if err != nil {
			s.notes = append(s.notes, err.Error())
		} else {
			exe.bt = float64(btSize)
			out, err := exec.Command("ldd", path).Output()
			if err != nil {
				s.notes = append(s.notes, fmt.Sprintf("ldd %s: %v", path, err))
			} else {
				sum, n, largest, largestSize := librariesSize(parseLdd(string(out)))
				total.bt, libs.bt = float64(btSize+sum), float64(n)
				s.notes = append(s.notes, fmt.Sprintf("bpftrace's largest library: %s, %.1f MiB.", largest, float64(largestSize)/(1<<20)))
			}
		}
	}
	s.rows = []row{exe, total, libs}
	s.notes = append(b.bpftraceNote(), s.notes...)
	return s
}

func fileSize(path string) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// isStatic reports whether the ELF file at path needs no dynamic loader
// and no shared library, and if not, why.
func isStatic(path string) (bool, string) {
	f, err := elf.Open(path)
	if err != nil {
		return false, err.Error()
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return false, "it names a dynamic loader (PT_INTERP)"
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		return false, "it needs " + strings.Join(libs, ", ")
	}
	return true, ""
}

// parseLdd returns the files ldd resolved: "name => /path (0x...)" and the
// loader's "/path (0x...)" lines; the vDSO has no file.
func parseLdd(out string) []string {
	var paths []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if _, after, ok := strings.Cut(line, "=> "); ok {
			line = after
		}
		if !strings.HasPrefix(line, "/") {
			continue
		}
		path, _, _ := strings.Cut(line, " (")
		paths = append(paths, path)
	}
	return paths
}

// librariesSize sums the sizes of the files behind paths (symbolic links
// followed, each file counted once) and names the largest.
func librariesSize(paths []string) (sum int64, n int, largest string, largestSize int64) {
	seen := map[string]bool{}
	for _, p := range paths {
		real, err := filepath.EvalSymlinks(p)
		if err != nil || seen[real] {
			continue
		}
		seen[real] = true
		size, err := fileSize(real)
		if err != nil {
			continue
		}
		sum += size
		n++
		if size > largestSize {
			largest, largestSize = filepath.Base(real), size
		}
	}
	return sum, n, largest, largestSize
}
