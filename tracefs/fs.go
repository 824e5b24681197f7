package tracefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
)

// FS answers questions about the trace events of one tracefs tree. The zero
// value, like New, uses the system tracefs and calls Mount on first use.
// An FS is safe for concurrent use.
type FS struct {
	dir string // tracefs root; empty means "ask Mount"

	mu      sync.Mutex
	formats map[string]*types.TracepointFormat // by "group:event"
	funcs   *kernelFuncs                       // read on first use (funcs.go)
}

// New returns an FS for the running kernel. It does not touch tracefs until
// a method needs it.
func New() *FS { return &FS{} }

// At returns an FS reading the tracefs tree rooted at dir (a directory with
// an events subdirectory), such as a copy made for tests.
func At(dir string) *FS { return &FS{dir: dir} }

// NotFoundError says a tracepoint does not exist. It matches fs.ErrNotExist
// under errors.Is.
type NotFoundError struct {
	Group, Event string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("tracepoint %s:%s does not exist", e.Group, e.Event)
}

func (e *NotFoundError) Unwrap() error { return fs.ErrNotExist }

func (t *FS) eventsDir() (string, error) {
	root := t.dir
	if root == "" {
		var err error
		if root, err = Mount(); err != nil {
			return "", err
		}
	}
	return filepath.Join(root, "events"), nil
}

// Tracepoints expands group and event, which may hold the wildcards of
// path.Match (* ? [...]), into the sorted "group:event" names of existing
// tracepoints. No match gives an empty list and no error.
func (t *FS) Tracepoints(group, event string) ([]string, error) {
	if err := checkPattern("group", group); err != nil {
		return nil, err
	}
	if err := checkPattern("event", event); err != nil {
		return nil, err
	}
	events, err := t.eventsDir()
	if err != nil {
		return nil, err
	}
	if !hasMeta(group) && !hasMeta(event) {
		// One stat answers for a plain name: scripts name dozens.
		if info, err := os.Stat(filepath.Join(events, group, event)); err != nil || !info.IsDir() {
			return nil, nil
		}
		return []string{group + ":" + event}, nil
	}
	groups, err := matchDirs(events, group)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, g := range groups {
		matched, err := matchDirs(filepath.Join(events, g), event)
		if err != nil {
			return nil, err
		}
		for _, e := range matched {
			names = append(names, g+":"+e)
		}
	}
	// Directory order sorts "a-b" before "a" but the joined names sort the
	// other way round (':' > '-'), so sort the result as a whole.
	slices.Sort(names)
	return names, nil
}

// List returns the probe names ("tracepoint:group:event") matching pattern,
// sorted. The pattern is "group:event" with wildcards, optionally preceded by
// the provider ("tracepoint:" or "t:", itself possibly a wildcard). A missing
// event means every event of the groups; "", "tracepoint" and "t" mean every
// tracepoint. A pattern for another provider matches nothing.
func (t *FS) List(pattern string) ([]string, error) {
	parts := strings.Split(pattern, ":")
	switch len(parts) {
	case 1:
		if parts[0] == "" || parts[0] == "tracepoint" || parts[0] == "t" {
			parts = []string{"*", "*"}
		} else {
			parts = []string{parts[0], "*"}
		}
	case 2:
	case 3:
		provider := parts[0]
		matched, err := path.Match(provider, "tracepoint")
		if err != nil {
			return nil, fmt.Errorf("bad provider pattern %q: %w", provider, err)
		}
		if !matched && provider != "t" {
			return nil, nil
		}
		parts = parts[1:]
	default:
		return nil, fmt.Errorf("bad tracepoint pattern %q: want [tracepoint:]group:event", pattern)
	}
	names, err := t.Tracepoints(parts[0], parts[1])
	if err != nil {
		return nil, err
	}
	for i, n := range names {
		names[i] = "tracepoint:" + n
	}
	return names, nil
}

