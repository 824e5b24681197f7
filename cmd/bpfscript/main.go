package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/bpfscript/bpfscript/runtime/output"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `USAGE:
    bpfscript [options] -e 'program' [args...]
    bpfscript [options] FILE [args...]
    bpfscript [options] - [args...]      (program on standard input)

OPTIONS:
    -e PROGRAM     the program to run
    -c COMMAND     run COMMAND (its pid is cpid), trace, and stop when it exits
    -o FILE        write program output to FILE
    -f FORMAT      output format: text (the default) or json (one JSON object a line)
    -q             quiet: do not print "Attached N probes"
    -v             verbose: whole verifier logs on errors
    -d STAGE       dump a compilation stage and exit: ast, types, ir, asm, verifier
    --dry-run      compile and load into the verifier, attach nothing
    --metrics ADDR serve the maps as Prometheus metrics on ADDR/metrics
                   while the program runs (bpfscript-metrics --help)
    -V, --version  print the version
    -h, --help     this help

EXAMPLES:
    bpfscript -e 'tracepoint:syscalls:sys_enter_openat { printf("%s %s\n", comm, str(args.filename)); }'
    bpfscript -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'
    bpfscript -e 'tracepoint:syscalls:sys_exit_read /pid == $1/ { @ = hist(args.ret); }' 1234
`

func main() {
	// A run's closer process is this binary started again: it must do
	// nothing else.
	attach.RunCloserIfAsked()
	if code := execMetricsIfAsked(os.Args[1:]); code >= 0 {
		os.Exit(code)
	}
	parser.Prepare()
	os.Exit(realMain(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

type options struct {
	program, output, dump string
	format                string
	command               string
	quiet, verbose, dry   bool
	version               bool
}

func realMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("bpfscript", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.program, "e", "", "")
	fs.StringVar(&o.output, "o", "", "")
	fs.StringVar(&o.format, "f", "text", "")
	fs.StringVar(&o.dump, "d", "", "")
	fs.StringVar(&o.command, "c", "", "")
	fs.BoolVar(&o.quiet, "q", false, "")
	fs.BoolVar(&o.verbose, "v", false, "")
	fs.BoolVar(&o.dry, "dry-run", false, "")
	fs.BoolVar(&o.version, "V", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			io.WriteString(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "bpfscript: %v\n\n", err)
		io.WriteString(stderr, usage)
		return 1
	}
	if _, err := output.NewSink(o.format, io.Discard, io.Discard); err != nil {
		fmt.Fprintf(stderr, "bpfscript: %v\n\n", err)
		io.WriteString(stderr, usage)
		return 1
	}
	if o.version {
		fmt.Fprintf(stdout, "bpfscript %s\n", version)
		return 0
	}
	filename, src := "stdin", o.program
	if o.program == "" {
		if len(rest) == 0 {
			io.WriteString(stderr, "bpfscript: no program given: use -e 'program' or a file\n\n"+usage)
			return 1
		}
		filename, rest = rest[0], rest[1:]
		var data []byte
		var err error
		if filename == "-" {
			filename = "stdin"
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(filename)
		}
		if err != nil {
			fmt.Fprintf(stderr, "bpfscript: reading the program: %v\n", err)
			return 1
		}
		src = string(data)
	}

	// Loading needs privileges, compiling does not: compile-only dumps
	// work for anyone (tracepoints need read access to tracefs, though).
	// Check up front, so that a user without them gets the one sentence
	// that says so, not an error from deep inside (tracefs, the verifier).
	compileOnly := o.dump != "" && o.dump != "verifier"
	if !compileOnly {
		if err := attach.CheckPrivileges(); err != nil {
			// The sentence starts with "bpfscript needs".
			fmt.Fprintln(stderr, err)
			return 1
		}
		runtime.Prewarm()
	}
	copts := bpfscript.Options{Filename: filename, Params: rest}
	var cmd *child
	if o.command != "" {
		if compileOnly || o.dry || o.dump == "verifier" {
			copts.ChildPID = os.Getpid() // a stand-in: nothing will run
		} else {
			if cmd, err = startChild(o.command); err != nil {
				fmt.Fprintf(stderr, "bpfscript: %v\n", err)
				return 1
			}
			defer cmd.kill()
			copts.ChildPID = cmd.pid
		}
	}
	var opened *runtime.EventOpener
	if !compileOnly && !o.dry && o.dump != "verifier" {
		// The kernel opens perf events one at a time, slowly: that starts
		// as soon as the probes are known, while the program compiles.
		copts.Checked = func(info *types.Info) { opened = runtime.OpenEvents(bpfscript.AttachPoints(info)) }
	}
	prog, err := bpfscript.Compile(src, copts)
	defer opened.Close() // after the run, whatever of them it did not take
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			fmt.Fprint(stderr, bpfscript.FormatError(list, src))
		} else {
			fmt.Fprintf(stderr, "bpfscript: %v\n", err)
		}
		return 1
	}
	if compileOnly {
		if err := prog.Dump(stdout, o.dump); err != nil {
			fmt.Fprintf(stderr, "bpfscript: %v\n", err)
			return 1
		}
		return 0
	}
	out := stdout
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			fmt.Fprintf(stderr, "bpfscript: %v\n", err)
			return 1
		}
		defer f.Close()
		out = f
	}
	sink, _ := output.NewSink(o.format, out, stderr) // the format was checked above
	ropts := runtime.Options{Sink: sink, Quiet: o.quiet, Verbose: o.verbose, DryRun: o.dry, Events: opened}
	if o.dump == "verifier" {
		ropts.DryRun, ropts.VerifierLog = true, stdout
	}
	if !ropts.DryRun {
		// Exiting then waits for nothing in the kernel.
		ropts.Closer = &attach.Closer{}
	}
	ctx, stop := stopOnSignals(func() {
		ropts.Closer.HandOff()
		if cmd != nil {
			cmd.kill()
		}
	})
	defer stop()
	if cmd != nil {
		// The run ends when the command does, however it ends.
		ropts.OnAttached = cmd.run
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			<-cmd.exited
			cancel()
		}()
	}
	code, err := prog.Run(ctx, ropts)
	if err != nil {
		sink.Error(err)
		return 1
	}
	return code
}

// parseInterleaved parses flags anywhere among the arguments, as bpftrace's
// getopt does (`bpfscript -e PROG 123 -o out`), and returns the positional
// arguments in order. "--" ends the flags; a negative number is a
// positional parameter, not a flag.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
		for len(args) > 0 && isNegativeNumber(args[0]) {
			rest = append(rest, args[0])
			args = args[1:]
		}
	}
}

func isNegativeNumber(s string) bool {
	_, err := strconv.ParseInt(s, 0, 64)
	return err == nil && strings.HasPrefix(s, "-")
}
