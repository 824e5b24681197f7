package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// Arg is one printf() argument as recorded by the BPF program.
type Arg struct {
	Type *types.Type
	Data []byte
}

// Printf renders a parsed format with its arguments, one per conversion,
// and writes the result in one call.
func (f *Formatter) Printf(w io.Writer, dirs []printf.Directive, args []Arg) error {
	s, err := f.Sprintf(dirs, args)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, s)
	return err
}

// Sprintf is Printf returning the text: it checks the arguments' types,
// decodes them and formats them with FormatPrintf.
func (f *Formatter) Sprintf(dirs []printf.Directive, args []Arg) (string, error) {
	next := 0
	for _, d := range dirs {
		if d.Verb == 0 || next >= len(args) {
			continue
		}
		t := args[next].Type
		next++
		switch {
		case t == nil:
			return "", fmt.Errorf("printf: %s: argument has no type", d.Lit)
		case d.Verb != 's' && d.Verb != 'r' && t.Kind != types.Int && t.Kind != types.Pointer && t.Kind != types.Bool:
			return "", fmt.Errorf("printf: %s needs an integer, got %s", d.Lit, t)
		}
	}
	dec := f.Decoder()
	vals := make([]value.Value, len(args))
	for i, a := range args {
		vals[i] = dec.Decode(a.Type, a.Data)
	}
	return FormatPrintf(dirs, vals)
}

// FormatPrintf renders a parsed format with its decoded arguments, one per
// conversion.
func FormatPrintf(dirs []printf.Directive, args []value.Value) (string, error) {
	var sb strings.Builder
	next := 0
	for _, d := range dirs {
		if d.Verb == 0 {
			sb.WriteString(d.Lit)
			continue
		}
		if next >= len(args) {
			return "", fmt.Errorf("printf: %s has no argument", d.Lit)
		}
		arg := args[next]
		next++
		if err := convert(&sb, d, arg); err != nil {
			return "", err
		}
	}
	if next < len(args) {
		return "", fmt.Errorf("printf: %d arguments for %d conversions", len(args), next)
	}
	return sb.String(), nil
}

func convert(sb *strings.Builder, d printf.Directive, arg value.Value) error {
	if d.Verb == 'r' {
		writePadded(sb, d, "", RawText(arg.Str, d.Raw))
		return nil
	}
	if d.Verb == 's' {
		s := Text(arg)
		if d.HasPrec && d.Prec < len(s) {
			s = s[:d.Prec]
		}
		writePadded(sb, d, "", s)
		return nil
	}
	if arg.Kind != value.Int && arg.Kind != value.Pointer && arg.Kind != value.Bool {
		return fmt.Errorf("printf: %s needs an integer, got %s", d.Lit, arg.Kind)
	}
	v := arg.Bits
	switch d.Verb {
	case 'c':
		writePadded(sb, d, "", string([]byte{byte(v)}))
	case 'p':
		if v == 0 {
			writePadded(sb, d, "", "(nil)")
		} else {
			writePadded(sb, d, "0x", strconv.FormatUint(v, 16))
		}
	default:
		prefix, digits := intDigits(d, v)
		writeNumber(sb, d, prefix, digits)
	}
	return nil
}

// intDigits converts v for an integer conversion at the directive's width,
// returning the sign or base prefix and the digits, precision applied.
func intDigits(d printf.Directive, v uint64) (prefix, digits string) {
	size := d.Bits() / 8
	if d.Signed() {
		n := value.SignExtend(value.Truncate(v, size), size)
		switch {
		case n < 0:
			prefix = "-"
			digits = strconv.FormatUint(uint64(-n), 10) // -MinInt64 wraps to its own magnitude
		case strings.Contains(d.Flags, "+"):
			prefix, digits = "+", strconv.FormatInt(n, 10)
		case strings.Contains(d.Flags, " "):
			prefix, digits = " ", strconv.FormatInt(n, 10)
		default:
			digits = strconv.FormatInt(n, 10)
		}
	} else {
		u := value.Truncate(v, size)
		alt := strings.Contains(d.Flags, "#")
		switch d.Verb {
		case 'o':
			digits = strconv.FormatUint(u, 8)
		case 'x':
			digits = strconv.FormatUint(u, 16)
			if alt && u != 0 {
				prefix = "0x"
			}
		case 'X':
			digits = strings.ToUpper(strconv.FormatUint(u, 16))
			if alt && u != 0 {
				prefix = "0X"
			}
		default:
			digits = strconv.FormatUint(u, 10)
		}
	}
	if d.HasPrec {
		if d.Prec == 0 && digits == "0" {
			digits = ""
		}
		if len(digits) < d.Prec {
			digits = strings.Repeat("0", d.Prec-len(digits)) + digits
		}
	}
	// "#o" guarantees a leading zero, even after precision.
	if d.Verb == 'o' && strings.Contains(d.Flags, "#") && !strings.HasPrefix(digits, "0") {
		digits = "0" + digits
	}
	return prefix, digits
}

// writeNumber pads a converted integer to the directive's width: with
// zeros after the prefix for the 0 flag (ignored with - or a precision, as
// in C), with spaces otherwise.
func writeNumber(sb *strings.Builder, d printf.Directive, prefix, digits string) {
	zero := strings.Contains(d.Flags, "0") && !strings.Contains(d.Flags, "-") && !d.HasPrec
	if zero && d.HasWidth {
		if n := d.Width - len(prefix) - len(digits); n > 0 {
			digits = strings.Repeat("0", n) + digits
		}
	}
	writePadded(sb, d, prefix, digits)
}

// writePadded writes prefix+body padded with spaces to the directive's
// width, on the right for the - flag.
func writePadded(sb *strings.Builder, d printf.Directive, prefix, body string) {
	n := 0
	if d.HasWidth {
		n = d.Width - len(prefix) - len(body)
	}
	left := strings.Contains(d.Flags, "-")
	if n > 0 && !left {
		sb.WriteString(strings.Repeat(" ", n))
	}
	sb.WriteString(prefix)
	sb.WriteString(body)
	if n > 0 && left {
		sb.WriteString(strings.Repeat(" ", n))
	}
}
