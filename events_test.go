package bpfscript_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/bpfscript/bpfscript"
)

// describe renders an event in one line, for comparing.
func describe(e bpfscript.Event) string {
	switch e := e.(type) {
	case *bpfscript.PrintfEvent:
		args := make([]any, len(e.Args))
		for i, a := range e.Args {
			args[i] = a.Go()
		}
		return fmt.Sprintf("printf %q %v %q", e.Format, args, e.Text)
	case *bpfscript.PrintEvent:
		return fmt.Sprintf("print %v", e.Value.Go())
	case *bpfscript.PrintMapEvent:
		return fmt.Sprintf("map %s %d entries top %d div %d", e.Map.Name, len(e.Map.Entries), e.Top, e.Div)
	case *bpfscript.MapsEvent:
		var names []string
		for _, m := range e.Maps {
			names = append(names, m.Name)
		}
		return fmt.Sprintf("maps %v", names)
	case *bpfscript.TimeEvent:
		return "time"
	case *bpfscript.JoinEvent:
		return fmt.Sprintf("join %q %q", e.Parts, e.Sep)
	case *bpfscript.ExitEvent:
		return fmt.Sprintf("exit %d", e.Code)
	case *bpfscript.AttachedEvent:
		return fmt.Sprintf("attached %d", e.Probes)
	case *bpfscript.LostEvent:
		return fmt.Sprintf("lost %d", e.Count)
	case *bpfscript.WarningEvent:
		return "warning " + e.Message
	case *bpfscript.ErrorEvent:
		return fmt.Sprintf("error %v", e.Err)
	}
	return fmt.Sprintf("%T", e)
}

// TestEvents runs a program through EventChan and checks every kind of
// event it sends, in order.
func TestEvents(t *testing.T) {
	src := `BEGIN {
		printf("%s has %d%%\n", "disk", 42);
		print(7); print(("a", -3));
		@m[1] = 10; @m[2] = 20; print(@m, 1);
		time("%H");
		exit(3);
	}`
	prog, err := bpfscript.Compile(src, bpfscript.Options{})
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	ch := make(chan bpfscript.Event)
	done := make(chan []string)
	go func() {
		var got []string
		for e := range ch {
			got = append(got, describe(e))
		}
		done <- got
	}()
	code, err := prog.Run(context.Background(), bpfscript.RunOptions{Sink: bpfscript.EventChan(ch)})
	close(ch)
	got := <-done
	if err != nil || code != 3 {
		t.Fatalf("Run = %d, %v", code, err)
	}
	// Begin probes run before "Attached" is reported; their events are
	// read after.
	want := []string{
		"attached 1",
		`printf "%s has %d%%\n" [disk 42] "disk has 42%\n"`,
		"print 7",
		"print [a -3]",
		"map @m 2 entries top 1 div 0",
		"time",
		"exit 3",
		"maps [@m]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events:\n%q\nwant\n%q", got, want)
	}
}

// TestEventSinkError stops a session's events with an error from the
// callback: it comes back as the reader's ErrorEvent.
func TestEventSinkError(t *testing.T) {
	pid := strconv.Itoa(os.Getpid())
	stop := errors.New("enough")
	errs := make(chan error, 1)
	sink := bpfscript.EventSink(func(e bpfscript.Event) error {
		switch e := e.(type) {
		case *bpfscript.PrintfEvent:
			return stop
		case *bpfscript.ErrorEvent:
			errs <- e.Err
		}
		return nil
	})
	s := bpfscript.NewSession(bpfscript.Options{Params: []string{pid}}, bpfscript.RunOptions{Sink: sink, Quiet: true})
	defer s.Close()
	if _, err := s.Add(`tracepoint:syscalls:sys_enter_getppid /pid == $1/ { printf("call\n"); }`); err != nil {
		t.Fatal(err)
	}
	syscall.Getppid()
	select {
	case err := <-errs:
		if !errors.Is(err, stop) {
			t.Errorf("ErrorEvent %v, want %v", err, stop)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no ErrorEvent")
	}
}
