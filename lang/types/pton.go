package types

import (
	"strconv"
	"strings"
)

// ParsePton parses pton()'s argument as inet_pton does: 4 bytes for a
// dotted IPv4 address, 16 for IPv6 (which may end in a dotted IPv4
// address), in network order. It is written out rather than taken from
// net/netip, whose package initialisation would cost every run.
func ParsePton(s string) ([]byte, bool) {
	if !strings.Contains(s, ":") {
		return parseIPv4(s)
	}
	return parseIPv6(s)
}

func parseIPv4(s string) ([]byte, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return nil, false
	}
	b := make([]byte, 4)
	for i, p := range parts {
		if p == "" || len(p) > 3 || (len(p) > 1 && p[0] == '0') {
			return nil, false
		}
		n, err := strconv.ParseUint(p, 10, 8)
		if err != nil {
			return nil, false
		}
		b[i] = byte(n)
	}
	return b, true
}

func parseIPv6(s string) ([]byte, bool) {
	head, tail, compressed := strings.Cut(s, "::")
	if strings.Contains(tail, "::") {
		return nil, false
	}
	hw, ok := ipv6Groups(head, !compressed)
	if !ok {
		return nil, false
	}
	var tw []byte
	if compressed {
		if tw, ok = ipv6Groups(tail, true); !ok {
			return nil, false
		}
	}
	n := len(hw) + len(tw)
	if (compressed && n > 14) || (!compressed && n != 16) {
		return nil, false
	}
	b := make([]byte, 16)
	copy(b, hw)
	copy(b[16-len(tw):], tw)
	return b, true
}

// ipv6Groups parses colon-separated hex groups; the last may be a dotted
// IPv4 address when last is set.
func ipv6Groups(s string, last bool) ([]byte, bool) {
	if s == "" {
		return nil, true
	}
	groups := strings.Split(s, ":")
	var b []byte
	for i, g := range groups {
		if last && i == len(groups)-1 && strings.Contains(g, ".") {
			v4, ok := parseIPv4(g)
			if !ok {
				return nil, false
			}
			return append(b, v4...), true
		}
		if g == "" || len(g) > 4 {
			return nil, false
		}
		n, err := strconv.ParseUint(g, 16, 16)
		if err != nil {
			return nil, false
		}
		b = append(b, byte(n>>8), byte(n))
	}
	return b, true
}
