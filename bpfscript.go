package bpfscript

import (
	"context"
	"fmt"
	"io"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/sysenv"
	"github.com/cilium/ebpf"
)

// Options configure a compilation.
type Options struct {
	Filename string    // for error positions; "stdin" when empty
	Params   []string  // positional parameters $1..$N
	StrLen   int       // size of str() buffers; 0 means 64, as bpftrace
	Env      types.Env // the system compiled for; nil means the running kernel (sysenv.Kernel)
	NumCPUs  int       // possible CPUs; 0 means ask the kernel
	ChildPID int       // the pid cpid stands for (the -c command); 0 for none
	// Unsafe allows the functions that change the system (system,
	// signal, ...), as bpftrace's --unsafe does.
	Unsafe bool
	// IncludeDirs are searched for #include <...> and "..." headers
	// (-I), before the built-in ones; Includes are headers included
	// before the program's first line (--include).
	IncludeDirs []string
	Includes    []string
	// Checked, when set, is called once the program has type-checked,
	// before it is compiled, with what the checker found: a caller that
	// will run the program can start opening its probes' events then
	// (runtime.OpenEvents), so that the kernel's slow part of attaching
	// overlaps with compiling.
	Checked func(*types.Info)
}

// Program is a compiled program, ready to run.
type Program struct {
	Filename string
	Source   string
	AST      *ast.Program
	Info     *types.Info
	Compiled *compiled.Program
	childPID int
}

// Compile parses, checks and compiles src. Errors in the program come back
// as a diag.List; FormatError renders them.
func Compile(src string, opts Options) (*Program, error) {
	return compile(src, opts, nil)
}

// joining is what a program joining a session is compiled against: the
// session's maps, which it may use but not change, and its next ids.
type joining struct {
	maps     map[string]*compiled.Map
	ids      compiled.IDs
	probeIDs map[string]int
}

func compile(src string, opts Options, join *joining) (*Program, error) {
	if opts.Filename == "" {
		opts.Filename = "stdin"
	}
	if opts.Env == nil {
		opts.Env = sysenv.Kernel()
	}
	if opts.NumCPUs == 0 {
		n, err := ebpf.PossibleCPU()
		if err != nil {
			return nil, fmt.Errorf("counting CPUs: %w", err)
		}
		opts.NumCPUs = n
	}
	p := &Program{Filename: opts.Filename, Source: src, childPID: opts.ChildPID}
	var err error
	if p.AST, err = parser.Parse(opts.Filename, src); err != nil {
		return nil, err
	}
	check := &types.Config{Env: opts.Env, Params: opts.Params, StrLen: opts.StrLen, ChildPID: opts.ChildPID, Unsafe: opts.Unsafe}
	conf := compiler.Config{
		StrLen:  opts.StrLen,
		NumCPUs: opts.NumCPUs,
		Env:     opts.Env,
		Source:  src,
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
	if p.Info, err = types.Check(p.AST, check); err != nil {
		return nil, err
	}
	if opts.Checked != nil {
		opts.Checked(p.Info)
	}
	if p.Compiled, err = compiler.Compile(p.AST, p.Info, conf); err != nil {
		return nil, err
	}
	return p, nil
}

// Run loads and runs the program; see runtime.Run. The pid of the traced
// command, when opts do not give one, is the one the program was compiled
// with.
func (p *Program) Run(ctx context.Context, opts runtime.Options) (int, error) {
	if opts.ChildPID == 0 {
		opts.ChildPID = p.childPID
	}
	return runtime.Run(ctx, p.Compiled, opts)
}

// FormatError renders an error from Compile: positioned errors with the
// source line and a caret, anything else as one line.
func FormatError(err error, src string) string {
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
