package tracefs_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/tracefs"
)

func TestTracepointsTestdata(t *testing.T) {
	tfs := tracefs.At(testenv.Dir())
	tests := []struct {
		group, event string
		want         []string
	}{
		{"syscalls", "sys_enter_openat", []string{"syscalls:sys_enter_openat"}},
		{"syscalls", "sys_*_openat", []string{"syscalls:sys_enter_openat", "syscalls:sys_exit_openat"}},
		{"syscalls", "sys_e?it_*", []string{"syscalls:sys_exit_execve", "syscalls:sys_exit_open", "syscalls:sys_exit_openat", "syscalls:sys_exit_read"}},
		{"sys*", "sys_enter_open*", []string{"syscalls:sys_enter_open", "syscalls:sys_enter_openat", "syscalls:sys_enter_openat2"}},
		{"*", "sys_enter", []string{"raw_syscalls:sys_enter"}},
		{"[rs]*", "sched_[a-p]*", []string{"sched:sched_process_exec"}},
		{"syscalls", "enable", nil}, // a control file, not an event
		{"syscalls", "nope", nil},   // literal, missing
		{"nope", "*", nil},          // missing group
		{"syscalls", "*nope*", nil}, // wildcard, no match
		{"*", "enable", nil},        // events/enable is a file
		{"fake", "*", []string{"fake:no_id_line"}},
	}
	for _, tt := range tests {
		t.Run(tt.group+":"+tt.event, func(t *testing.T) {
			got, err := tfs.Tracepoints(tt.group, tt.event)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tracepoints = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTracepointsSorted checks that names sort as joined strings: directory
// order puts group "a" before "a-b", but "a-b:x" < "a:x".
func TestTracepointsSorted(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"a/x", "a-b/x", "a/y"} {
		if err := os.MkdirAll(filepath.Join(root, "events", dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	got, err := tracefs.At(root).Tracepoints("a*", "*")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a-b:x", "a:x", "a:y"}
	if !slices.Equal(got, want) {
		t.Errorf("Tracepoints = %q, want %q", got, want)
	}
}

func TestPatternErrors(t *testing.T) {
	tfs := tracefs.At(testenv.Dir())
	tests := []struct{ group, event, wantErr string }{
		{"sys[", "*", `invalid tracepoint group pattern "sys["`},
		{"syscalls", "", `invalid tracepoint event ""`},
		{"..", "*", `invalid tracepoint group ".."`},
		{"syscalls/../sched", "*", `invalid tracepoint group "syscalls/../sched"`},
	}
	for _, tt := range tests {
		_, err := tfs.Tracepoints(tt.group, tt.event)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("Tracepoints(%q, %q) error = %v, want %q", tt.group, tt.event, err, tt.wantErr)
		}
	}
	if _, err := tfs.TracepointFormat("syscalls", "sys_enter_*"); err == nil || !strings.Contains(err.Error(), "wildcards are not allowed") {
		t.Errorf("TracepointFormat with a wildcard: error = %v", err)
	}
	_, err := tfs.TracepointFormat("syscalls", "sys_enter_nope")
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "tracepoint syscalls:sys_enter_nope does not exist" {
		t.Errorf("TracepointFormat of a missing tracepoint: error = %v", err)
	}
	_, err = tfs.EventID("nope", "sys_enter_nope")
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "tracepoint nope:sys_enter_nope does not exist" {
		t.Errorf("EventID of a missing tracepoint: error = %v", err)
	}
	if id, err := tfs.EventID("sched", "sched_switch"); err != nil || id != 372 {
		t.Errorf("EventID(sched, sched_switch) = %d, %v; want 372 from testdata", id, err)
	}
}

func TestListTestdata(t *testing.T) {
	tfs := tracefs.At(testenv.Dir())
	all := []string{
		"tracepoint:fake:no_id_line",
		"tracepoint:raw_syscalls:sys_enter",
		"tracepoint:sched:sched_process_exec",
		"tracepoint:sched:sched_switch",
		"tracepoint:syscalls:sys_enter_execve",
		"tracepoint:syscalls:sys_enter_getppid",
		"tracepoint:syscalls:sys_enter_open",
		"tracepoint:syscalls:sys_enter_openat",
		"tracepoint:syscalls:sys_enter_openat2",
		"tracepoint:syscalls:sys_enter_read",
		"tracepoint:syscalls:sys_exit_execve",
		"tracepoint:syscalls:sys_exit_open",
		"tracepoint:syscalls:sys_exit_openat",
		"tracepoint:syscalls:sys_exit_read",
	}
	tests := []struct {
		pattern string
		want    []string
	}{
		{"", all},
		{"tracepoint", all},
		{"t", all},
		{"*:*", all},
		{"tracepoint:sched:*", all[2:4]},
		{"t:sched:*", all[2:4]},
		{"tr*:sched:sched_s*", all[3:4]},
		{"sched", all[2:4]},
		{"sched:sched_switch", all[3:4]},
		{"kprobe:*", nil},
		{"kprobe:vfs_read:x", nil},
	}
	for _, tt := range tests {
		got, err := tfs.List(tt.pattern)
		if err != nil {
			t.Errorf("List(%q): %v", tt.pattern, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("List(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
	if _, err := tfs.List("a:b:c:d"); err == nil {
		t.Error("List with four parts: no error")
	}
}

// TestRealTracefs asks the running kernel, mounting tracefs if needed.
func TestRealTracefs(t *testing.T) {
	tfs := tracefs.New()
	names, err := tfs.Tracepoints("syscalls", "sys_enter_open*")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names, "syscalls:sys_enter_openat") || !slices.IsSorted(names) {
		t.Errorf("Tracepoints(syscalls, sys_enter_open*) = %q, want a sorted list with sys_enter_openat", names)
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "syscalls:sys_enter_open") {
			t.Errorf("unexpected match %q", n)
		}
	}

	format, err := tfs.TracepointFormat("syscalls", "sys_enter_openat")
	if err != nil {
		t.Fatal(err)
	}
	root, err := tracefs.Mount()
	if err != nil {
		t.Fatal(err)
	}
	idText, err := os.ReadFile(filepath.Join(root, "events/syscalls/sys_enter_openat/id"))
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := strconv.Atoi(strings.TrimSpace(string(idText))); format.ID != id || id == 0 {
		t.Errorf("ID = %d, id file says %d", format.ID, id)
	}
	if id, err := tfs.EventID("syscalls", "sys_enter_openat"); err != nil || id != format.ID {
		t.Errorf("EventID = %d, %v; want %d", id, err, format.ID)
	}
	var decls []string
	for _, f := range format.Fields {
		decls = append(decls, f.Decl)
		if strings.Contains(f.Decl, "common_") {
			t.Errorf("common field %q not skipped", f.Decl)
		}
	}
	if !slices.Contains(decls, "const char * filename") {
		t.Errorf("sys_enter_openat fields = %q, want one \"const char * filename\"", decls)
	}
	again, err := tfs.TracepointFormat("syscalls", "sys_enter_openat")
	if err != nil || again != format {
		t.Errorf("second TracepointFormat = %p, %v; want the cached %p", again, err, format)
	}

	listed, err := tfs.List("tracepoint:sched:*")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(listed, "tracepoint:sched:sched_switch") {
		t.Errorf("List(tracepoint:sched:*) has no sched_switch: %q", listed)
	}

	all, err := tfs.Tracepoints("syscalls", "*")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 100 {
		t.Errorf("only %d syscalls tracepoints listed", len(all))
	}
}

// BenchmarkListSyscalls measures listing every syscalls tracepoint, which
// must not read any format file.
func BenchmarkListSyscalls(b *testing.B) {
	tfs := tracefs.New()
	for b.Loop() {
		if _, err := tfs.Tracepoints("syscalls", "*"); err != nil {
			b.Fatal(err)
		}
	}
}
