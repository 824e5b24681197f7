package output

import "strings"

// RawText renders a buffer's bytes as printf's %r conversions do: for %r
// (form 0) printable ASCII as itself and other bytes as \xNN; for %rx
// (form 'x') every byte as \xNN; for %rh (form 'h') hex pairs separated by
// spaces. print() and map output use the %r form, as upstream.
func RawText(b string, form byte) string {
	const hex = "0123456789abcdef"
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case form == 'h':
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&15])
		case form == 0 && c >= 32 && c <= 126:
			sb.WriteByte(c)
		default:
			sb.WriteString(`\x`)
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&15])
		}
	}
	return sb.String()
}
