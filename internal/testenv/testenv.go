package testenv

import (
	"path/filepath"
	"runtime"

	"github.com/bpfscript/bpfscript/sysenv"
)

// Dir returns the absolute path of the fixture tree. It is found from this
// file's own path, so tests of any package reach the same tree whatever
// their working directory.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("testenv: no caller information to locate the fixture tree")
	}
	return filepath.Join(filepath.Dir(file), "testdata")
}

// New returns the environment of the fixture tree.
func New() *sysenv.Env {
	return sysenv.At(Dir())
}
