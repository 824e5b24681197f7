package bpfscript

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/config"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/imports"
	"github.com/bpfscript/bpfscript/lang/macro"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/preproc"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/bpfscript/bpfscript/sysenv"
	"github.com/cilium/ebpf"
)

// Options configure a compilation.
type Options struct {
	Filename string   // for error positions; "stdin" when empty
	Params   []string // positional parameters $1..$N
	// NamedParams are the values of the program's named parameters, which
	// getopt() reads: --name=value after -- on bpftrace's command line.
	// A name no getopt() of the program declares is an error, but for
	// "help", which a caller may use to list them (Program.WriteOptions).
	NamedParams map[string]string
	StrLen      int       // default size of str() buffers (max_strlen); 0 means config.DefaultMaxStrLen (1024)
	Env         types.Env // the system compiled for; nil means the running kernel (sysenv.Kernel)
	// BTF is a file of kernel BTF to read instead of
	// /sys/kernel/btf/vmlinux (a copy of the running kernel's, for a
	// system that does not expose it), when Env is nil.
	BTF string
	// Config sets config variables by bpftrace's names (max_strlen,
	// MAX_STRLEN or BPFTRACE_MAX_STRLEN), as environment variables do:
	// over the script's config block and the environment. A name that
	// is no config variable is an error.
	Config   map[string]string
	NumCPUs  int // possible CPUs; 0 means ask the kernel
	ChildPID int // the pid cpid stands for (the -c command); 0 for none
	// Unsafe allows the functions that change the system (system,
	// signal, ...), as bpftrace's --unsafe does.
	Unsafe bool
	// StrTruncTrailer is appended to printed strings that filled their
	// buffer, so may have been cut short (str_trunc_trailer); nil means
	// "..", as upstream, and "" no trailer.
	StrTruncTrailer *string
	// IncludeDirs are searched for #include <...> and "..." headers
	// (-I), before the built-in ones; Includes are headers included
	// before the program's first line (--include).
	IncludeDirs []string
	Includes    []string
	// Getenv reads the BPFTRACE_* environment variables that set config
	// variables (BPFTRACE_MAX_MAP_KEYS, ...), which take precedence over
	// the script's config block as in bpftrace; nil reads none. The
	// command passes os.Getenv.
	Getenv func(key string) string
	// Resolved, when set, is called as soon as the program's attach
	// points are known, before the probes' bodies are checked, with every
	// attach point (see AttachPoints), unless they are more than
	// max_probes allows: a caller that will run the program can start
	// opening the probes' events then (runtime.OpenEvents), so that the
	// kernel's slow part of attaching overlaps with checking and
	// compiling. The events are of no use should the program then fail to
	// compile.
	Resolved func([]*types.AttachPoint)
}

// Program is a compiled program, ready to run.
type Program struct {
	Filename string
	Source   string
	AST      *ast.Program
	Info     *types.Info
	Compiled *compiled.Program
	// Config holds the program's config variables: its config block over
	// the defaults, under the environment's BPFTRACE_* variables.
	Config *config.Settings
	// Warnings are what compiling found questionable but not wrong (a
	// value computed and discarded), each rendered as upstream prints
	// a warning: "file:line:col-col: WARNING: msg", the source line, a
	// line of ~ under the place. The command prints them unless told
	// --no-warnings.
	Warnings []string
	// WarningList holds the same warnings unrendered, positioned in the
	// program as written (a warning in another file, an imported one or
	// a session's macro, carries that file's text as its Source), for a
	// caller that renders them itself.
	WarningList diag.List
	childPID    int
	parsed      string // the text parsed: Source after the preprocessor
	// definesMacros says the program's text defines macros, which a
	// session keeps for the programs added after it.
	definesMacros bool
}

// Compile parses, checks and compiles src. Errors in the program come back
// as a *CompileError holding every one of them with its position;
// FormatError renders them.
func Compile(src string, opts Options) (*Program, error) {
	p, err := compile(src, opts, nil)
	if err != nil {
		return nil, compileError(err, src)
	}
	return p, nil
}

