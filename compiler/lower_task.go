package compiler

import (
	"github.com/bpfscript/bpfscript/compiler/ir"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/cilium/ebpf/asm"
)

// ppid, pcomm, leader_tid and leader_comm read the current task's
// real_parent and group_leader, as upstream's task.real_parent.pid and the
// like: bpf_get_current_task, then probe reads at the members' offsets in
// the running kernel's struct task_struct (types.Env.KernelFieldOffset).

// taskLowerings returns these lowerings, as systemLowerings.
func taskLowerings() *[types.NumBuiltins]lowering {
	return &[types.NumBuiltins]lowering{
		types.BuiltinPPID:       {value: taskField("real_parent", "pid")},
		types.BuiltinPComm:      {value: taskField("real_parent", "comm")},
		types.BuiltinLeaderTID:  {value: taskField("group_leader", "pid")},
		types.BuiltinLeaderComm: {value: taskField("group_leader", "comm")},
		types.BuiltinComm:       {value: lowerComm, into: commInto, call: (*fn).commOfPid},
	}
}

// commOfPid is comm(pid): the name of the process pid (in the initial PID
// namespace), found with the bpf_task_from_pid kfunc and released with
// bpf_task_release; empty when there is no such process.
func (b *fn) commOfPid(e *ast.CallExpr, t *types.Type) val {
	pid := b.scalar(b.expr(e.Args[0]))
	m := b.temp("comm", t.Size)
	b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
	commOff, ok := b.taskOffset(e, "comm")
	if !ok {
		return val{t: t, mem: m, inMem: true}
	}
	from, ok := b.kfuncRef(e, "bpf_task_from_pid")
	if !ok {
		return val{t: t, mem: m, inMem: true}
	}
	release, ok := b.kfuncRef(e, "bpf_task_release")
	if !ok {
		return val{t: t, mem: m, inMem: true}
	}
	task := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.Call, Dst: task, Kfunc: from, Args: []ir.Value{ir.R(pid)}})
	none := b.newLabel("notask")
	b.emit(ir.Insn{Op: ir.Branch, A: task, Cond: asm.JEq, B: ir.I(0), Label: none})
	addr := b.f.NewReg()
	b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: addr, A: task, B: ir.I(int64(commOff))})
	b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnProbeReadKernelStr, Args: []ir.Value{ir.Addr(m), ir.I(int64(t.Size)), ir.R(addr)}})
	b.emit(ir.Insn{Op: ir.Call, Kfunc: release, Args: []ir.Value{ir.R(task)}})
	b.label(none)
	return val{t: t, mem: m, inMem: true}
}

// kfuncRef is the kernel function name, by its BTF id.
func (b *fn) kfuncRef(n ast.Node, name string) (*ir.Kfunc, bool) {
	if b.c.conf.Env == nil {
		b.errorf(n, "calling the kernel function %s needs the kernel's BTF, which cannot be looked up here", name)
		return nil, false
	}
	id, err := b.c.conf.Env.KernelFuncID(name)
	if err != nil {
		b.errorf(n, "cannot find the kernel function %s: %v", name, err)
		return nil, false
	}
	return &ir.Kfunc{Name: name, BTFID: id}, true
}

// taskField lowers current->link->member: an integer or a string.
func taskField(link, member string) func(b *fn, n ast.Node, t *types.Type) val {
	return func(b *fn, n ast.Node, t *types.Type) val {
		linkOff, ok := b.taskOffset(n, link)
		if !ok {
			return b.zeroVal(t)
		}
		memberOff, ok := b.taskOffset(n, member)
		if !ok {
			return b.zeroVal(t)
		}
		task := b.callHelper(asm.FnGetCurrentTask)
		addr := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: addr, A: task, B: ir.I(int64(linkOff))})
		ptr := b.temp("task", 8)
		b.emit(ir.Insn{Op: ir.Store, Mem: ptr, B: ir.I(0), Size: 8})
		b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnProbeReadKernel, Args: []ir.Value{ir.Addr(ptr), ir.I(8), ir.R(addr)}})
		linked := b.f.NewReg()
		b.emit(ir.Insn{Op: ir.Load, Dst: linked, Mem: ptr, Size: 8})
		b.emit(ir.Insn{Op: ir.ALU, ALU: asm.Add, Dst: linked, A: linked, B: ir.I(int64(memberOff))})
		m := b.temp("taskfield", t.Size)
		b.emit(ir.Insn{Op: ir.Zero, Mem: m, Size: alignUp(t.Size, 8)})
		b.emit(ir.Insn{Op: ir.Call, Helper: asm.FnProbeReadKernel, Args: []ir.Value{ir.Addr(m), ir.I(int64(t.Size)), ir.R(linked)}})
		if t.Kind == types.Int {
			r := b.f.NewReg()
			b.emit(ir.Insn{Op: ir.Load, Dst: r, Mem: m, Size: t.Size})
			return val{t: t, reg: r}
		}
		return val{t: t, mem: m, inMem: true}
	}
}

// taskOffset is the offset of member in struct task_struct.
func (b *fn) taskOffset(n ast.Node, member string) (int, bool) {
	if b.c.conf.Env == nil {
		b.errorf(n, "reading task_struct.%s needs the kernel's BTF, which cannot be looked up here", member)
		return 0, false
	}
	off, err := b.c.conf.Env.KernelFieldOffset("task_struct", member)
	if err != nil {
		b.errorf(n, "cannot find task_struct.%s in the kernel's BTF: %v", member, err)
		return 0, false
	}
	return off, true
}
