package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/bpfscript/bpfscript/internal/suggest"
)

// options are the command line, parsed.
type options struct {
	program     string   // -e
	command     string   // -c, --cmd
	output      string   // -o, --output
	format      string   // -f
	buffering   string   // -B: none, line, full, or "" for the default
	stages      []string // -d, in pipeline order, each once
	quiet       bool     // -q, --quiet
	verbose     bool     // -v, --verbose
	dry         bool     // --dry-run
	helperWarn  bool     // -k
	unsafe      bool     // --unsafe
	noWarnings  bool     // --no-warnings
	includeDir  []string // -I
	includes    []string // --include
	btf         bool     // -b, --btf: accepted, BTF is always used
	version     bool     // -V, --version
	help        bool     // -h, --help
	info        bool     // --info
	fmtFile     string   // --fmt FILE, bpftrace's spelling of bpfscript fmt FILE
	interactive bool     // -i: the shell

	// named are the program's named parameters, given after -- as
	// --name=value or --name (true).
	named map[string]string

	// args are the positional arguments, in order: the program file
	// (without -e), then the program's parameters.
	args []string
}

// stages are the -d stages, in the order a compilation passes them.
var stages = []string{"ast", "types", "ir", "asm", "verifier"}

// bufferModes are -B's values.
var bufferModes = []string{"none", "line", "full"}

// unsupported are bpftrace options that a later part of bpfscript brings:
// using one is an error that says so, not "unknown option". arg says
// whether the option takes a value, so that parsing goes on past it.
var unsupported = []struct {
	short rune
	long  string
	arg   bool
	what  string
}{
	{'l', "", false, "listing probes"},
	{'p', "", true, "attaching to a running process"},
	{0, "usdt-file-activation", false, "USDT semaphore activation"},
	{0, "probe-filter", true, "filtering probes"},
	{0, "debuginfo", true, "DWARF debug information"},
	{0, "traceable-functions", true, "the list of traceable functions"},
	{0, "no-feature", true, "disabling kernel features"},
}

// usageError is a bad command line: one line, printed without the usage
// text, and exit status 1.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// newOptionSet declares bpftrace's option table on o. pflag parses it as
// getopt_long does: -qe 'prog' is -q -e 'prog'; -eprog, --output=FILE and
// --output FILE are what they are in C; options and positional arguments
// interleave; -- ends the options. pflag wants a long name for every
// option: a short-only one gets one no one can type (see shortOnly).
func newOptionSet(o *options, used map[string]string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("bpfscript", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.VarP((*text)(&o.program), shortOnly("e"), "e", "")
	fs.VarP((*text)(&o.command), "cmd", "c", "")
	fs.VarP((*text)(&o.output), "output", "o", "")
	fs.VarP((*text)(&o.format), shortOnly("f"), "f", "")
	fs.VarP((*text)(&o.buffering), shortOnly("B"), "B", "")
	fs.VarP((*stageList)(&o.stages), shortOnly("d"), "d", "")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "")
	fs.BoolVar(&o.dry, "dry-run", false, "")
	fs.BoolVarP(&o.helperWarn, shortOnly("k"), "k", false, "")
	fs.BoolVar(&o.unsafe, "unsafe", false, "")
	fs.BoolVar(&o.noWarnings, "no-warnings", false, "")
	fs.VarP((*repeated)(&o.includeDir), shortOnly("I"), "I", "")
	fs.Var((*repeated)(&o.includes), "include", "")
	fs.BoolVarP(&o.btf, "btf", "b", false, "")
	fs.BoolVarP(&o.version, "version", "V", false, "")
	fs.BoolVarP(&o.help, "help", "h", false, "")
	fs.BoolVar(&o.info, "info", false, "")
	fs.Var((*text)(&o.fmtFile), "fmt", "")
	fs.BoolVarP(&o.interactive, shortOnly("i"), "i", false, "")
	for _, u := range unsupported {
		name, long, short := u.long, u.long, ""
		if u.short != 0 {
			name, long, short = string(u.short), shortOnly(string(u.short)), string(u.short)
		}
		f := fs.VarPF(&unsupportedValue{name: name, used: used}, long, short, "")
		if !u.arg {
			f.NoOptDefVal = "true"
		}
	}
	return fs
}

