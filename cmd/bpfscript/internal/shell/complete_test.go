package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/tracefs"
)

func TestComplete(t *testing.T) {
	tests := []struct {
		name    string
		pending string // lines of the block typed before this one
		line    string // the cursor is at the end
		head    string
		want    []string // every completion, in order; nil for none
		some    []string // completions that must be among them
	}{
		{name: "command", line: ":pro", head: "", want: []string{":probes"}},
		{name: "commands", line: ":", some: []string{":help", ":quit", ":json"}},
		{name: "probe type", line: "trace", want: []string{"tracepoint:"}},
		{name: "probe types", line: "B", want: []string{"BEGIN"}},
		{name: "probe types and builtins", line: "e", some: []string{"end", "elapsed", "exit"}},
		{name: "tracepoint group", line: "tracepoint:sysc", want: []string{"tracepoint:syscalls:"}},
		{name: "tracepoint event", line: "t:syscalls:sys_enter_getp", want: []string{"t:syscalls:sys_enter_getppid"}},
		{name: "tracepoint events", line: "tracepoint:syscalls:sys_enter_open", want: []string{"tracepoint:syscalls:sys_enter_open", "tracepoint:syscalls:sys_enter_openat", "tracepoint:syscalls:sys_enter_openat2"}},
		{name: "interval", line: "interval:m", want: []string{"interval:ms:"}},
		{name: "kprobe type", line: "kpr", want: []string{"kprobe:"}},
		{name: "kretprobe types", line: "kr", want: []string{"kr:", "kretprobe:"}},
		{name: "kernel functions", line: "kprobe:vfs_rea", want: []string{"kprobe:vfs_read", "kprobe:vfs_readv"}},
		{name: "kernel function, short", line: "k:do_n", want: []string{"k:do_nanosleep"}},
		{name: "kernel functions, kretprobe", line: "kr:tcp_", want: []string{"kr:tcp_reset", "kr:tcp_sendmsg", "kr:tcp_v4_rcv"}},
		{name: "kernel function of a module", line: "kretprobe:kvm:x86", want: []string{"kretprobe:kvm:x86_emulate_insn"}},
		{name: "kernel functions of a module", line: "kprobe:kvm:", want: []string{"kprobe:kvm:kvm_arch_vcpu_ioctl_run", "kprobe:kvm:kvm_vcpu_halt", "kprobe:kvm:x86_emulate_insn"}},
		{name: "no such kernel function", line: "kprobe:zzz", want: nil},
		{name: "kernel function in a later block", line: "k:vfs_read { } k:vfs_wri", head: "k:vfs_read { } ", want: []string{"k:vfs_write", "k:vfs_writev"}},
		{name: "builtin in a block", line: "begin { printf(\"%s\", strf", head: "begin { printf(\"%s\", ", want: []string{"strftime"}},
		{name: "function", line: "has_", want: []string{"has_cpid", "has_key"}},
		{name: "aggregation", line: "@x = cou", head: "@x = ", want: []string{"count"}},
		{name: "field after args.", line: "tracepoint:syscalls:sys_enter_openat { printf(\"%s\", str(args.fil", head: "tracepoint:syscalls:sys_enter_openat { printf(\"%s\", str(args.", want: []string{"filename"}},
		{name: "field after args->", line: "t:syscalls:sys_enter_openat { @[args->", head: "t:syscalls:sys_enter_openat { @[args->", some: []string{"dfd", "filename", "flags", "mode"}},
		{name: "field on a later line", pending: "tracepoint:syscalls:sys_enter_openat\n{\n", line: "  @[args.f", head: "  @[args.", want: []string{"filename", "flags"}},
		{name: "no field for a wildcard", line: "tracepoint:syscalls:sys_enter_open* { args.", head: "tracepoint:syscalls:sys_enter_open* { args.", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &completer{pending: func() string { return tt.pending }, fs: tracefs.At(testenv.Dir())}
			head, got, tail := c.complete(tt.line+"", len(tt.line))
			if tail != "" {
				t.Errorf("tail %q", tail)
			}
			if tt.head != "" || tt.want != nil {
				if head != tt.head {
					t.Errorf("head %q, want %q", head, tt.head)
				}
			}
			if tt.some == nil && !slices.Equal(got, tt.want) {
				t.Errorf("completions %q, want %q", got, tt.want)
			}
			for _, w := range tt.some {
				if !slices.Contains(got, w) {
					t.Errorf("completions %q lack %q", got, w)
				}
			}
		})
	}
}

func TestCompleteKeepsTheTail(t *testing.T) {
	c := &completer{fs: tracefs.At(testenv.Dir())}
	line := "print(strf) + 1"
	head, got, tail := c.complete(line, strings.Index(line, ")"))
	if head != "print(" || tail != ") + 1" || !slices.Equal(got, []string{"strftime"}) {
		t.Errorf("complete = %q, %q, %q", head, got, tail)
	}
}

func TestKernelStruct(t *testing.T) {
	text, err := kernelStruct("struct list_head")
	if err != nil {
		t.Fatal(err)
	}
	want := "struct list_head {\n\tstruct list_head *next;\n\tstruct list_head *prev;\n};\n"
	if text != want {
		t.Errorf("got\n%s\nwant\n%s", text, want)
	}
	if _, err := kernelStruct("no_such_struct_anywhere"); err == nil || !strings.Contains(err.Error(), "no struct no_such_struct_anywhere") {
		t.Errorf("a missing struct gives %v", err)
	}
	text, err = kernelStruct("callback_head")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "void (*func)(struct callback_head *);") {
		t.Errorf("a function pointer member is shown as:\n%s", text)
	}
}

// BenchmarkCompleteKernelFunc completes a kprobe's function from a list as
// long as a real kernel's (about 80,000 functions): the first completion
// reads and sorts it, the others search it.
func BenchmarkCompleteKernelFunc(b *testing.B) {
	dir := b.TempDir()
	var list strings.Builder
	for i := range 80000 {
		fmt.Fprintf(&list, "func_%05d_%x\n", (i*7919)%80000, i)
	}
	list.WriteString("vfs_read\nvfs_readv\n")
	if err := os.WriteFile(filepath.Join(dir, "available_filter_functions"), []byte(list.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			c := &completer{fs: tracefs.At(dir)}
			if _, got, _ := c.complete("kprobe:vfs_rea", 14); len(got) != 2 {
				b.Fatalf("got %q", got)
			}
		}
	})
	b.Run("later", func(b *testing.B) {
		c := &completer{fs: tracefs.At(dir)}
		c.complete("kprobe:x", 8)
		for b.Loop() {
			if _, got, _ := c.complete("kprobe:vfs_rea", 14); len(got) != 2 {
				b.Fatalf("got %q", got)
			}
		}
	})
}
