package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/bpfscript/bpfscript"
	_ "github.com/bpfscript/bpfscript/cmd/bpfscript/internal/early" // starts building the grammar
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/bpfscript/bpfscript/runtime/output"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	// A run's closer process is this binary started again: it must do
	// nothing else.
	attach.RunCloserIfAsked()
	if code := execMetricsIfAsked(os.Args[1:]); code >= 0 {
		os.Exit(code)
	}
	os.Exit(realMain(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func realMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "fmt" {
		// A program file called fmt runs as ./fmt.
		return runFmt(args[1:], stdin, stdout, stderr)
	}
	o, err := parseOptions(args)
	if err != nil {
		// One line: the whole usage text would bury it.
		fmt.Fprintf(stderr, "bpfscript: %v\n", err)
		return 1
	}
	switch {
	case o.help:
		io.WriteString(stdout, usage)
		return 0
	case o.version:
		fmt.Fprintf(stdout, "bpfscript %s\n", version)
		return 0
	case o.fmtFile != "":
		return runFmt([]string{o.fmtFile}, stdin, stdout, stderr)
	case o.info:
		if err := attach.CheckPrivileges(); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		printInfo(stdout)
		return 0
	}
	if o.interactive || o.program == "" && len(o.args) == 0 && isTerminal(stdin) {
		return runShell(*o, o.args, stdin, stderr)
	}
	rest := o.args
	filename, src := "stdin", o.program
	if o.program == "" {
		if len(rest) == 0 {
			io.WriteString(stderr, "bpfscript: no program given: use -e 'program' or a file (bpfscript -h tells more)\n")
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
	compileOnly := o.compileOnly()
	// -- --help lists the program's named parameters: nothing runs.
	_, programHelp := o.named["help"]
	compileOnly = compileOnly || programHelp
	verifierLog := slices.Contains(o.stages, "verifier")
	var caught *signals // nil when nothing will run
	if !compileOnly {
		if err := attach.CheckPrivileges(); err != nil {
			// The sentence starts with "bpfscript needs".
			fmt.Fprintln(stderr, err)
			return 1
		}
		runtime.Prewarm()
		caught = listenForSignals()
	}
	copts := bpfscript.Options{Filename: filename, Params: rest, NamedParams: o.named, Getenv: os.Getenv, Unsafe: o.unsafe, IncludeDirs: o.includeDir, Includes: o.includes}
	var cmd *child
	if o.command != "" {
		if compileOnly || o.dry || verifierLog {
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
	if !compileOnly && !o.dry && !verifierLog {
		// The kernel opens perf events one at a time, slowly: that starts
		// as soon as the probes are known, while the program is checked
		// and compiled.
		copts.Resolved = func(aps []*types.AttachPoint) { opened = runtime.OpenEvents(aps) }
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
	if !o.noWarnings {
		// Before anything runs, as upstream prints its own.
		for _, w := range prog.Warnings {
			fmt.Fprintln(stderr, w)
		}
	}
	if programHelp {
		if err := prog.WriteOptions(stdout); err != nil {
			fmt.Fprintf(stderr, "bpfscript: %v\n", err)
			return 1
		}
		return 0
	}
	if compileOnly {
		if err := dumpStages(stdout, prog, o.stages); err != nil {
			fmt.Fprintf(stderr, "bpfscript: %v\n", err)
			return 1
		}
		return 0
	}
	if verifierLog {
		// The compilation stages asked for come first, then the
		// verifier's log.
		if err := dumpStages(stdout, prog, o.stages[:len(o.stages)-1]); err != nil {
			fmt.Fprintf(stderr, "bpfscript: %v\n", err)
			return 1
		}
		if len(o.stages) > 1 {
			fmt.Fprintf(stdout, "=== verifier ===\n")
		}
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
	out, flushOut := bufferedOutput(o.buffering, out)
	defer flushOut()
	sink, _ := output.NewSink(o.format, out, stderr) // the format was checked above
	if o.noWarnings {
		sink = noWarnings{sink}
	}
	ropts := runtime.Options{Sink: sink, Quiet: o.quiet, Verbose: o.verbose, DryRun: o.dry, Events: opened, NoWarnings: o.noWarnings}
	if verifierLog {
		ropts.DryRun, ropts.VerifierLog = true, stdout
	}
	if !ropts.DryRun {
		// Exiting then waits for nothing in the kernel.
		ropts.Closer = &attach.Closer{}
	}
	ctx, stop := stopOnSignals(caught, func() {
		ropts.Closer.HandOff()
		if cmd != nil {
			cmd.kill()
		}
	})
	defer stop()
	ropts.OnAttached = caught.waitReady
	if cmd != nil {
		// The run ends when the command does, however it ends.
		ropts.OnAttached = func() { caught.waitReady(); cmd.run() }
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

// dumpStages prints the compilation stages asked for with -d, each under
// a header when there are several.
func dumpStages(w io.Writer, prog *bpfscript.Program, stages []string) error {
	for _, stage := range stages {
		if len(stages) > 1 {
			fmt.Fprintf(w, "=== %s ===\n", stage)
		}
		if err := prog.Dump(w, stage); err != nil {
			return err
		}
	}
	return nil
}

// noWarnings is the sink of --no-warnings: everything but warnings.
type noWarnings struct{ output.Sink }

func (noWarnings) Warning(string) {}
