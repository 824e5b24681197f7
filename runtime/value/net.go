package value

import (
	"fmt"
	"net/netip"

	"github.com/bpfscript/bpfscript/lang/types"
)

// decodeBuffer decodes buf()'s record: a u64 length, then the bytes.
func decodeBuffer(t *types.Type, b []byte) Value {
	n := min(readUint(b, 8), uint64(t.Len))
	return Value{Kind: Buffer, Str: string(slice(b, 8, int(n)))}
}

// InetText renders ntop()'s record, a u64 address family and 16 address
// bytes, as inet_ntop does: dotted IPv4, or IPv6 with the longest run of
// zeros shortened.
func InetText(b []byte) string {
	af := readUint(b, 8)
	var addr [16]byte
	copy(addr[:], slice(b, 8, 16))
	if af == types.AFInet6 {
		return netip.AddrFrom16(addr).String()
	}
	return netip.AddrFrom4([4]byte(addr[:4])).String()
}

// MacText renders macaddr()'s six bytes as upstream does: upper-case hex
// pairs separated by colons.
func MacText(b []byte) string {
	var m [6]byte
	copy(m[:], b)
	return fmt.Sprintf("%02X:%02X:%02X:%02X:%02X:%02X", m[0], m[1], m[2], m[3], m[4], m[5])
}