// TracepointFormat reads and parses events/<group>/<event>/format. Results
// are cached: the checker asks once per use of `args`.
func (t *FS) TracepointFormat(group, event string) (*types.TracepointFormat, error) {
	if err := checkName("group", group); err != nil {
		return nil, err
	}
	if err := checkName("event", event); err != nil {
		return nil, err
	}
	key := group + ":" + event
	t.mu.Lock()
	cached := t.formats[key]
	t.mu.Unlock()
	if cached != nil {
		return cached, nil
	}

	events, err := t.eventsDir()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(events, group, event)
	text, err := os.ReadFile(filepath.Join(dir, "format"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{Group: group, Event: event}
	}
	if err != nil {
		return nil, fmt.Errorf("reading format of tracepoint %s: %w", key, err)
	}
	format, err := ParseFormat(group, event, text)
	if err != nil {
		return nil, err
	}
	if format.ID == 0 {
		// Every kernel prints ID: in the format file, but the id file is
		// the documented source, so fall back to it rather than fail.
		if format.ID, err = t.EventID(group, event); err != nil {
			return nil, err
		}
	}

	t.mu.Lock()
	if t.formats == nil {
		t.formats = make(map[string]*types.TracepointFormat)
	}
	t.formats[key] = format
	t.mu.Unlock()
	return format, nil
}

// EventID returns the id of a tracepoint, which perf_event_open takes as
// the config of a PERF_TYPE_TRACEPOINT event. It reads only the id file.
func (t *FS) EventID(group, event string) (int, error) {
	if err := checkName("group", group); err != nil {
		return 0, err
	}
	if err := checkName("event", event); err != nil {
		return 0, err
	}
	events, err := t.eventsDir()
	if err != nil {
		return 0, err
	}
	id, err := readID(filepath.Join(events, group, event, "id"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, &NotFoundError{Group: group, Event: event}
	}
	if err != nil {
		return 0, fmt.Errorf("reading the id of tracepoint %s:%s: %w", group, event, err)
	}
	return id, nil
}

// matchDirs returns the sorted names of the subdirectories of dir matching
// pattern. A pattern without wildcards costs one stat instead of a listing.
// A missing dir matches nothing.
func matchDirs(dir, pattern string) ([]string, error) {
	if !hasMeta(pattern) {
		info, err := os.Stat(filepath.Join(dir, pattern))
		if err != nil || !info.IsDir() {
			return nil, nil
		}
		return []string{pattern}, nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	var names []string
	for _, entry := range entries {
		// Groups and events are the only directories in events/ and in a
		// group; the files beside them (enable, filter, header_page) are
		// control files. The entry type comes from the directory listing
		// itself, so this costs no syscall per entry.
		if !entry.IsDir() {
			continue
		}
		// checkPattern has already rejected malformed patterns.
		if ok, _ := path.Match(pattern, entry.Name()); ok {
			names = append(names, entry.Name())
		}
	}
	return names, nil
}

func hasMeta(pattern string) bool {
	return strings.ContainsAny(pattern, `*?[\`)
}

// checkPattern rejects patterns path.Match cannot use and names that would
// leave the events directory.
func checkPattern(what, pattern string) error {
	if pattern == "" || strings.Contains(pattern, "/") || pattern == "." || pattern == ".." {
		return fmt.Errorf("invalid tracepoint %s %q", what, pattern)
	}
	if _, err := path.Match(pattern, ""); err != nil {
		return fmt.Errorf("invalid tracepoint %s pattern %q: %w", what, pattern, err)
	}
	return nil
}

// checkName accepts one concrete group or event name.
func checkName(what, name string) error {
	if err := checkPattern(what, name); err != nil {
		return err
	}
	if hasMeta(name) {
		return fmt.Errorf("invalid tracepoint %s %q: wildcards are not allowed here", what, name)
	}
	return nil
}

// readID reads an id file with three system calls: os.ReadFile would make
// six (it also stats the file, registers it with the poller and reads to
// EOF), and a script opens one per tracepoint on its way to attaching.
func readID(file string) (int, error) {
	fd, err := unix.Open(file, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0, &fs.PathError{Op: "open", Path: file, Err: err}
	}
	var buf [32]byte // a decimal int and a newline
	n, err := unix.Read(fd, buf[:])
	unix.Close(fd)
	if err != nil {
		return 0, &fs.PathError{Op: "read", Path: file, Err: err}
	}
	id, err := strconv.Atoi(strings.TrimSpace(string(buf[:max(n, 0)])))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", file, err)
	}
	return id, nil
}