// parseOptions parses the command line as bpftrace does. getopt_long
// permutes: options may follow the program file and its parameters
// (`bpfscript -e PROG 123 -o out`), and the positional arguments keep
// their order. Unlike getopt_long, a negative number is a positional
// parameter, not an option (`bpfscript script.bt -1`), and an unknown
// option names the nearest known one.
func parseOptions(args []string) (*options, error) {
	// A negative number is marked, so that pflag takes it for a
	// positional argument (or an option's value); the mark comes off
	// after. No argument holds a NUL: the mark cannot be mistaken.
	args = slices.Clone(args)
	for i, a := range args {
		if a == "--" {
			break
		}
		if isNegativeNumber(a) {
			args[i] = numberMark + a
		}
	}
	for {
		o := &options{format: "text"}
		used := map[string]string{}
		fs := newOptionSet(o, used)
		err := fs.Parse(args)
		var unknown *pflag.NotExistError
		if errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() == "" {
			// getopt_long takes an unambiguous prefix of a long
			// option for it: --unsa is --unsafe. Spell it out and
			// parse again.
			i, full, err := expandLong(args, unknown.GetSpecifiedName(), longNames(fs))
			if err != nil {
				return nil, err
			}
			args[i] = full
			continue
		}
		if err != nil {
			return nil, optionError(err, longNames(fs), shortNames(fs))
		}
		dash := fs.ArgsLenAtDash()
		for i, a := range fs.Args() {
			a = strings.TrimPrefix(a, numberMark)
			// After --, --name[=value] is a named parameter of the
			// program (getopt()); a flag without a value is true.
			if name, ok := strings.CutPrefix(a, "--"); ok && dash >= 0 && i >= dash && name != "" {
				value := "true"
				if n, v, hasValue := strings.Cut(name, "="); hasValue {
					name, value = n, v
				}
				if o.named == nil {
					o.named = map[string]string{}
				}
				o.named[name] = value
				continue
			}
			o.args = append(o.args, a)
		}
		for _, u := range unsupported {
			name := u.long
			if u.short != 0 {
				name = string(u.short)
			}
			if spelled, ok := used[name]; ok {
				return nil, usageErrorf("%s (%s) is not supported yet", spelled, u.what)
			}
		}
		if err := o.check(); err != nil {
			return nil, err
		}
		return o, nil
	}
}

// numberMark marks a negative number among the arguments while pflag
// parses them.
const numberMark = "\x00"

// shortOnly is the long name pflag is given for an option that has none,
// such as -e: it starts with a NUL, which no argument holds, so that
// --e stays unknown, as in getopt_long.
func shortOnly(letter string) string { return "\x00" + letter }

// isShortOnly reports whether a pflag name is a shortOnly one.
func isShortOnly(name string) bool { return strings.HasPrefix(name, "\x00") }

// check validates the options' values.
func (o *options) check() error {
	if o.format != "text" && o.format != "json" {
		return usageErrorf("invalid output format %q: use json or text%s", o.format, didYouMean(o.format, []string{"text", "json"}, ""))
	}
	if o.buffering != "" && !slices.Contains(bufferModes, o.buffering) {
		return usageErrorf("invalid -B mode %q: use none, line or full%s", o.buffering, didYouMean(o.buffering, bufferModes, ""))
	}
	return nil
}

// compileOnly reports whether the run only prints compilation stages: it
// loads nothing into the kernel.
func (o *options) compileOnly() bool {
	return len(o.stages) > 0 && !slices.Contains(o.stages, "verifier")
}

// expandLong resolves an abbreviated long option, as getopt_long does: a
// prefix of exactly one long option stands for it. It returns the
// argument's index among args and the argument spelled out, the value
// after "=" kept.
func expandLong(args []string, name string, longs []string) (int, string, error) {
	var matches []string
	for _, l := range longs {
		if strings.HasPrefix(l, name) {
			matches = append(matches, l)
		}
	}
	if len(matches) > 1 {
		return 0, "", usageErrorf("option '--%s' is ambiguous: it could be --%s", name, strings.Join(matches, " or --"))
	}
	if len(matches) == 0 {
		return 0, "", unknownOption("--"+name, didYouMean(name, longs, "--"))
	}
	// The first argument so spelled is the one pflag stopped at: every
	// one before it parsed.
	for i, a := range args {
		if a == "--"+name || strings.HasPrefix(a, "--"+name+"=") {
			return i, "--" + matches[0] + strings.TrimPrefix(a, "--"+name), nil
		}
	}
	return 0, "", unknownOption("--"+name, "")
}

