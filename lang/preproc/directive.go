package preproc

import (
	"strings"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// directive acts on one directive at line of f, given the open
// conditionals, and returns them as the directive leaves them.
// Conditionals are followed even in skipped groups, so that their #endif
// pairs up; every other directive acts only where lines are kept.
func (p *pp) directive(f *file, line int, d directive, conds []*conditional) ([]*conditional, error) {
	active := len(conds) == 0 || conds[len(conds)-1].active
	kwErr := func(format string, args ...any) error {
		return diag.List{f.errorf(line, d.keywordCol, len(d.keyword), format, args...)}
	}
	switch d.keyword {
	case "if", "ifdef", "ifndef":
		c := &conditional{line: line, col: d.keywordCol, keyword: d.keyword, outerActive: active}
		if active {
			v, err := p.condition(f, line, d)
			if err != nil {
				return nil, err
			}
			c.active, c.taken = v, v
		}
		return append(conds, c), nil
	case "elif", "else", "endif":
		if len(conds) == 0 {
			return nil, kwErr("#%s without #if", d.keyword)
		}
		c := conds[len(conds)-1]
		switch d.keyword {
		case "endif":
			return conds[:len(conds)-1], nil
		case "else":
			if c.sawElse {
				return nil, kwErr("#else after #else")
			}
			c.sawElse = true
			c.active = c.outerActive && !c.taken
			c.taken = true
		case "elif":
			if c.sawElse {
				return nil, kwErr("#elif after #else")
			}
			c.active = false
			if c.outerActive && !c.taken {
				v, err := p.condition(f, line, d)
				if err != nil {
					return nil, err
				}
				c.active, c.taken = v, v
			}
		}
		return conds, nil
	}
	if !active {
		return conds, nil
	}
	switch d.keyword {
	case "define":
		m, err := parseDefine(f, line, d)
		if err != nil {
			return nil, err
		}
		p.macros[m.name] = m
	case "undef":
		rest, col := skipBlanks(d.rest, d.restCol)
		name := rest[:identEnd(rest, 0)]
		if name == "" {
			return nil, diag.List{f.errorf(line, col, 1, "#undef needs a macro name")}
		}
		delete(p.macros, name)
	case "include":
		if err := p.include(f, line, d); err != nil {
			return nil, err
		}
	case "pragma":
		if strings.TrimSpace(d.rest) == "once" {
			p.once[f.name] = true
		}
	case "error":
		return nil, kwErr("#error%s", strings.TrimRight(d.rest, " \t"))
	case "", "warning", "line", "ident":
		// A null directive; the others have nothing to act on here.
	default:
		return nil, kwErr("unknown preprocessor directive #%s", d.keyword)
	}
	return conds, nil
}

// condition evaluates the condition of #if, #elif, #ifdef or #ifndef.
func (p *pp) condition(f *file, line int, d directive) (bool, error) {
	rest, col := skipBlanks(d.rest, d.restCol)
	if d.keyword == "ifdef" || d.keyword == "ifndef" {
		end := identEnd(rest, 0)
		if end == 0 {
			return false, diag.List{f.errorf(line, col, 1, "#%s needs a macro name", d.keyword)}
		}
		// Anything after the name is ignored, as cpp does (with a
		// warning): scripts in the wild have stray text there.
		_, defined := p.macros[rest[:end]]
		return defined == (d.keyword == "ifdef"), nil
	}
	expr := strings.TrimRight(rest, " \t\r")
	if expr == "" {
		return false, diag.List{f.errorf(line, d.keywordCol, len(d.keyword), "#%s: no expression", d.keyword)}
	}
	v, err := p.evalIf(expr)
	if err != nil {
		return false, diag.List{f.errorf(line, col, len(expr), "#%s: %v", d.keyword, err)}
	}
	return v != 0, nil
}
