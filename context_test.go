package bpfscript_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript"
)

// TestRunUntilCancelled runs a program until its context is cancelled: its
// end probe runs, its maps are delivered, and nothing is left in the
// kernel.
func TestRunUntilCancelled(t *testing.T) {
	before := bpfObjects(t)
	pid := strconv.Itoa(os.Getpid())
	src := `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls = count(); } END { printf("end\n"); }`
	prog, err := bpfscript.Compile(src, bpfscript.Options{Params: []string{pid}})
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out strings.Builder
	attached := make(chan struct{})
	type result struct {
		code int
		err  error
	}
	done := make(chan result)
	go func() {
		code, err := prog.Run(ctx, bpfscript.RunOptions{Out: &out, Quiet: true, OnAttached: func() { close(attached) }})
		done <- result{code, err}
	}()
	<-attached
	for range 3 {
		syscall.Getppid()
	}
	cancel()
	select {
	case r := <-done:
		if r.code != 0 || r.err != nil {
			t.Fatalf("Run = %d, %v", r.code, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if got, want := out.String(), "end\n\n\n@calls: 3\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	if after := bpfObjects(t); !slices.Equal(after, before) {
		t.Errorf("kernel objects left:\nbefore %v\nafter  %v", before, after)
	}
}

// TestSessionContext closes a session by cancelling its context, while
// programs are being added from another goroutine: every program added
// is closed with it, and nothing is left in the kernel.
func TestSessionContext(t *testing.T) {
	before := bpfObjects(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out strings.Builder
	s := bpfscript.NewSessionContext(ctx, bpfscript.Options{}, bpfscript.RunOptions{Out: &out, Quiet: true})
	src := `tracepoint:syscalls:sys_enter_getppid { @calls = count(); } END { @ends = count(); }`
	if _, err := s.Add(src); err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	adding := make(chan int)
	go func() {
		n := 0
		// At most 30: a tracepoint takes 64 programs, and other tests
		// may attach to this one at the same time.
		for n < 30 {
			if _, err := s.Add(src); err != nil {
				if !errors.Is(err, bpfscript.ErrClosed) {
					t.Errorf("Add while closing: %v", err)
				}
				break
			}
			n++
		}
		adding <- n
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	added := <-adding
	code, err := s.Close()
	if code != 0 || err != nil {
		t.Fatalf("Close = %d, %v", code, err)
	}
	ends, err := s.Map("@ends")
	if err == nil {
		t.Errorf("the maps of a closed session read: %v", ends)
	}
	if want := "@ends: " + strconv.Itoa(added+1) + "\n"; !strings.Contains(out.String(), want) {
		t.Errorf("output %q: want every end probe of %d programs to have run", out.String(), added+1)
	}
	if after := bpfObjects(t); !slices.Equal(after, before) {
		t.Errorf("kernel objects left:\nbefore %v\nafter  %v", before, after)
	}
	if _, err := s.Add(src); !errors.Is(err, bpfscript.ErrClosed) {
		t.Errorf("Add after the context was cancelled: %v, want ErrClosed", err)
	}
}

// TestWait ends a session when a program calls exit().
func TestWait(t *testing.T) {
	s := bpfscript.NewSession(bpfscript.Options{}, bpfscript.RunOptions{Out: &strings.Builder{}, Quiet: true})
	if _, err := s.Add(`BEGIN { exit(4); }`); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if code, err := s.Wait(ctx); code != 4 || err != nil || ctx.Err() != nil {
		t.Errorf("Wait = %d, %v (context %v), want 4 before the timeout", code, err, ctx.Err())
	}
}
