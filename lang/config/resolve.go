package config

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/internal/suggest"
	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// envPrefix starts every config variable's environment variable.
const envPrefix = "BPFTRACE_"

// canonical turns a name as written (stack_mode, STACK_MODE,
// BPFTRACE_STACK_MODE) into the variable's name.
func canonical(name string) string {
	return strings.ToLower(strings.TrimPrefix(name, envPrefix))
}

// Resolve returns the settings of a program: the defaults (with strLen the
// default of max_strlen), then the script's config block (nil when it has
// none), then the environment variables getenv finds (nil reads none),
// which win as in bpftrace. Errors in the block are a diag.List; a bad
// environment variable is a plain error naming it.
func Resolve(block *ast.ConfigBlock, getenv func(string) string, strLen int) (*Settings, error) {
	s := Defaults(strLen)
	if block != nil {
		var errs diag.List
		seen := map[string]*ast.ConfigItem{}
		for _, it := range block.Items {
			name := canonical(it.Name.Name)
			v := lookup(name)
			if v == nil {
				msg := fmt.Sprintf("unknown config variable %s", it.Name.Name)
				if near, ok := suggest.Closest(name, Names()); ok {
					msg += ": did you mean " + near + "?"
				}
				errs.Add(diag.Errorf(it.Name, "%s", msg))
				continue
			}
			if prev := seen[name]; prev != nil {
				errs.Addf(it.Name, "config variable %s is set twice (first at %s)", name, prev.Pos())
				continue
			}
			seen[name] = it
			val, err := v.fromExpr(it.Value)
			if err != nil {
				errs.Addf(it.Value, "config variable %s: %v", name, err)
				continue
			}
			v.field.set(s, val)
			s.Set[name] = true
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
	}
	if getenv != nil {
		for i := range Vars {
			v := &Vars[i]
			env := envPrefix + strings.ToUpper(v.name)
			text := getenv(env)
			if text == "" {
				continue
			}
			val, err := v.fromText(text)
			if err != nil {
				return nil, fmt.Errorf("environment variable %s=%s: %v", env, text, err)
			}
			v.field.set(s, val)
			s.Set[v.name] = true
		}
	}
	return s, nil
}

// CheckValue checks text as the value of the config variable name (in
// any of its spellings), as if an environment variable gave it.
func CheckValue(name, text string) error {
	v := lookup(canonical(name))
	if v == nil {
		msg := "unknown config variable"
		if near, ok := suggest.Closest(canonical(name), Names()); ok {
			msg += ": did you mean " + near + "?"
		}
		return errors.New(msg)
	}
	_, err := v.fromText(text)
	return err
}

// fromExpr checks the value written in a config block against v's type.
func (v *variable) fromExpr(x ast.Expr) (any, error) {
	switch x := x.(type) {
	case *ast.IntLit:
		switch v.kind {
		case intKind:
			if x.Value > math.MaxInt64 {
				return nil, fmt.Errorf("%d is too large", x.Value)
			}
			return v.checkInt(int64(x.Value))
		case boolKind:
			if x.Value <= 1 {
				return x.Value == 1, nil
			}
		}
	case *ast.StrLit:
		switch v.kind {
		case stringKind:
			return x.Value, nil
		case enumKind:
			return v.checkEnum(x.Value)
		}
	case *ast.BoolLit:
		if v.kind == boolKind {
			return x.Value, nil
		}
	case *ast.Ident:
		switch v.kind {
		case enumKind:
			return v.checkEnum(x.Name)
		}
	}
	return nil, v.want()
}

// fromText checks the value of an environment variable against v's type.
func (v *variable) fromText(text string) (any, error) {
	switch v.kind {
	case intKind:
		n, err := strconv.ParseInt(text, 0, 64)
		if err != nil {
			return nil, v.want()
		}
		return v.checkInt(n)
	case boolKind:
		switch text {
		case "true", "1":
			return true, nil
		case "false", "0":
			return false, nil
		}
		return nil, v.want()
	case enumKind:
		return v.checkEnum(text)
	}
	return text, nil
}

// maxInt bounds every integer variable: they are counts and sizes that
// the kernel takes as 32-bit numbers.
const maxInt = math.MaxInt32

func (v *variable) checkInt(n int64) (any, error) {
	if n < v.min {
		return nil, fmt.Errorf("must be at least %d, not %d", v.min, n)
	}
	if n > maxInt {
		return nil, fmt.Errorf("must be at most %d, not %d", maxInt, n)
	}
	return n, nil
}

func (v *variable) checkEnum(s string) (any, error) {
	for _, val := range v.values {
		if strings.EqualFold(s, val) {
			return val, nil
		}
	}
	return nil, v.want()
}

// want says what values v takes.
func (v *variable) want() error {
	if v.kind == enumKind {
		return fmt.Errorf("expected one of %s", strings.Join(v.values, ", "))
	}
	return fmt.Errorf("expected %s", v.kind)
}