// optionError is the one line for a pflag error: an unknown option with
// the nearest known one, or a missing or bad value.
func optionError(err error, longs, shorts []string) error {
	var (
		unknown  *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
	)
	switch {
	case errors.As(err, &unknown):
		name, group := unknown.GetSpecifiedName(), unknown.GetSpecifiedShortnames()
		if group == "" {
			return unknownOption("--"+name, didYouMean(name, longs, "--"))
		}
		// -unsafe is --unsafe with a dash missing, not -u -n -s...
		if len(group) > 1 {
			long, _, _ := strings.Cut(group, "=")
			hint := didYouMean(long, longs, "--")
			if slices.Contains(longs, long) {
				hint = ": did you mean '--" + long + "'?"
			}
			if hint != "" {
				return usageErrorf("unknown option '-%s' in '-%s'%s", name, group, hint)
			}
		}
		return unknownOption("-"+name, didYouMean(name, shorts, "-"))
	case errors.As(err, &required):
		name := "--" + required.GetSpecifiedName()
		if required.GetSpecifiedShortnames() != "" {
			name = "-" + required.GetSpecifiedName()
		}
		return usageErrorf("option '%s' needs a value", name)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		if f.Value.Type() != "bool" {
			// The value's own error says it all.
			return usageErrorf("%v", errors.Unwrap(err))
		}
		name := "--" + f.Name
		if isShortOnly(f.Name) {
			name = "-" + f.Shorthand
		}
		return usageErrorf("invalid value %q for %s: it takes true or false, or nothing", invalid.GetValue(), name)
	}
	return usageErrorf("%v", err)
}

// unknownOption is the error for an unknown option, with hint, the
// nearest known option, if there is one.
func unknownOption(name, hint string) error {
	if hint == "" {
		hint = " (bpfscript -h lists the options)"
	}
	return usageErrorf("unknown option '%s'%s", name, hint)
}

// didYouMean is ": did you mean 'PREFIXname'?" for the candidate nearest
// to name, or "" when none is near.
func didYouMean(name string, candidates []string, prefix string) string {
	if c, ok := suggest.Closest(name, candidates); ok {
		return fmt.Sprintf(": did you mean '%s%s'?", prefix, c)
	}
	return ""
}

// longNames lists the long options, sorted; a short-only option's
// stand-in long name is none.
func longNames(fs *pflag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if !isShortOnly(f.Name) {
			names = append(names, f.Name)
		}
	})
	return names
}

// shortNames lists the one-letter options.
func shortNames(fs *pflag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Shorthand != "" {
			names = append(names, f.Shorthand)
		}
	})
	return names
}

func isNegativeNumber(s string) bool {
	_, err := strconv.ParseInt(s, 0, 64)
	return err == nil && strings.HasPrefix(s, "-")
}

// repeated is an option that may be given many times (-I DIR -I DIR2),
// each value kept whole: a directory name may hold a comma.
type repeated []string

func (r *repeated) Set(v string) error {
	*r = append(*r, strings.TrimPrefix(v, numberMark))
	return nil
}

func (r *repeated) String() string { return strings.Join(*r, ",") }
func (r *repeated) Type() string   { return "strings" }

// text is an option's string value; a negative number loses its mark.
type text string

func (t *text) Set(v string) error {
	*t = text(strings.TrimPrefix(v, numberMark))
	return nil
}

func (t *text) String() string { return string(*t) }
func (t *text) Type() string   { return "string" }

// stageList is -d: a stage, a comma-separated list of them, or all; -d
// may be repeated. It keeps the stages in pipeline order, each once.
type stageList []string

func (l *stageList) Set(v string) error {
	v = strings.TrimPrefix(v, numberMark)
	want := map[string]bool{}
	for _, s := range *l {
		want[s] = true
	}
	for _, name := range strings.Split(v, ",") {
		switch {
		case name == "all":
			for _, s := range stages {
				want[s] = true
			}
		case slices.Contains(stages, name):
			want[name] = true
		default:
			hint := didYouMean(name, append(slices.Clone(stages), "all"), "")
			if hint == "" && len(name) > 1 {
				// -dry-run is -d ry-run: the user meant a long option.
				if long := "d" + name; long == "dry-run" {
					hint = ": did you mean '--dry-run'?"
				}
			}
			return fmt.Errorf("unknown stage %q for -d: want %s or all%s", name, strings.Join(stages, ", "), hint)
		}
	}
	*l = (*l)[:0]
	for _, s := range stages {
		if want[s] {
			*l = append(*l, s)
		}
	}
	return nil
}

func (l *stageList) String() string { return strings.Join(*l, ",") }
func (l *stageList) Type() string   { return "stages" }

// unsupportedValue records that an unsupported option was used, as the
// user spelled it.
type unsupportedValue struct {
	name string
	used map[string]string
}

func (u *unsupportedValue) Set(string) error {
	u.used[u.name] = "--" + u.name
	if len(u.name) == 1 {
		u.used[u.name] = "-" + u.name
	}
	return nil
}

func (u *unsupportedValue) String() string { return "" }
func (u *unsupportedValue) Type() string   { return "" }
