package bpfscript_test

import (
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/runtime"
)

// TestReplace swaps a session's program for another: a map it uses with
// the same type keeps counting, a retyped one starts again, a dropped one
// goes; a program with errors changes nothing.
func TestReplace(t *testing.T) {
	s := bpfscript.NewSession(bpfscript.Options{Params: []string{strconv.Itoa(os.Getpid())}}, runtime.Options{Out: io.Discard, Quiet: true})
	defer s.Close()
	const probe = `tracepoint:syscalls:sys_enter_getppid /pid == $1/ `
	a, err := s.Add(probe + `{ @keep = count(); @retype = count(); @gone = count(); }`)
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, ""))
	}
	calls := func(n int) {
		for range n {
			syscall.Getppid()
		}
	}
	calls(10)
	b, err := s.Replace(a, probe+`{ @keep = count(); @retype = sum(3); }`)
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, ""))
	}
	calls(5)
	for name, want := range map[string]uint64{"@keep": 15, "@retype": 15} {
		if got := mapCounts(t, s, name)[""]; got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	if _, err := s.Map("@gone"); err == nil {
		t.Error("@gone, which the new program does not use, is still in the session")
	}

	_, err = s.Replace(b, probe+`{ @keep = count() }}`)
	var list diag.List
	if !errors.As(err, &list) || errors.Is(err, bpfscript.ErrDetached) {
		t.Fatalf("Replace with a syntax error: %v, want a diag.List and the old program running", err)
	}
	calls(1)
	if got := mapCounts(t, s, "@keep")[""]; got != 16 {
		t.Errorf("after a failed Replace @keep = %d, want 16: the old program runs on", got)
	}

	// Only joining (no old program), src may not retype a map that an
	// attached program uses.
	if _, err := s.Replace(nil, probe+`{ @keep = max(1); }`); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("retyping a map in use: %v", err)
	}
}
