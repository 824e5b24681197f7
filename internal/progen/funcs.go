package progen

import "fmt"

// Functions of the standard library (lang/types builtins_*.go) with the
// argument types and constraints the checker has for each, and the
// newer expression forms of integers and strings.

// moreInt is an integer from the newer forms: ?:, bools as integers,
// macros, named parameters, delete's result, memcmp and the system
// builtins. It returns "" when the form it chose is not possible here.
func (g *gen) moreInt(d int) string {
	switch g.r.IntN(11) {
	case 0:
		return "(" + g.intExpr(d) + " ?: " + g.intExpr(d) + ")"
	case 1:
		// A bool is no integer; a cast or a logical operator makes it one.
		if g.chance(0.5) {
			return "(" + g.pick(intTypeNames...) + ")" + g.boolExpr(d)
		}
		return "(" + g.boolExpr(d) + " " + g.pick("&&", "||") + " " + g.intExpr(d) + ")"
	case 2:
		return g.macroUse(intT, d)
	case 3:
		return g.paramUse(intT)
	case 4:
		// delete() gives whether the key was there.
		m := g.pickMap(func(m *mapDecl) bool { return m.key != nil && !m.histogram() })
		if m == nil {
			return ""
		}
		m.used = true
		if g.chance(0.5) {
			return "delete(" + g.mapRef(m, d) + ")"
		}
		return "delete(" + m.name + ", " + g.expr(m.key, d) + ")"
	case 5:
		// memcmp's count is a constant no larger than the smaller
		// value: comm and its kin are 16 bytes, a pair of int64 16.
		if g.chance(0.5) {
			a, b := g.pick("comm", "pcomm", "leader_comm"), g.pick("comm", "pcomm", "leader_comm")
			return fmt.Sprintf("memcmp(%s, %s, %d)", a, b, g.r.IntN(17))
		}
		x := func() string { return "(int64)" + g.parenIntExpr(0) }
		return fmt.Sprintf("memcmp((%s, %s), (%s, %s), %d)", x(), x(), x(), x(), g.r.IntN(17))
	case 6:
		return g.pick("ppid", "leader_tid", "jiffies", "numaid", "ppid()")
	case 7:
		// usermode reads the interrupted registers: profile probes only.
		if g.probeKind == "profile" {
			return "(uint64)" + g.pick("usermode", "usermode()")
		}
	case 8:
		// cgroupid() is resolved when compiling: the path must exist.
		return `cgroupid("/sys/fs/cgroup")`
	case 9:
		return "strlen(" + g.moreStrOr(d) + ")"
	case 10:
		return g.typeExprInt(d)
	}
	return ""
}

// moreStr is a string from the newer forms, or "" when the one chosen is
// not possible here.
func (g *gen) moreStr(d int) string {
	switch g.r.IntN(7) {
	case 0:
		return g.macroUse(strT, d)
	case 1:
		return g.paramUse(strT)
	case 2:
		return g.pick("pcomm", "leader_comm", "probetype", "probetype()")
	case 3:
		// The kernel lets begin and end probes (raw tracepoints) look
		// up no other task.
		if g.probeKind != "begin" && g.probeKind != "end" && g.probeKind != "" {
			return "comm(" + g.intExpr(d) + ")"
		}
	case 4:
		if f := g.field(fStrPtr); f != "" {
			return "str(uptr(" + f + "))"
		}
	case 5:
		// ?: tests its left side, which must be an integer, a pointer
		// or a bool: strings have no truth value.
		return "(" + g.boolExpr(d) + " ? " + g.strExpr(d) + " : " + g.strExpr(d) + ")"
	case 6:
		return "str(" + g.pick("uptr", "kptr") + "(" + g.intExpr(0) + "), " + fmt.Sprint(1+g.r.IntN(20)) + ")"
	}
	return ""
}

// specialArg is a printf conversion with an argument of one of the types
// the generator does not otherwise track: addresses, MAC addresses,
// buffers, names user space resolves, bools.
func (g *gen) specialArg() (string, string) {
	d := g.depth() - 1
	switch g.r.IntN(12) {
	case 0:
		switch g.r.IntN(4) {
		case 0:
			return "%s", "ntop(" + g.intExpr(d) + ")"
		case 1:
			return "%s", "ntop(2, " + g.intExpr(d) + ")"
		case 2:
			return "%s", "ntop(" + g.pick("10, ", "") + "pton(\"" + g.pick("::1", "fe80::1:2", "2001:db8::ff00:42:8329") + "\"))"
		}
		return "%s", "ntop(pton(\"" + g.pick("127.0.0.1", "10.1.2.3", "255.255.255.255") + "\"))"
	case 1:
		// macaddr() takes six bytes, or an address to read them from.
		if f := g.field(fStrPtr); f != "" && g.chance(0.5) {
			return "%s", "macaddr(" + f + ")"
		}
		return "%s", "macaddr(" + g.intExpr(d) + ")"
	case 2, 3:
		return g.pick("%r", "%rx", "%rh"), g.bufCall(d)
	case 4:
		return "%s", g.pick("strerror", "signal_name", "syscall_name") + "(" + g.intExpr(d) + ")"
	case 5:
		if g.chance(0.5) {
			return "%s", "cgroup_path(" + g.intExpr(d) + ")"
		}
		return "%s", "cgroup_path(cgroup, " + g.pick(`"unified"`, `"cpu,memory"`, `""`) + ")"
	case 6:
		return "%s", g.pick("username", "username()")
	case 7, 8:
		return g.pick("%d", "%s", "%u"), g.boolExpr(d)
	case 9:
		return "%d", g.moreIntOr(d)
	case 10:
		return "%s", g.moreStrOr(d)
	}
	return "%x", "bswap(" + g.pick("(uint16)", "(uint32)", "") + g.parenIntExpr(d) + ")"
}

// bufCall is buf() of a string, an array or a user pointer. Its length is
// at most max_strlen, as the checker requires; a pointer needs one.
func (g *gen) bufCall(d int) string {
	n := g.r.IntN(g.strLen + 1)
	switch g.r.IntN(4) {
	case 0:
		return "buf(" + g.strExpr(d) + ")"
	case 1:
		if f := g.field(fStrPtr); f != "" {
			return fmt.Sprintf("buf(%s, %d)", f, n)
		}
	case 2:
		return "buf((uint8[8])(int64)" + g.parenIntExpr(d) + ")"
	}
	return fmt.Sprintf("buf(%s, %d)", g.strExpr(d), n)
}

// moreIntOr is moreInt, or a plain integer when it gives none.
func (g *gen) moreIntOr(d int) string {
	if s := g.moreInt(d); s != "" {
		return s
	}
	return g.intExpr(d)
}

func (g *gen) moreStrOr(d int) string {
	if s := g.moreStr(d); s != "" {
		return s
	}
	return g.strExpr(d)
}
