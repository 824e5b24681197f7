package bpfscript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/diag"
)

func compileTest(t *testing.T, src string, opts Options) (*Program, error) {
	t.Helper()
	opts.Env, opts.NumCPUs = testenv.New(), 2
	return Compile(src, opts)
}

func TestConfigReachesTheCompiler(t *testing.T) {
	p, err := compileTest(t, "config = { perf_rb_pages = 3; max_map_keys = 10; max_strlen = 32; license = \"Dual BSD/GPL\" }\ntracepoint:syscalls:sys_enter_openat { @m[1] = str(args.filename); }", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Compiled.Map(compiled.EventsMap).MaxEntries, 4*os.Getpagesize(); got != want {
		t.Errorf("event ring of %d bytes for 3 pages, want %d", got, want)
	}
	if m := p.Compiled.Map("@m"); m == nil || m.MaxEntries != 10 || m.User.Value.Size != 32 {
		t.Errorf("@m: %+v", m)
	}
	if p.Compiled.License != "Dual BSD/GPL" {
		t.Errorf("license %q", p.Compiled.License)
	}
}

func TestOptionsStrLenIsMaxStrlensDefault(t *testing.T) {
	p, err := compileTest(t, "tracepoint:syscalls:sys_enter_openat { @m = str(args.filename); }", Options{StrLen: 48})
	if err != nil {
		t.Fatal(err)
	}
	if p.Config.MaxStrLen != 48 || p.Compiled.Map("@m").User.Value.Size != 48 {
		t.Errorf("max_strlen %d", p.Config.MaxStrLen)
	}
}

func TestPreprocessorOptions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "limits.h"), []byte("#define LIMIT 42\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "#include <limits.h>\nBEGIN { @x = LIMIT + FORCED; }"
	forced := filepath.Join(dir, "forced.h")
	if err := os.WriteFile(forced, []byte("#define FORCED 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := compileTest(t, src, Options{IncludeDirs: []string{dir}, Includes: []string{forced}}); err != nil {
		t.Fatal(diag.Render(err, src))
	}
	_, err := compileTest(t, src, Options{Filename: "s.bt"})
	if err == nil || !strings.HasPrefix(diag.Render(err, src), "s.bt:1:10: error: header limits.h not found") {
		t.Errorf("without -I: %v", err)
	}
}

// The fixture tree has kernel BTF ids, so BPFTRACE_HAVE_BTF is defined.
func TestHaveBTF(t *testing.T) {
	src := "#ifndef BPFTRACE_HAVE_BTF\n#error no BTF\n#endif\nBEGIN { }"
	if _, err := compileTest(t, src, Options{}); err != nil {
		t.Fatal(diag.Render(err, src))
	}
}
