package types

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// NamedParam is a named parameter of the program, declared by getopt():
// its type is its default's (bool when there is none), its value the
// command line's or the default.
type NamedParam struct {
	Name        string
	Description string
	Type        *Type   // Int64, a string, or BoolT
	Default     string  // as the command line would give it
	Pos         ast.Pos // the first getopt() of the name
	Int         int64   // the value, for Int64 and BoolT (0 or 1)
	Str         string  // the value, for strings
}

// TypeName is how a program's --help names the parameter's values.
func (p *NamedParam) TypeName() string {
	switch p.Type.Kind {
	case Int:
		return "INT"
	case String:
		return "STRING"
	}
	return "BOOL"
}

// getopt checks getopt("name"[, default[, "description"]]). Its value is
// known when compiling, as a positional parameter's is.
func (c *checker) getopt(call *ast.CallExpr) *Type {
	for _, a := range call.Args {
		c.expr(a)
	}
	lit, ok := unparen(call.Args[0]).(*ast.StrLit)
	if !ok || lit == nil {
		c.errorf(call.Args[0], "getopt() needs the parameter's name as a string literal")
		return InvalidT
	}
	if lit.Value == "" || strings.ContainsAny(lit.Value, "= \t") {
		c.errorf(call.Args[0], "getopt()'s parameter name cannot be empty or hold '=' or spaces")
		return InvalidT
	}
	p := &NamedParam{Name: lit.Value, Type: BoolT, Default: "false", Pos: call.Pos()}
	if len(call.Args) > 1 {
		if !c.getoptDefault(call.Args[1], p) {
			return InvalidT
		}
	}
	if len(call.Args) > 2 {
		desc, ok := unparen(call.Args[2]).(*ast.StrLit)
		if !ok || desc == nil {
			c.errorf(call.Args[2], "getopt()'s description must be a string literal")
			return InvalidT
		}
		p.Description = desc.Value
	}
	text, given := c.conf.NamedParams[p.Name]
	if !given {
		text = p.Default
	}
	if err := p.set(text); err != nil {
		c.errorf(call, "--%s=%s: %v", p.Name, text, err)
		return InvalidT
	}
	for _, old := range c.info.Options {
		if old.Name != p.Name {
			continue
		}
		if old.Type.Kind != p.Type.Kind || old.Default != p.Default {
			c.errorf(call, "getopt(%q) is declared at %s with another type or default", p.Name, at(old.Pos))
			return InvalidT
		}
		p = old
	}
	if p.Pos == call.Pos() {
		c.info.Options = append(c.info.Options, p)
	}
	if c.info.Getopts == nil {
		c.info.Getopts = map[*ast.CallExpr]*NamedParam{}
	}
	c.info.Getopts[call] = p
	return p.Type
}

// getoptDefault reads getopt()'s default, a literal, into p's type.
func (c *checker) getoptDefault(x ast.Expr, p *NamedParam) bool {
	if n, ok := c.constInt(x); ok {
		if _, isParam := unparen(x).(*ast.PosParam); !isParam {
			p.Type, p.Default = Int64, strconv.FormatInt(n, 10)
			return true
		}
	}
	switch d := unparen(x).(type) {
	case *ast.StrLit:
		if d != nil {
			p.Type, p.Default = NewString(len(d.Value)+1), d.Value
			return true
		}
	case *ast.BoolLit:
		if d != nil {
			p.Type, p.Default = BoolT, strconv.FormatBool(d.Value)
			return true
		}
	}
	c.errorf(x, "getopt()'s default must be a literal: an integer, a string, true or false")
	return false
}

// set gives p the value text, as the command line spells it.
func (p *NamedParam) set(text string) error {
	switch p.Type.Kind {
	case Int:
		n, err := strconv.ParseInt(text, 0, 64)
		if err != nil {
			if u, uerr := strconv.ParseUint(text, 0, 64); uerr == nil && u > math.MaxInt64 {
				return fmt.Errorf("%s is too large for an integer parameter", text)
			}
			return fmt.Errorf("the parameter takes an integer")
		}
		p.Int = n
	case String:
		p.Str = text
		if len(text)+1 > p.Type.Size {
			p.Type = NewString(len(text) + 1)
		}
	default:
		switch text {
		case "true", "1":
			p.Int = 1
		case "false", "0":
			p.Int = 0
		default:
			return fmt.Errorf("the parameter takes true, false, 1 or 0")
		}
	}
	return nil
}
