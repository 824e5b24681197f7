// Command embed shows how a Go program runs a bpfscript program through the
// library: compile the source, run it for a while, and use what it printed.
//
// It counts system calls by process for a few seconds (or runs the script
// given with -e or as a file), captures the program's output in a buffer,
// and prints it with a summary line. Run it as root:
//
//	go run ./examples/embed
//	go run ./examples/embed -t 2s -e 'tracepoint:sched:sched_switch { @[args.next_comm] = count(); }'
//	go run ./examples/embed stdlib/vfsstat.bt
//
// Compile errors come back positioned and are rendered with
// bpfscript.FormatError, with the offending line and a caret. The run ends
// when the timeout cancels its context, the same way Ctrl-C ends the
// bpfscript command, so the maps are printed as they are at exit.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
)

// defaultScript counts system calls by process name.
const defaultScript = `tracepoint:raw_syscalls:sys_enter { @syscalls[comm] = count(); }`

func main() {
	timeout := flag.Duration("t", 3*time.Second, "how long to trace")
	program := flag.String("e", "", "the program to run (default: count system calls by process)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: embed [-t duration] [-e program | file] [args...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()

	filename, src, params, err := source(*program, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "embed:", err)
		os.Exit(1)
	}
	code, err := trace(filename, src, params, *timeout, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, strings.TrimSuffix(err.Error(), "\n"))
		os.Exit(1)
	}
	os.Exit(code)
}

// source picks the program: -e, else a file named by the first argument,
// else the default. The remaining arguments are the program's $1, $2, ...
func source(program string, args []string) (filename, src string, params []string, err error) {
	switch {
	case program != "":
		return "-e", program, args, nil
	case len(args) > 0:
		data, err := os.ReadFile(args[0])
		if err != nil {
			return "", "", nil, err
		}
		return args[0], string(data), args[1:], nil
	}
	return "default", defaultScript, nil, nil
}

// trace compiles src, runs it for at most timeout (or until it exits, or
// until SIGINT), and writes its output to w followed by a summary. It
// returns the program's exit code.
func trace(filename, src string, params []string, timeout time.Duration, w io.Writer) (int, error) {
	prog, err := bpfscript.Compile(src, bpfscript.Options{Filename: filename, Params: params})
	if err != nil {
		// FormatError renders every positioned error with its source
		// line and a caret, and any other error as one line.
		return 1, errors.New(bpfscript.FormatError(err, src))
	}

	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// The program's output (printf, print, the maps at exit) goes to a
	// buffer here; messages about the run, such as how many probes were
	// attached, go to Diag.
	var out bytes.Buffer
	var diag bytes.Buffer
	start := time.Now()
	code, err := prog.Run(ctx, runtime.Options{Out: &out, Diag: &diag})
	if err != nil {
		return 1, fmt.Errorf("running %s: %w", filename, err)
	}
	fmt.Fprintf(w, "%s", out.Bytes())
	fmt.Fprintf(w, "--- %s: %s, ran %v, exit code %d, %d bytes of output\n",
		filename, strings.TrimSpace(diag.String()), time.Since(start).Round(time.Millisecond), code, out.Len())
	return code, nil
}
