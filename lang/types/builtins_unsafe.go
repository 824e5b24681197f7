package types

import (
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
	"golang.org/x/sys/unix"
)

// The unsafe functions: they change the traced system, so a program may
// use them only when run with --unsafe (Config.Unsafe). The compiler lowers
// each in compiler/lower_unsafe.go.

func addUnsafeBuiltins(t *[NumBuiltins]Builtin) {
	// bpf_send_signal acts on the task the probe fired in: only probes
	// that fire in a task's context may use it.
	inTask := []ProbeKind{TracepointProbe, KprobeProbe, KretprobeProbe, ProfileProbe}
	t[BuiltinSystem] = Builtin{Name: "system", MinArgs: 1, MaxArgs: -1, Stmt: true, Unsafe: true,
		needs: "a format string", call: (*checker).printf}
	t[BuiltinSignal] = Builtin{Name: "signal", MinArgs: 1, MaxArgs: 1, Stmt: true, Unsafe: true,
		Kinds: inTask, call: (*checker).signal}
	t[BuiltinSignalThread] = Builtin{Name: "signal_thread", MinArgs: 1, MaxArgs: 1, Stmt: true, Unsafe: true,
		Kinds: inTask, call: (*checker).signal}
}

// unsafeAllowed reports an unsafe builtin used without --unsafe.
func (c *checker) unsafeAllowed(b *Builtin, call *ast.CallExpr) bool {
	if !b.Unsafe || c.conf.Unsafe {
		return true
	}
	var n ast.Node = call.NameSpan
	if !call.NameSpan.Start.IsValid() {
		n = call
	}
	c.errorf(n, "%s() is unsafe (it changes the system being traced): run with --unsafe to allow it", b.Name)
	return false
}

// SignalNumber returns the number of a signal named as in kill -l, with or
// without its SIG prefix: "SIGKILL", "KILL".
func SignalNumber(name string) (int, bool) {
	if !strings.HasPrefix(name, "SIG") {
		name = "SIG" + name
	}
	n := unix.SignalNum(name)
	return int(n), n != 0
}

// maxSignal is the largest signal number Linux has (SIGRTMAX).
const maxSignal = 64

// signal checks signal(sig) and signal_thread(sig): a signal name as a
// literal, or a number.
func (c *checker) signal(call *ast.CallExpr) *Type {
	arg := call.Args[0]
	t := c.expr(arg)
	switch t.Kind {
	case Invalid:
	case String:
		lit, ok := unparen(arg).(*ast.StrLit)
		if !ok || lit == nil {
			c.errorf(arg, "%s() needs a signal name as a literal, such as \"SIGKILL\"", call.Name)
		} else if _, ok := SignalNumber(lit.Value); !ok {
			c.errorf(arg, "%s(): unknown signal %q", call.Name, lit.Value)
		}
	case Int:
		if n, ok := c.constInt(arg); ok && (n < 1 || n > maxSignal) {
			c.errorf(arg, "%s(): signal %d is out of range (1 to %d)", call.Name, n, maxSignal)
		}
	default:
		c.errorf(arg, "%s() needs a signal name or number, not %s", call.Name, t)
	}
	return VoidT
}
