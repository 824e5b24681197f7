package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/features"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/runtime/attach"
)

// printInfo is --info: the system, the build, and what the kernel offers
// that bpfscript uses, each probed by loading (and for the probe kinds,
// attaching) a trivial program. It needs the privileges a run needs.
func printInfo(w io.Writer) {
	var u unix.Utsname
	unix.Uname(&u)
	fmt.Fprintf(w, "System\n  OS: %s %s %s\n  Arch: %s\n\n",
		unix.ByteSliceToString(u.Sysname[:]), unix.ByteSliceToString(u.Release[:]),
		unix.ByteSliceToString(u.Version[:]), unix.ByteSliceToString(u.Machine[:]))
	fmt.Fprintf(w, "Build\n  version: %s\n  Go: %s\n\n", version, runtime.Version())

	fmt.Fprintf(w, "Kernel features\n")
	_, btfErr := os.Stat("/sys/kernel/btf/vmlinux")
	line(w, "btf", btfErr)
	line(w, "bounded loops", features.HaveBoundedLoops())
	line(w, "1M instructions per program", features.HaveLargeInstructions())
	line(w, "kprobe_multi links", features.HaveBPFLinkKprobeMulti())
	line(w, "uprobe_multi links", features.HaveBPFLinkUprobeMulti())

	fmt.Fprintf(w, "\nMap types\n")
	for _, m := range []struct {
		name string
		typ  ebpf.MapType
	}{
		{"hash", ebpf.Hash}, {"percpu hash", ebpf.PerCPUHash}, {"lru hash", ebpf.LRUHash},
		{"lru percpu hash", ebpf.LRUCPUHash}, {"array", ebpf.Array}, {"percpu array", ebpf.PerCPUArray},
		{"ringbuf", ebpf.RingBuf}, {"stack_trace", ebpf.StackTrace}, {"perf_event_array", ebpf.PerfEventArray},
	} {
		line(w, m.name, features.HaveMapType(m.typ))
	}

	fmt.Fprintf(w, "\nProgram types\n")
	for _, p := range []struct {
		name string
		typ  ebpf.ProgramType
	}{
		{"tracepoint", ebpf.TracePoint}, {"kprobe", ebpf.Kprobe}, {"perf_event", ebpf.PerfEvent},
		{"raw_tracepoint", ebpf.RawTracepoint}, {"tracing (fentry, fexit)", ebpf.Tracing}, {"lsm", ebpf.LSM},
	} {
		line(w, p.name, features.HaveProgramType(p.typ))
	}

	fmt.Fprintf(w, "\nKernel helpers (in tracepoint programs)\n")
	for _, h := range []asm.BuiltinFunc{
		asm.FnProbeReadKernel, asm.FnProbeReadKernelStr, asm.FnProbeReadUser, asm.FnProbeReadUserStr,
		asm.FnKtimeGetNs, asm.FnKtimeGetBootNs, asm.FnKtimeGetTaiNs, asm.FnGetCurrentTaskBtf,
		asm.FnGetCurrentCgroupId, asm.FnGetNumaNodeId, asm.FnGetStackid, asm.FnRingbufOutput,
		asm.FnLoop, asm.FnForEachMapElem, asm.FnSendSignal, asm.FnSendSignalThread, asm.FnOverrideReturn,
	} {
		line(w, snakeCase(strings.TrimPrefix(h.String(), "Fn")), features.HaveProgramHelper(ebpf.TracePoint, h))
	}

	fmt.Fprintf(w, "\nProbes (attached for real)\n")
	// Why a kind cannot attach matters more than that it cannot.
	line(w, "tracepoint", why(attachTracepoint()))
	line(w, "kprobe", why(attachKprobe()))
	line(w, "fentry", why(attachFentry()))
	_, err := os.Stat("/sys/bus/event_source/devices/uprobe")
	line(w, "uprobe", err)
	_, err = os.Stat("/sys/bus/event_source/devices/software")
	line(w, "profile, interval (perf events)", err)
}

// line prints "name: yes", or "no" with why, as bpftrace's --info does.
func line(w io.Writer, name string, err error) {
	switch {
	case err == nil:
		fmt.Fprintf(w, "  %s: yes\n", name)
	case errors.Is(err, ebpf.ErrNotSupported), errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(w, "  %s: no\n", name)
	default:
		fmt.Fprintf(w, "  %s: no (%v)\n", name, err)
	}
}

// why keeps err's text when it is only "not supported", which line
// would print as a bare "no", and drops cilium/ebpf's hint about MEMLOCK,
// which misleads on kernels that account BPF memory to cgroups.
func why(err error) error {
	if err == nil {
		return nil
	}
	msg, _, _ := strings.Cut(err.Error(), " (MEMLOCK may be too low")
	return errors.New(msg)
}

// snakeCase is the kernel's name of a helper: ProbeReadUserStr is
// probe_read_user_str.
func snakeCase(name string) string {
	var b strings.Builder
	for i, r := range name {
		if 'A' <= r && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// traceFunc is the kernel function the kprobe and fentry checks attach
// to: every kernel has it, and nothing here calls it.
const traceFunc = "do_nanosleep"

func returnZero() asm.Instructions {
	return asm.Instructions{asm.LoadImm(asm.R0, 0, asm.DWord), asm.Return()}
}

func attachTracepoint() error {
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.TracePoint, Instructions: returnZero(), License: "GPL"})
	if err != nil {
		return err
	}
	defer prog.Close()
	l, err := link.Tracepoint("syscalls", "sys_enter_getppid", prog, nil)
	if err != nil {
		return err
	}
	return l.Close()
}

func attachKprobe() error {
	// The check the runtime makes before attaching a kprobe, whose
	// message says what the kernel lacks.
	if err := attach.KprobeSupport(); err != nil {
		return err
	}
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.Kprobe, Instructions: returnZero(), License: "GPL"})
	if err != nil {
		return err
	}
	defer prog.Close()
	l, err := link.Kprobe(traceFunc, prog, nil)
	if err != nil {
		return err
	}
	return l.Close()
}

func attachFentry() error {
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Type: ebpf.Tracing, AttachType: ebpf.AttachTraceFEntry, AttachTo: traceFunc,
		Instructions: returnZero(), License: "GPL",
	})
	if err != nil {
		return err
	}
	defer prog.Close()
	l, err := link.AttachTracing(link.TracingOptions{Program: prog})
	if err != nil {
		return err
	}
	return l.Close()
}
