package types

import (
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/ast"
)

// substituteParams returns spec with each positional parameter in it
// (`interval:s:$1`, `tracepoint:syscalls:sys_enter_$1`) replaced by the
// parameter's text, which is "" when it was not given: in an attach point
// a parameter is a string, as the reference says. The copy keeps the
// spec's span, so errors about it point at what was written. A parameter
// holding ':' stays inside its part rather than adding parts.
func (c *checker) substituteParams(spec *ast.ProbeSpec) *ast.ProbeSpec {
	if !strings.Contains(spec.Raw, "$") {
		return spec
	}
	out := *spec
	out.Raw = c.expandParams(spec.Raw)
	out.Parts = make([]string, len(spec.Parts))
	for i, part := range spec.Parts {
		out.Parts[i] = c.expandParams(part)
	}
	return &out
}

// expandParams replaces every $N in s by the text of parameter N.
func (c *checker) expandParams(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '$')
		if i < 0 || i+1 >= len(s) || s[i+1] < '0' || s[i+1] > '9' {
			b.WriteString(s)
			return b.String()
		}
		j := i + 1
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		b.WriteString(s[:i])
		if n, err := strconv.Atoi(s[i+1 : j]); err == nil {
			text, _ := c.param(n)
			b.WriteString(text)
		}
		s = s[j:]
	}
}
