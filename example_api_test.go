package bpfscript_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript"
)

// Compile returns every error in a program as a value, with its position
// and the text the bpfscript command would print.
func ExampleCompile() {
	src := "BEGIN { @x = 1; }\nEND { print(@y); @z = nope; }"
	_, err := bpfscript.Compile(src, bpfscript.Options{Filename: "prog.bt"})
	var ce *bpfscript.CompileError
	if errors.As(err, &ce) {
		for _, d := range ce.Errors {
			fmt.Printf("%s line %d column %d: %s\n", d.File, d.Line, d.Col, d.Msg)
		}
		fmt.Print(ce.Text)
	}
	// Output:
	// prog.bt line 2 column 13: map @y is used but never assigned
	// prog.bt line 2 column 23: unknown identifier 'nope'
	// prog.bt:2:13: error: map @y is used but never assigned
	// END { print(@y); @z = nope; }
	//             ^~
	// prog.bt:2:23: error: unknown identifier 'nope'
	// END { print(@y); @z = nope; }
	//                       ^~~~
}

// A map reads as Go values at any moment: keys in their types, and values
// as their aggregation merges them over CPUs.
func ExampleSession_Map() {
	s := bpfscript.NewSession(bpfscript.Options{}, bpfscript.RunOptions{Quiet: true, Out: &strings.Builder{}})
	defer s.Close()
	src := `BEGIN { @bytes["read", 1] = sum(100); @bytes["read", 1] = sum(20); @bytes["write", 2] = sum(7); @lat = avg(10); @lat = avg(20); }`
	if _, err := s.Add(src); err != nil {
		fmt.Print(bpfscript.FormatError(err, src))
		return
	}
	m, err := s.Map("@bytes")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range m.Entries { // ascending by value, as bpftrace prints them
		fmt.Println(e.Key.Go(), e.Value.Agg.Name, e.Value.Go())
	}
	lat, _ := s.Map("@lat")
	stats := lat.Entries[0].Value.Stats
	fmt.Println("avg", int64(stats.Average), "of", stats.Count)
	// Output:
	// [write 2] sum 7
	// [read 1] sum 120
	// avg 15 of 2
}

// Entries are written from Go as the programs write them: the programs of
// the session see the change at once.
func ExampleSession_Update() {
	var out strings.Builder
	s := bpfscript.NewSession(bpfscript.Options{}, bpfscript.RunOptions{Quiet: true, Out: &out})
	if _, err := s.Add(`BEGIN { @limit = 10; @seen["x"] = count(); }`); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Update("@limit", nil, 50))
	fmt.Println(s.Update("@seen", "y", 3))
	fmt.Println(s.Delete("@seen", "x"))
	fmt.Println(s.Update("@limit", "key", 1))
	if _, err := s.Add(`BEGIN { printf("limit %d, y seen %d times\n", @limit, @seen["y"]); }`); err != nil {
		fmt.Println(err)
		return
	}
	s.Close()
	for _, line := range strings.Split(out.String(), "\n") {
		if line != "" { // the maps at the end come after two empty lines
			fmt.Println(line)
		}
	}
	// Output:
	// <nil>
	// <nil>
	// <nil>
	// map @limit has no keys: want a nil key, got string
	// limit 50, y seen 3 times
	// @limit: 50
	// @seen[y]: 3
}

// Events carry what a program outputs as Go values.
func ExampleEventSink() {
	sink := bpfscript.EventSink(func(e bpfscript.Event) error {
		switch e := e.(type) {
		case *bpfscript.PrintfEvent:
			fmt.Printf("printf %q with %v and %v\n", e.Format, e.Args[0].Go(), e.Args[1].Go())
		case *bpfscript.ExitEvent:
			fmt.Println("exit", e.Code)
		case *bpfscript.MapsEvent:
			for _, m := range e.Maps {
				fmt.Println("final", m.Name, m.Entries[0].Value.Go())
			}
		}
		return nil
	})
	src := `BEGIN { printf("%s=%d\n", "answer", 42); @n = count(); exit(); }`
	prog, err := bpfscript.Compile(src, bpfscript.Options{})
	if err != nil {
		fmt.Print(bpfscript.FormatError(err, src))
		return
	}
	prog.Run(context.Background(), bpfscript.RunOptions{Sink: sink})
	// Output:
	// printf "%s=%d\n" with answer and 42
	// exit 0
	// final @n 1
}

// A session tied to a context closes when the context is done: its end
// probes run, its maps are delivered, and it leaves nothing in the kernel.
func ExampleNewSessionContext() {
	ctx, cancel := context.WithCancel(context.Background())
	s := bpfscript.NewSessionContext(ctx, bpfscript.Options{}, bpfscript.RunOptions{Quiet: true})
	for _, src := range []string{
		`tracepoint:syscalls:sys_enter_getppid /pid == 0/ { @calls = count(); }`,
		`END { printf("ended with %d probes\n", 2); }`,
	} {
		if _, err := s.Add(src); err != nil {
			fmt.Print(bpfscript.FormatError(err, src))
		}
	}
	cancel()
	code, err := s.Wait(context.Background())
	fmt.Println("code", code, err)
	// Output:
	// ended with 2 probes
	// code 0 <nil>
}
