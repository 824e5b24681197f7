package names

import "strings"

// builtinVars are the builtins that are variables, usable as a bare name
// (pid, comm, arg0): those of the type checker's table whose IsVar is
// true. A fixed array, searched in order: nothing to build at start-up,
// and the parser asks only at `(name)*`.
var builtinVars = [...]string{
	"arg0", "arg1", "arg2", "arg3", "arg4", "arg5", "arg6", "arg7", "arg8", "arg9",
	"args", "cgroup", "comm", "config", "cpid", "cpu", "default_str_length",
	"elapsed", "func", "gid", "has_cpid", "jiffies", "leader_comm", "leader_tid",
	"ncpus", "nsecs", "numaid", "pcomm", "pid", "ppid", "probe", "probetype",
	"rand", "retval", "tid", "uid", "usermode", "username",
}

// builtinPrefix is the prefix of upstream's names for builtins, which
// every builtin also answers to (__builtin_pid).
const builtinPrefix = "__builtin_"

// IsBuiltinVar reports whether name is a builtin variable, also with
// upstream's "__builtin_" prefix.
func IsBuiltinVar(name string) bool {
	name = strings.TrimPrefix(name, builtinPrefix)
	for _, v := range builtinVars {
		if v == name {
			return true
		}
	}
	return false
}

// BuiltinVars returns the builtin variables' names.
func BuiltinVars() []string { return append([]string(nil), builtinVars[:]...) }
