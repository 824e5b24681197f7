package value

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/types"
)

// decodeBuffer decodes buf()'s record: a u64 length, then the bytes.
func decodeBuffer(t *types.Type, b []byte) Value {
	n := min(readUint(b, 8), uint64(t.Len))
	return Value{Kind: Buffer, Str: string(slice(b, 8, int(n)))}
}

// InetText renders ntop()'s record, a u64 address family and 16 address
// bytes, as glibc's inet_ntop does. It is written out rather than taken
// from net/netip, whose package initialisation would cost every run.
func InetText(b []byte) string {
	var a [16]byte
	copy(a[:], slice(b, 8, 16))
	if readUint(b, 8) == types.AFInet6 {
		return ipv6Text(a)
	}
	return ipv4Text(a[:4])
}

func ipv4Text(a []byte) string {
	return strconv.Itoa(int(a[0])) + "." + strconv.Itoa(int(a[1])) + "." + strconv.Itoa(int(a[2])) + "." + strconv.Itoa(int(a[3]))
}

// ipv6Text follows inet_ntop: hex groups without leading zeros, the
// longest run of two or more zero groups (the first of equals) as "::",
// and IPv4-compatible and IPv4-mapped addresses ending in dotted form.
func ipv6Text(a [16]byte) string {
	var w [8]uint16
	for i := range w {
		w[i] = uint16(a[2*i])<<8 | uint16(a[2*i+1])
	}
	base, length := -1, 0
	for i := 0; i < 8; {
		if w[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && w[j] == 0 {
			j++
		}
		if j-i > length && j-i >= 2 {
			base, length = i, j-i
		}
		i = j
	}
	var sb strings.Builder
	for i := 0; i < 8; i++ {
		if base >= 0 && i >= base && i < base+length {
			if i == base {
				sb.WriteByte(':')
			}
			continue
		}
		if i != 0 {
			sb.WriteByte(':')
		}
		if i == 6 && base == 0 && (length == 6 || (length == 5 && w[5] == 0xffff)) {
			sb.WriteString(ipv4Text(a[12:]))
			return sb.String()
		}
		sb.WriteString(strconv.FormatUint(uint64(w[i]), 16))
	}
	if base >= 0 && base+length == 8 {
		sb.WriteByte(':')
	}
	return sb.String()
}

// MacText renders macaddr()'s six bytes as upstream does: upper-case hex
// pairs separated by colons.
func MacText(b []byte) string {
	var m [6]byte
	copy(m[:], b)
	return fmt.Sprintf("%02X:%02X:%02X:%02X:%02X:%02X", m[0], m[1], m[2], m[3], m[4], m[5])
}
