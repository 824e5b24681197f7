package types_test

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/types"
)

// fakeEnv serves the tracepoint formats copied under testdata/events from
// /sys/kernel/tracing/events, so that tests do not depend on the kernel.
type fakeEnv struct {
	formats map[string]*types.TracepointFormat // by "group:event"
}

func loadFakeEnv(t testing.TB) *fakeEnv {
	t.Helper()
	env := &fakeEnv{formats: map[string]*types.TracepointFormat{}}
	files, err := filepath.Glob("testdata/events/*/*/format")
	if err != nil || len(files) == 0 {
		t.Fatalf("no tracepoint formats in testdata/events: %v", err)
	}
	for _, file := range files {
		dir := filepath.Dir(file)
		group, event := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		f, err := parseFormatFile(file, group, event)
		if err != nil {
			t.Fatal(err)
		}
		env.formats[group+":"+event] = f
	}
	return env
}

func (e *fakeEnv) Tracepoints(group, event string) ([]string, error) {
	var out []string
	for name := range e.formats {
		g, ev, _ := strings.Cut(name, ":")
		gok, err := path.Match(group, g)
		if err != nil {
			return nil, fmt.Errorf("bad pattern %q: %v", group, err)
		}
		eok, err := path.Match(event, ev)
		if err != nil {
			return nil, fmt.Errorf("bad pattern %q: %v", event, err)
		}
		if gok && eok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out, nil
}

func (e *fakeEnv) TracepointFormat(group, event string) (*types.TracepointFormat, error) {
	f, ok := e.formats[group+":"+event]
	if !ok {
		return nil, fmt.Errorf("no format for %s:%s", group, event)
	}
	return f, nil
}

// parseFormatFile reads the `field:` lines of a tracefs format file,
// skipping the common_* fields.
func parseFormatFile(file, group, event string) (*types.TracepointFormat, error) {
	fh, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f := &types.TracepointFormat{Group: group, Event: event}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if id, ok := strings.CutPrefix(line, "ID: "); ok {
			f.ID, _ = strconv.Atoi(id)
			continue
		}
		if !strings.HasPrefix(line, "field:") {
			continue
		}
		var ff types.FormatField
		for _, part := range strings.Split(line, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(part), ":")
			if !ok {
				continue
			}
			switch k {
			case "field":
				ff.Decl = v
			case "offset":
				ff.Offset, err = strconv.Atoi(v)
			case "size":
				ff.Size, err = strconv.Atoi(v)
			case "signed":
				ff.Signed = v == "1"
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %q: %v", file, line, err)
			}
		}
		if strings.Contains(ff.Decl, "common_") {
			continue
		}
		f.Fields = append(f.Fields, ff)
	}
	return f, sc.Err()
}
