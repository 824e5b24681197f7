package bpfscript

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/bpfscript/bpfscript/codegen"
	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/tracefs"
	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
	"golang.org/x/sys/unix"
)

// Options configure a compilation.
type Options struct {
	Filename string    // for error positions; "stdin" when empty
	Params   []string  // positional parameters $1..$N
	StrLen   int       // size of str() buffers; 0 means 64, as bpftrace
	Env      types.Env // tracepoint formats; nil means the running kernel's tracefs
	NumCPUs  int       // possible CPUs; 0 means ask the kernel
	ChildPID int       // the pid cpid stands for (the -c command); 0 for none
}

// Program is a compiled program, ready to run.
type Program struct {
	Filename string
	Source   string
	AST      *ast.Program
	Info     *types.Info
	Plan     *compiler.Plan
	Code     runtime.Code
}

// Compile parses, checks and compiles src. Errors in the program come back
// as a diag.List; FormatError renders them.
func Compile(src string, opts Options) (*Program, error) {
	if opts.Filename == "" {
		opts.Filename = "stdin"
	}
	if opts.Env == nil {
		opts.Env = tracefs.New()
	}
	if opts.NumCPUs == 0 {
		n, err := ebpf.PossibleCPU()
		if err != nil {
			return nil, fmt.Errorf("counting CPUs: %w", err)
		}
		opts.NumCPUs = n
	}
	p := &Program{Filename: opts.Filename, Source: src}
	var err error
	if p.AST, err = parser.Parse(opts.Filename, src); err != nil {
		return nil, err
	}
	p.Info, err = types.Check(p.AST, &types.Config{Env: opts.Env, Params: opts.Params, StrLen: opts.StrLen, ChildPID: opts.ChildPID})
	if err != nil {
		return nil, err
	}
	conf := compiler.Config{
		StrLen:   opts.StrLen,
		NumCPUs:  opts.NumCPUs,
		StartNS:  bootNS(),
		ChildPID: opts.ChildPID,
		Kfunc:    kernelFuncID,
	}
	// A probe whose buffers and spilled values overflow the 512-byte frame
	// is compiled again with fewer buffers on the stack (the rest go to the
	// per-CPU scratch map), and finally with none.
	for _, budget := range []int{0, 128, -1} {
		conf.StackBudget = budget
		if p.Plan, err = compiler.Compile(p.AST, p.Info, conf); err != nil {
			return nil, err
		}
		if p.Code, err = generate(p.Plan); !errors.As(err, new(*codegen.FrameError)) {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Run loads and runs the program; see runtime.Run.
func (p *Program) Run(ctx context.Context, opts runtime.Options) (int, error) {
	return runtime.Run(ctx, p.Plan, p.Code, opts)
}

// generate turns every program of a plan into BPF instructions. A
// function is generated once however many attach points share it (a
// wildcard's expansions), and attached probes of different blocks whose IR
// is the same (alike but for where they attach: the probe's id comes from
// the link's cookie) share their instructions too.
func generate(plan *compiler.Plan) (runtime.Code, error) {
	code := runtime.Code{}
	byFunc := map[*ir.Func]asm.Instructions{}
	byText := map[string]asm.Instructions{}
	for _, prog := range plan.Programs {
		if insns, ok := byFunc[prog.Func]; ok {
			code[prog] = insns
			continue
		}
		var text string
		if prog.Attach.Kind.Attached() {
			text = prog.Func.String()
			if insns, ok := byText[text]; ok {
				code[prog], byFunc[prog.Func] = insns, insns
				continue
			}
		}
		insns, err := codegen.Generate(prog.Func)
		if err != nil {
			return nil, fmt.Errorf("generating code for %s: %w", prog.Attach.Name, err)
		}
		code[prog], byFunc[prog.Func] = insns, insns
		if text != "" {
			byText[text] = insns
		}
	}
	return code, nil
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
		for _, prog := range p.Plan.Programs {
			fmt.Fprintf(w, "; %s\n%s\n", prog.Attach.Name, prog.Func)
		}
		return nil
	case "asm":
		for _, prog := range p.Plan.Programs {
			fmt.Fprintf(w, "; %s (%d instructions)\n%v\n", prog.Attach.Name, len(p.Code[prog]), p.Code[prog])
		}
		return nil
	}
	return fmt.Errorf("unknown stage %q: want ast, types, ir, asm or verifier", stage)
}

// kernelFuncID finds a kernel function's BTF id in vmlinux. Kernel BTF is
// large (several MB to parse), so it is loaded only when a program calls a
// kernel function.
func kernelFuncID(name string) (int32, error) {
	spec, err := btf.LoadKernelSpec()
	if err != nil {
		return 0, fmt.Errorf("loading kernel BTF: %w", err)
	}
	var fn *btf.Func
	if err := spec.TypeByName(name, &fn); err != nil {
		return 0, err
	}
	id, err := spec.TypeID(fn)
	if err != nil {
		return 0, err
	}
	return int32(id), nil
}

func bootNS() uint64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return 0
	}
	return uint64(ts.Nano())
}
