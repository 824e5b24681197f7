package bpfscript_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
)

// A script compiled and run to the end, as the bpfscript command runs one:
// its output and its maps go to standard output.
func Example() {
	src := `BEGIN { printf("hello from %s\n", probe); exit(3); }`
	prog, err := bpfscript.Compile(src, bpfscript.Options{})
	if err != nil {
		fmt.Print(bpfscript.FormatError(err, src))
		return
	}
	code, err := prog.Run(context.Background(), runtime.Options{Quiet: true})
	fmt.Println("exit code", code, err)
	// Output:
	// hello from BEGIN
	// exit code 3 <nil>
}

// Programs added to a session share its maps, which read as Go values at
// any moment; a program that would change a map's type is refused with a
// positioned error.
func ExampleSession() {
	var discard strings.Builder // the maps Close prints
	s := bpfscript.NewSession(bpfscript.Options{}, runtime.Options{Quiet: true, Out: &discard})
	for _, src := range []string{
		`BEGIN { @runs = count(); @last = "first"; }`,
		`BEGIN { @runs = count(); @last = "second"; }`,
		`BEGIN { @runs = sum(5); }`,
	} {
		if _, err := s.Add(src); err != nil {
			fmt.Print(bpfscript.FormatError(err, src))
		}
	}
	runs, err := s.Map("@runs")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %s = %d\n", runs.Name, runs.Entries[0].Value.Agg.Name, runs.Entries[0].Value.Bits)
	last, _ := s.Map("@last")
	fmt.Printf("%s = %q\n", last.Name, last.Entries[0].Value.Str)
	s.Close()
	// Output:
	// stdin:1:17: error: map @runs: value type sum_t does not match count_t of first use in an earlier program
	// BEGIN { @runs = sum(5); }
	//                 ^~~~~~
	// @runs: count = 2
	// @last = "second"
}
