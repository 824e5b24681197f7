package types

import (
	"bytes"
	"net/netip"
	"testing"
)

// TestParsePton compares pton()'s parser with net/netip's on valid and
// invalid addresses.
func TestParsePton(t *testing.T) {
	for _, s := range []string{
		"127.0.0.1", "0.0.0.0", "255.255.255.255", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "",
		"::", "::1", "1::", "fe80::1", "2001:db8::8:800:200c:417a", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", "12345::", "g::", "::ffff:1.2.3.4", "::1.2.3.4",
		"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "fe80::1%eth0", ":1::", "1::2:", "::ffff:01.2.3.4",
	} {
		got, ok := ParsePton(s)
		a, err := netip.ParseAddr(s)
		wantOK := err == nil && a.Zone() == ""
		if ok != wantOK {
			t.Errorf("ParsePton(%q) ok = %t, want %t (%v)", s, ok, wantOK, err)
			continue
		}
		if ok && !bytes.Equal(got, a.AsSlice()) {
			t.Errorf("ParsePton(%q) = %v, want %v", s, got, a.AsSlice())
		}
	}
}
