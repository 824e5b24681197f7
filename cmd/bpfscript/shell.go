package main

import (
	"fmt"
	"io"
	"os"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/cmd/bpfscript/internal/shell"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"golang.org/x/sys/unix"
)

// runShell starts the interactive shell; the arguments are its positional
// parameters. A program (-e) or options that only make sense for one run
// (-c, -d, --dry-run) do not go with it.
func runShell(o options, params []string, stdin io.Reader, stderr io.Writer) int {
	if o.program != "" || o.command != "" || len(o.stages) > 0 || o.dry {
		io.WriteString(stderr, "bpfscript: -i starts the shell, which takes no program, -c, -d or --dry-run (load a script there with :load FILE)\n")
		return 1
	}
	if err := attach.CheckPrivileges(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	runtime.Prewarm()
	opts := bpfscript.Options{Params: params, Getenv: os.Getenv, Unsafe: o.unsafe, IncludeDirs: o.includeDir, Includes: o.includes}
	cfg := shell.Config{Options: opts, JSON: o.format == "json", Verbose: o.verbose, NoWarnings: o.noWarnings}
	if isTerminal(stdin) {
		cfg.Banner = "bpfscript " + version + ": type a probe block or a statement; :help lists the commands, Ctrl-D leaves."
	}
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			fmt.Fprintf(stderr, "bpfscript: %v\n", err)
			return 1
		}
		defer f.Close()
		cfg.Output = f
	}
	return shell.Run(cfg)
}

// isTerminal reports whether r is a terminal: with no program given,
// bpfscript then starts the shell rather than asking for one.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}
