package types

import "github.com/bpfscript/bpfscript/lang/config"

// Env is what the checker and the compiler ask of the system a script is
// compiled for. sysenv.Kernel answers for the running kernel and sysenv.At
// for a fixture tree (tests use internal/testenv's); wrappers embed an Env
// and override the questions they care about.
//
// Each question is asked by name and answered from one place in the system,
// and callers ask each distinct question once per check, so an
// implementation may do real work (a directory listing, a file read, loading
// kernel BTF) in a method but must not do it up front: scripts that never ask
// a question must not pay for it. Later questions join in the same shape, one
// method each: ELF symbols of a binary (uprobe expansion and addresses) and
// its USDT notes.
type Env interface {
	// Tracepoints expands a tracepoint pattern, where group and event may
	// hold shell wildcards (* ? [...]), into the matching "group:event"
	// names, sorted. No match is an empty list, not an error.
	Tracepoints(group, event string) ([]string, error)

	// TracepointFormat returns the record layout of one tracepoint.
	TracepointFormat(group, event string) (*TracepointFormat, error)

	// KernelFuncs expands a kernel function pattern, which may hold shell
	// wildcards (* ? [...]), into the sorted names of the functions
	// kprobes can trace; module, when not "", keeps that module's only
	// ("vmlinux" for the kernel's own). No match is an empty list, not an
	// error.
	KernelFuncs(module, pattern string) ([]string, error)

	// KernelFuncID returns the BTF type id of a kernel function in vmlinux,
	// which a kfunc call names. A function the kernel lacks is an error
	// wrapping btf.ErrNotFound.
	KernelFuncID(name string) (int32, error)

	// KernelFieldOffset returns the byte offset of member in the kernel's
	// struct structName, from its BTF: ppid and the like read struct
	// task_struct. A member the kernel lacks is an error wrapping
	// btf.ErrNotFound.
	KernelFieldOffset(structName, member string) (int, error)

	// CgroupID returns the id of the cgroup v2 directory at path (its
	// inode number), which cgroupid(path) stands for.
	CgroupID(path string) (uint64, error)

	// PIDNamespace returns the PID namespace bpfscript runs in, which
	// pid and tid count in (pid(curr_ns)).
	PIDNamespace() (PIDNamespace, error)
}

// PIDNamespace identifies a PID namespace by its nsfs file's device and
// inode numbers. Init says it is the initial namespace, where pids are
// those the kernel's own helpers report.
type PIDNamespace struct {
	Dev, Ino uint64
	Init     bool
}

// TracepointFormat is the parsed content of
// /sys/kernel/tracing/events/<group>/<event>/format.
type TracepointFormat struct {
	Group, Event string
	ID           int
	Fields       []FormatField // the event's own fields, common_* excluded
}

// FormatField is one `field:` line of a format file.
//
//	field:const char * filename;	offset:24;	size:8;	signed:0;
//
// gives Decl "const char * filename", Offset 24, Size 8, Signed false.
type FormatField struct {
	Decl   string
	Offset int
	Size   int
	Signed bool
}

// Config holds the settings of one check.
type Config struct {
	Env    Env
	Params []string // positional parameters $1..$N
	// NamedParams are the named parameters getopt() reads, by name
	// (--name=value after -- on the command line; a flag given without
	// a value is "true").
	NamedParams map[string]string
	// StrLen is the buffer size of strings made by str() and of
	// __data_loc fields; 0 means DefaultStrLen.
	StrLen int
	// Settings are the program's config variables, which the config
	// builtin holds; nil means the defaults (with StrLen as max_strlen).
	Settings *config.Settings
	// ChildPID is the pid of the command given with -c, which the cpid
	// builtin denotes; 0 when there is none (cpid is then an error).
	ChildPID int
	// Unsafe allows the builtins marked unsafe in the table; without it
	// a use is an error that names --unsafe.
	Unsafe bool
	// Session says the program runs in a session, where later programs
	// may use its maps: strings stored in maps then take the whole str()
	// size (StrLen), so that a later program's longer strings fit.
	Session bool
	// Maps are the maps of the session the program joins, by name. The
	// program may use them, but their key and value types cannot change:
	// a use that disagrees is an error.
	Maps map[string]*Map
	// Resolved, when set, is called once every probe's attach points are
	// known, before any probe's body is checked, with the attach points
	// in order (the very values Info.Probes will hold); not when one of
	// the probes failed to resolve or they are too many. A caller about to
	// run the program can start opening their events then.
	Resolved func([]*AttachPoint)
}

// DefaultStrLen is the size of strings read by str() when the program
// does not set max_strlen: bpftrace's default, which lang/config defines.
const DefaultStrLen = config.DefaultMaxStrLen
