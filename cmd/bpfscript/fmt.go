package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/format"
)

// runFmt is `bpfscript fmt [-w] [FILE...]`: each program in its canonical
// layout (lang/format), on standard output or, with -w, back into its
// file when that changes it. Without a file it formats standard input.
func runFmt(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("bpfscript fmt", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	write := fs.BoolP("write", "w", false, "")
	help := fs.BoolP("help", "h", false, "")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "bpfscript fmt: %v (usage: bpfscript fmt [-w] [FILE...])\n", err)
		return 1
	}
	if *help {
		io.WriteString(stdout, fmtUsage)
		return 0
	}
	files := fs.Args()
	if len(files) == 0 {
		if *write {
			fmt.Fprintln(stderr, "bpfscript fmt: -w needs a file")
			return 1
		}
		src, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "bpfscript fmt: %v\n", err)
			return 1
		}
		return formatOne(stdout, stderr, "", string(src), false)
	}
	code := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "bpfscript fmt: %v\n", err)
			code = 1
			continue
		}
		if formatOne(stdout, stderr, file, string(src), *write) != 0 {
			code = 1
		}
	}
	return code
}

// formatOne formats one program and writes it to stdout, or back into
// file with write.
func formatOne(stdout, stderr io.Writer, file, src string, write bool) int {
	out, err := format.Source(file, src)
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			fmt.Fprint(stderr, bpfscript.FormatError(list, src))
		} else {
			fmt.Fprintf(stderr, "bpfscript fmt: %v\n", err)
		}
		return 1
	}
	if !write {
		stdout.Write(out)
		return 0
	}
	if bytes.Equal(out, []byte(src)) {
		return 0
	}
	// Keep the file's mode: scripts are executable.
	fi, err := os.Stat(file)
	if err == nil {
		err = os.WriteFile(file, out, fi.Mode().Perm())
	}
	if err != nil {
		fmt.Fprintf(stderr, "bpfscript fmt: %v\n", err)
		return 1
	}
	return 0
}

const fmtUsage = `USAGE:
    bpfscript fmt [-w] [FILE...]

Prints each program in its canonical layout: the layout of bpftrace's tools,
comments kept. Without a file, formats standard input. A program with
preprocessor lines (#include, #define) is refused.

OPTIONS:
    -w, --write    write the result back into each file that it changes
    -h, --help     this help
`