// env returns the system a program is compiled for.
func (opts *Options) env() types.Env {
	switch {
	case opts.Env != nil:
		return opts.Env
	case opts.BTF != "":
		return sysenv.KernelWithBTF(opts.BTF)
	}
	return sysenv.Kernel()
}

// joining is what a program joining a session is compiled against: the
// session's maps, which it may use but not change, and its next ids.
type joining struct {
	maps     map[string]*compiled.Map
	ids      compiled.IDs
	probeIDs map[string]int
	macros   *sessionMacros // the session's macros, which the program may call
}

// sessionMacros returns the session's macros, nil when not joining.
func (j *joining) sessionMacros() *sessionMacros {
	if j == nil {
		return nil
	}
	return j.macros
}

func compile(src string, opts Options, join *joining) (*Program, error) {
	if opts.Filename == "" {
		opts.Filename = "stdin"
	}
	opts.Env = opts.env()
	if opts.NumCPUs == 0 {
		n, err := ebpf.PossibleCPU()
		if err != nil {
			return nil, fmt.Errorf("counting CPUs: %w", err)
		}
		opts.NumCPUs = n
	}
	p := &Program{Filename: opts.Filename, Source: src, childPID: opts.ChildPID}
	// Positions in errors are in the preprocessor's output, which has the
	// script's lines; lines maps their columns back (nil: no change).
	lines, src, err := preprocess(src, opts)
	if err != nil {
		return nil, err
	}
	if p.AST, err = parser.Parse(opts.Filename, src); err != nil {
		return nil, lines.Remap(err)
	}
	// Errors in imported probes render with their own file's text.
	var sources *imports.Sources
	if len(p.AST.Imports) > 0 {
		// An imported script is preprocessed as the main one is, but
		// for the --include headers, which the main one has included.
		pp := func(file, src string) (*preproc.LineMap, string, error) {
			o := opts
			o.Filename, o.Includes = file, nil
			return preprocess(src, o)
		}
		if sources, err = imports.Resolve(p.AST, opts.Filename, pp); err != nil {
			return nil, lines.Remap(err)
		}
	}
	if len(p.AST.Probes) == 0 {
		end := p.AST.End()
		return nil, lines.Remap(diag.List{diag.Errorf(ast.Span{Start: end, Stop: end}, "empty program: expected at least one probe")})
	}
	kept := join.sessionMacros()
	remap := func(err error) error { return kept.attach(sources.Attach(lines.Remap(err))) }
	p.definesMacros = len(p.AST.Macros) > 0
	p.AST.Macros = kept.with(p.AST.Macros)
	if err := macro.Expand(p.AST); err != nil {
		return nil, remap(err)
	}
	getenv, err := opts.configLookup()
	if err != nil {
		return nil, err
	}
	if p.Config, err = config.Resolve(p.AST.Config, getenv, cmp.Or(opts.StrLen, config.DefaultMaxStrLen)); err != nil {
		return nil, remap(err)
	}
	strLen := p.Config.MaxStrLen
	check := &types.Config{Env: opts.Env, Params: opts.Params, NamedParams: opts.NamedParams, StrLen: strLen, Settings: p.Config, ChildPID: opts.ChildPID, Unsafe: opts.Unsafe}
	conf := compiler.Config{
		StrLen:          strLen,
		MaxMapKeys:      p.Config.MaxMapKeys,
		NumCPUs:         opts.NumCPUs,
		Env:             opts.Env,
		EventsRingBytes: ringBytes(p.Config.PerfRBPages),
		StrTruncTrailer: trailer(opts.StrTruncTrailer, p.Config),
		Source:          src,
		Sources:         sources.Texts(),
	}
	if join != nil {
		check.Session = true
		check.Maps = map[string]*types.Map{}
		for name, m := range join.maps {
			if m.User != nil {
				check.Maps[name] = m.User
			}
		}
		conf.Maps, conf.IDs, conf.ProbeIDs = join.maps, join.ids, join.probeIDs
	}
	if opts.Resolved != nil {
		check.Resolved = func(aps []*types.AttachPoint) {
			if countAttached(aps) <= p.Config.MaxProbes {
				opts.Resolved(aps)
			}
		}
	}
	if p.Info, err = types.Check(p.AST, check); err != nil {
		return nil, remap(err)
	}
	if len(p.Info.Warnings) > 0 {
		p.WarningList, _ = remap(p.Info.Warnings).(diag.List)
		p.Warnings = renderWarnings(p.WarningList, p.Source)
	}
	if err := checkNamedParams(opts.NamedParams, p.Info); err != nil {
		return nil, err
	}
	if err := checkProbeCount(p.Info, p.Config.MaxProbes); err != nil {
		return nil, remap(err)
	}
	if p.Compiled, err = compiler.Compile(p.AST, p.Info, conf); err != nil {
		return nil, remap(err)
	}
	if n := len(p.Compiled.Codes()); n > p.Config.MaxBPFProgs {
		return nil, fmt.Errorf("the program needs %d BPF programs, more than max_bpf_progs (%d): raise it with config = { max_bpf_progs = %d } or BPFTRACE_MAX_BPF_PROGS", n, p.Config.MaxBPFProgs, n)
	}
	p.Compiled.License = p.Config.License
	p.parsed = src
	return p, nil
}

