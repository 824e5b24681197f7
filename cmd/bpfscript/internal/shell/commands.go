package shell

import (
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

// command is one of the shell's own commands (":probes").
type command struct {
	name, args, help string
	run              func(sh *shell, arg string) (quit bool)
}

var commands []command

func init() {
	// Set in init: :help lists the table it is in.
	commands = []command{
		{"help", "", "this list", (*shell).help},
		{"probes", "", "the blocks attached, with their ids and how often their probes ran", (*shell).probes},
		{"detach", "ID...", "detach blocks (their maps stay)", (*shell).detachCmd},
		{"maps", "", "the session's maps: kinds, types, sizes", (*shell).maps},
		{"types", "STRUCT", "a kernel struct's fields (from BTF)", (*shell).types},
		{"list", "[GLOB]", "probe names matching GLOB (tracepoint:syscalls:*open*, kprobe:vfs_*)", (*shell).list},
		{"save", "FILE", "write the macros and the attached blocks, in order, as a script", (*shell).save},
		{"load", "FILE", "attach the blocks of a script", (*shell).load},
		{"json", "on|off", "output as JSON lines, or as text", (*shell).json},
		{"quit", "", "end probes run, maps print, the shell ends (as Ctrl-D)", func(*shell, string) bool { return true }},
	}
}

const helpIntro = `Type a probe block to attach it; it attaches as soon as its braces close.
A statement typed alone (print(@m), clear(@m), @x = 0, printf(...)) runs at once.
Maps stay across blocks, and so do macros (macro inc(x) { x + 1 }). Tab
completes; Ctrl-C stops a flood of output or a long print; Ctrl-D ends the
shell, printing the maps as a script does.

`

// command runs a ":" line and reports whether the shell should end.
func (sh *shell) command(line string) bool {
	name, arg, _ := strings.Cut(strings.TrimPrefix(line, ":"), " ")
	arg = strings.TrimSpace(arg)
	for _, c := range commands {
		if c.name == name {
			return c.run(sh, arg)
		}
	}
	fmt.Fprintf(sh.screen, "bpfscript: no command :%s (:help lists them)\n", name)
	return false
}

func (sh *shell) help(string) bool {
	w := tabwriter.NewWriter(sh.screen, 0, 8, 2, ' ', 0)
	fmt.Fprint(w, helpIntro)
	for _, c := range commands {
		fmt.Fprintf(w, "  :%s %s\t%s\n", c.name, c.args, c.help)
	}
	w.Flush()
	return false
}

func (sh *shell) probes(string) bool {
	if len(sh.blocks) == 0 {
		fmt.Fprintln(sh.screen, "no blocks attached")
		return false
	}
	w := tabwriter.NewWriter(sh.screen, 0, 8, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tHITS\tPROBES")
	for _, b := range sh.blocks {
		hits := "-"
		if attachedProbes(b.att) {
			if sh.stats == nil {
				hits = "?"
			} else if n, err := b.att.Hits(); err == nil {
				hits = strconv.FormatUint(n, 10)
			}
		}
		fmt.Fprintf(w, "%d\t%s\t%s\n", b.id, hits, strings.Join(b.att.ProbeNames(), ", "))
	}
	w.Flush()
	return false
}

func (sh *shell) detachCmd(arg string) bool {
	if arg == "" {
		fmt.Fprintln(sh.screen, "bpfscript: :detach needs the id of a block (:probes lists them)")
		return false
	}
	for _, f := range strings.Fields(arg) {
		id, err := strconv.Atoi(f)
		var b *block
		for _, x := range sh.blocks {
			if err == nil && x.id == id {
				b = x
			}
		}
		if b == nil {
			fmt.Fprintf(sh.screen, "bpfscript: no block %s attached (:probes lists them)\n", f)
			continue
		}
		if err := sh.detach(b); err != nil {
			fmt.Fprintf(sh.screen, "bpfscript: detaching [%d]: %v\n", b.id, err)
			continue
		}
		fmt.Fprintf(sh.screen, "[%d] detached\n", b.id)
	}
	return false
}

func (sh *shell) maps(string) bool {
	infos := sh.sess.MapInfo()
	if len(infos) == 0 {
		fmt.Fprintln(sh.screen, "no maps")
		return false
	}
	w := tabwriter.NewWriter(sh.screen, 0, 8, 2, ' ', 0)
	fmt.Fprintln(w, "MAP\tKIND\tKEY\tVALUE\tENTRIES\tMAX\tBYTES/ENTRY")
	for _, m := range infos {
		key := "-"
		if m.Key != nil {
			key = m.Key.String()
		}
		entries := "?"
		if v, err := sh.sess.Map(m.Name); err == nil {
			entries = strconv.Itoa(len(v.Entries))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", m.Name, m.Kind, key, m.Value, entries, m.MaxEntries, m.KeySize+m.ValueSize)
	}
	w.Flush()
	return false
}

func (sh *shell) types(arg string) bool {
	if arg == "" {
		fmt.Fprintln(sh.screen, "bpfscript: :types needs a struct name: :types task_struct")
		return false
	}
	text, err := kernelStruct(arg)
	if err != nil {
		fmt.Fprintf(sh.screen, "bpfscript: %v\n", err)
		return false
	}
	fmt.Fprint(sh.screen, text)
	return false
}

func (sh *shell) list(arg string) bool {
	names, err := listProbes(arg)
	if err != nil {
		fmt.Fprintf(sh.screen, "bpfscript: %v\n", err)
		return false
	}
	for _, n := range names {
		fmt.Fprintln(sh.screen, n)
	}
	return false
}

// listProbes returns the probe names matching glob: tracepoints from
// tracefs, kernel functions for a kprobe glob, and the other providers'
// fixed names (begin, interval:s:N...).
func listProbes(glob string) ([]string, error) {
	var names []string
	for _, k := range types.ProbeKinds() {
		p := types.ProviderOf(k)
		if p.Kind == types.TracepointProbe {
			continue
		}
		for _, n := range fixedProbeNames(p) {
			if glob == "" || matchGlob(glob, n) {
				names = append(names, n)
			}
		}
	}
	fs := tracefs.New()
	tps, err := fs.List(glob)
	if err != nil {
		return nil, err
	}
	names = append(names, tps...)
	kfuncs, err := listKernelFuncs(fs, glob)
	if err != nil {
		return nil, err
	}
	names = append(names, kfuncs...)
	sort.Strings(names)
	return names, nil
}

// listKernelFuncs lists the kprobes a glob of the form
// kprobe:[module:]function names (or kretprobe:, k:, kr:): the kernel's
// traceable functions are too many to list for any other glob.
func listKernelFuncs(fs *tracefs.FS, glob string) ([]string, error) {
	provider, rest, ok := strings.Cut(glob, ":")
	p := providerNamed(provider)
	if !ok || p == nil || p.Kind != types.KprobeProbe && p.Kind != types.KretprobeProbe {
		return nil, nil
	}
	module, pattern, hasModule := strings.Cut(rest, ":")
	if !hasModule {
		module, pattern = "", rest
	}
	if pattern == "" {
		pattern = "*"
	}
	funcs, err := fs.KernelFuncs(module, pattern)
	if err != nil {
		return nil, err
	}
	prefix := p.Name + ":"
	if hasModule {
		prefix += module + ":"
	}
	out := make([]string, len(funcs))
	for i, f := range funcs {
		out[i] = prefix + f
	}
	return out, nil
}

// fixedProbeNames shows how the probes of a provider other than
// tracepoint are spelled.
func fixedProbeNames(p *types.Provider) []string {
	switch p.Kind {
	case types.BeginProbe, types.EndProbe:
		return []string{p.KindName}
	case types.IntervalProbe:
		return []string{p.KindName + ":s:N", p.KindName + ":ms:N", p.KindName + ":us:N", p.KindName + ":hz:N"}
	case types.ProfileProbe:
		return []string{p.KindName + ":hz:N", p.KindName + ":s:N", p.KindName + ":ms:N", p.KindName + ":us:N"}
	}
	return []string{p.KindName + ":"}
}

func matchGlob(glob, name string) bool {
	ok, _ := path.Match(glob, name)
	return ok || strings.Contains(name, glob)
}

func (sh *shell) save(arg string) bool {
	if arg == "" {
		fmt.Fprintln(sh.screen, "bpfscript: :save needs a file name")
		return false
	}
	var b strings.Builder
	for _, m := range sh.macros {
		b.WriteString(strings.TrimRight(m.src, "\n") + "\n\n")
	}
	for i, bl := range sh.blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.TrimRight(bl.src, "\n") + "\n")
	}
	if err := os.WriteFile(arg, []byte(b.String()), 0o644); err != nil {
		fmt.Fprintf(sh.screen, "bpfscript: %v\n", err)
		return false
	}
	noun := "blocks"
	if len(sh.blocks) == 1 {
		noun = "block"
	}
	fmt.Fprintf(sh.screen, "saved %d %s to %s\n", len(sh.blocks), noun, arg)
	return false
}

func (sh *shell) load(arg string) bool {
	if arg == "" {
		fmt.Fprintln(sh.screen, "bpfscript: :load needs a file name")
		return false
	}
	data, err := os.ReadFile(arg)
	if err != nil {
		fmt.Fprintf(sh.screen, "bpfscript: %v\n", err)
		return false
	}
	sh.addBlock(string(data), arg)
	return false
}

func (sh *shell) json(arg string) bool {
	switch arg {
	case "on":
		sh.sink.setJSON(true)
	case "off":
		sh.sink.setJSON(false)
	default:
		fmt.Fprintln(sh.screen, "bpfscript: :json on or :json off")
		return false
	}
	fmt.Fprintf(sh.screen, "output as %s\n", map[bool]string{true: "JSON", false: "text"}[arg == "on"])
	return false
}
