package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/metrics"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `USAGE:
    bpfscript-metrics --metrics ADDR [options] FILE [args...]
    bpfscript-metrics --metrics ADDR [options] -e 'program' [args...]
    (bpfscript --metrics ... runs this program)

Serves the program's maps as Prometheus metrics on http://ADDR/metrics while
it runs. SIGHUP reloads FILE, keeping the maps whose types did not change.

OPTIONS:
    --metrics ADDR              listen on ADDR (host:port or :port)
    --metrics-namespace NS      metric names start with NS_ (default bpfscript)
    --metrics-rename @MAP=NAME  export @MAP as NS_NAME (repeatable)
    --metrics-drop @MAP         leave @MAP out (repeatable)
    -e PROGRAM                  the program to run
    -q                          quiet: do not print "Attached N probes"
    -v                          verbose: whole verifier logs on errors
    -V, --version               print the version
    -h, --help                  this help
`

// options are the command line's.
type options struct {
	addr, program string
	file          string // the script's file; "" for -e or standard input
	params        []string
	quiet         bool
	verbose       bool
	version       bool
	collector     metrics.Options
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// parseArgs parses the command line as bpfscript does: flags anywhere
// among the arguments, "--" ends them, negative numbers are parameters.
func parseArgs(args []string) (*options, error) {
	o := &options{}
	var renames, drops listFlag
	fs := flag.NewFlagSet("bpfscript-metrics", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.addr, "metrics", "", "")
	fs.StringVar(&o.collector.Namespace, "metrics-namespace", "", "")
	fs.Var(&renames, "metrics-rename", "")
	fs.Var(&drops, "metrics-drop", "")
	fs.StringVar(&o.program, "e", "", "")
	fs.BoolVar(&o.quiet, "q", false, "")
	fs.BoolVar(&o.verbose, "v", false, "")
	fs.BoolVar(&o.version, "V", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			rest = append(rest, args[1:]...)
			break
		}
		rest = append(rest, args[0])
		args = args[1:]
		for len(args) > 0 && isNegativeNumber(args[0]) {
			rest = append(rest, args[0])
			args = args[1:]
		}
	}
	if o.version {
		return o, nil
	}
	if o.addr == "" {
		return nil, errors.New("no address given: use --metrics ADDR")
	}
	if o.program == "" {
		if len(rest) == 0 {
			return nil, errors.New("no program given: use -e 'program' or a file")
		}
		o.file, rest = rest[0], rest[1:]
	}
	o.params = rest
	for _, r := range renames {
		m, name, ok := strings.Cut(r, "=")
		if !ok || !strings.HasPrefix(m, "@") || name == "" {
			return nil, fmt.Errorf("--metrics-rename %q: want @MAP=NAME", r)
		}
		if o.collector.Rename == nil {
			o.collector.Rename = map[string]string{}
		}
		o.collector.Rename[m] = name
	}
	for _, d := range drops {
		if !strings.HasPrefix(d, "@") {
			return nil, fmt.Errorf("--metrics-drop %q: want @MAP", d)
		}
		o.collector.Drop = append(o.collector.Drop, d)
	}
	return o, nil
}

func isNegativeNumber(s string) bool {
	_, err := strconv.ParseInt(s, 0, 64)
	return err == nil && strings.HasPrefix(s, "-")
}

// readProgram returns the program's source and the name errors give it.
func (o *options) readProgram(stdin io.Reader) (filename, src string, err error) {
	switch o.file {
	case "":
		return "stdin", o.program, nil
	case "-":
		data, err := io.ReadAll(stdin)
		return "stdin", string(data), err
	}
	data, err := os.ReadFile(o.file)
	return o.file, string(data), err
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseArgs(args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			io.WriteString(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "bpfscript: %v\n\n%s", err, usage)
		return 1
	}
	if o.version {
		fmt.Fprintf(stdout, "bpfscript-metrics %s\n", version)
		return 0
	}
	return serve(o, stdin, stdout, stderr)
}