// renderWarnings renders the checker's warnings, their positions mapped
// back to the files as written, against src, the program as written.
func renderWarnings(list diag.List, src string) []string {
	out := make([]string, len(list))
	for i, w := range list {
		out[i] = diag.Warning(w, src)
	}
	return out
}

// RunOptions say where a run's output goes and how it runs: see
// runtime.Options. Their Sink receives the output as values; EventSink and
// EventChan make one that hands it over as Events.
type RunOptions = runtime.Options

// Run loads and runs the program until it calls exit() or ctx is done
// (for a program of only begin and end probes, until they have run), then
// runs its end probes, delivers its maps to the sink and closes everything
// it made in the kernel. It returns the code given to exit(), or 0.
// The pid of the traced command, when opts do not give one, is the one
// the program was compiled with.
//
// A process without the privileges to load BPF programs gets a
// *PrivilegeError; a program the kernel refuses a *VerifierError; a probe
// that cannot be attached an *AttachError.
func (p *Program) Run(ctx context.Context, opts RunOptions) (int, error) {
	if err := attach.CheckPrivileges(); err != nil {
		opts.Events.Close()
		return 1, err
	}
	if opts.ChildPID == 0 {
		opts.ChildPID = p.childPID
	}
	applyConfig(p.Config, &opts)
	return runtime.Run(ctx, p.Compiled, opts)
}

// FormatError renders an error from Compile or Session.Add: positioned
// errors with the source line and a caret, anything else as one line.
// With src empty, a *CompileError renders against the source it was
// compiled from.
func FormatError(err error, src string) string {
	var ce *CompileError
	if errors.As(err, &ce) {
		if src == "" {
			return ce.Text
		}
		return diag.Render(ce.list, src)
	}
	return diag.Render(err, src)
}

// Dump writes one stage of the compilation: "ast", "types", "ir" or "asm".
func (p *Program) Dump(w io.Writer, stage string) error {
	switch stage {
	case "ast":
		return ast.Fprint(w, p.AST)
	case "types":
		return p.Info.Fprint(w, p.AST)
	case "ir":
		for _, prog := range p.Compiled.Probes {
			fmt.Fprintf(w, "; %s\n%s\n", prog.Attach.Name, prog.Code.IR)
		}
		return nil
	case "asm":
		for _, prog := range p.Compiled.Probes {
			fmt.Fprintf(w, "; %s (%d instructions)\n%v\n", prog.Attach.Name, len(prog.Code.Insns), prog.Code.Insns)
		}
		return nil
	}
	return fmt.Errorf("unknown stage %q: want ast, types, ir, asm or verifier", stage)
}

// AttachPoints lists every attach point of a checked program, in order.
func AttachPoints(info *types.Info) []*types.AttachPoint {
	var aps []*types.AttachPoint
	for _, p := range info.Probes {
		aps = append(aps, p.Attach...)
	}
	return aps
}
