package types

import (
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/config"
)

// The builtins that read the program's configuration. Their values are
// settled when the program is compiled (its config block, the BPFTRACE_*
// environment, the defaults), so they are constants: a field of config and
// default_str_length cost nothing at run time, and the whole config record
// is built from constants where it is used as a value.

// addConfigBuiltins enters config and default_str_length into the table.
func addConfigBuiltins(t *[NumBuiltins]Builtin) {
	t[BuiltinConfig] = Builtin{Name: "config",
		value: func(c *checker, id *ast.Ident) *Type { return c.configRecord() },
		call:  func(c *checker, call *ast.CallExpr) *Type { return c.configRecord() }}
	// upstream's standard library defines it as sizeof(str((int8 *)0)):
	// the size of an unbounded str(), which is max_strlen.
	t[BuiltinDefaultStrLength] = Builtin{Name: "default_str_length",
		value: func(c *checker, id *ast.Ident) *Type { return c.defaultStrLength(id) },
		call:  func(c *checker, call *ast.CallExpr) *Type { return c.defaultStrLength(call) }}
}

// settings returns the configuration the program is checked with.
func (c *checker) settings() *config.Settings {
	if c.conf.Settings != nil {
		return c.conf.Settings
	}
	if c.defaults == nil {
		c.defaults = config.Defaults(c.strLen)
	}
	return c.defaults
}

// configRecord is the type of config: a record of every config variable,
// in the order of the reference's list. Integers are uint64, switches
// bool, names and enumerations strings just long enough for their value.
// Info.Config holds the values, in the same order.
func (c *checker) configRecord() *Type {
	if c.info.Config == nil {
		c.info.Config = c.settings().Values()
	}
	names := make([]string, len(c.info.Config))
	elems := make([]*Type, len(c.info.Config))
	for i, v := range c.info.Config {
		names[i] = v.Name
		switch x := v.V.(type) {
		case int64:
			elems[i] = Uint64
		case bool:
			elems[i] = BoolT
		case string:
			elems[i] = NewString(len(x) + 1)
		}
	}
	return NewRecord(names, elems)
}

// isConfig reports whether e denotes the config builtin: config, config()
// or upstream's __builtin_config.
func isConfig(e ast.Expr) bool {
	var name string
	switch e := unparen(e).(type) {
	case *ast.Ident:
		if e == nil {
			return false
		}
		name = e.Name
	case *ast.CallExpr:
		if e == nil || len(e.Args) > 0 {
			return false
		}
		name = e.Name
	default:
		return false
	}
	b, ok := LookupBuiltin(name)
	return ok && b.ID == BuiltinConfig
}

// configField folds config.name to its value: Consts holds integers and
// switches (as 0 or 1), ConstStrs strings.
func (c *checker) configField(e *ast.FieldExpr) {
	for _, v := range c.info.Config {
		if v.Name != e.Field {
			continue
		}
		switch x := v.V.(type) {
		case int64:
			c.info.Consts[e] = uint64(x)
		case bool:
			c.info.Consts[e] = uint64(b2i(x))
		case string:
			if c.info.ConstStrs == nil {
				c.info.ConstStrs = map[ast.Expr]string{}
			}
			c.info.ConstStrs[e] = x
		}
	}
}

// defaultStrLength is default_str_length: the size of an unbounded str().
func (c *checker) defaultStrLength(e ast.Expr) *Type {
	c.info.Consts[e] = uint64(c.strLen)
	return Uint64
}
