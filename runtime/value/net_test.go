package value

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/bpfscript/bpfscript/lang/types"
)

func TestDecodeNetAndBytes(t *testing.T) {
	v6 := make([]byte, 16)
	v6[0], v6[1], v6[15] = 0xfe, 0x80, 1
	mapped := []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}
	tests := []struct {
		name string
		t    *types.Type
		b    []byte
		want Value
	}{
		{"ipv4", types.InetT, cat(u64(types.AFInet), []byte{127, 0, 0, 1}, make([]byte, 12)), Value{Kind: String, Str: "127.0.0.1"}},
		{"ipv6", types.InetT, cat(u64(types.AFInet6), v6), Value{Kind: String, Str: "fe80::1"}},
		{"ipv4-mapped ipv6", types.InetT, cat(u64(types.AFInet6), mapped), Value{Kind: String, Str: "::ffff:10.0.0.1"}},
		{"short inet", types.InetT, u64(types.AFInet), Value{Kind: String, Str: "0.0.0.0"}},
		{"macaddr", types.MacAddrT, []byte{0x18, 0xc0, 0x4d, 8, 0x2e, 0xbb}, Value{Kind: String, Str: "18:C0:4D:08:2E:BB"}},
		{"buffer", types.NewBuffer(4), cat(u64(3), []byte{'a', 0, 0xff, 'z'}), Value{Kind: Buffer, Str: "a\x00\xff"}},
		{"buffer length past its size", types.NewBuffer(2), cat(u64(9), []byte{'a', 'b'}), Value{Kind: Buffer, Str: "ab"}},
	}
	var d Decoder
	for _, tt := range tests {
		if got := d.Decode(tt.t, tt.b); got.Kind != tt.want.Kind || got.Str != tt.want.Str {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, got.Kind, got.Str, tt.want.Kind, tt.want.Str)
		}
	}
}

// TestTruncTrailer checks that a set trailer is appended to strings that
// fill their buffer, and only to those.
func TestTruncTrailer(t *testing.T) {
	for _, trailer := range []string{"~", ""} {
		d := Decoder{TruncTrailer: &trailer}
		if got := d.Decode(types.NewString(4), []byte("abcd")); got.Str != "abcd"+trailer || got.Truncated {
			t.Errorf("trailer %q: full buffer decodes as %q (truncated %t)", trailer, got.Str, got.Truncated)
		}
		if got := d.Decode(types.NewString(4), []byte("abc\x00")); got.Str != "abc" {
			t.Errorf("trailer %q: terminated string decodes as %q", trailer, got.Str)
		}
	}
	var d Decoder
	if got := d.Decode(types.NewString(4), []byte("abcd")); got.Str != "abcd" || !got.Truncated {
		t.Errorf("no trailer set: full buffer decodes as %q (truncated %t), want it marked", got.Str, got.Truncated)
	}
}

// TestIPv6Text compares the IPv6 text with net/netip's, which follows the
// same RFC 5952 rules, except for IPv4-compatible addresses (::a.b.c.d),
// where inet_ntop keeps the dotted form and netip does not.
func TestIPv6Text(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		var a [16]byte
		for i := 0; i < 8; i++ {
			// Mostly zero groups, so that runs of them are common.
			if rng.IntN(3) == 0 {
				v := uint16(rng.IntN(0x10000))
				if rng.IntN(4) == 0 {
					v = 0xffff
				}
				a[2*i], a[2*i+1] = byte(v>>8), byte(v)
			}
		}
		got := ipv6Text(a)
		want := netip.AddrFrom16(a).String()
		if compat := [12]byte(a[:12]) == [12]byte{} && (a[12] != 0 || a[13] != 0); compat {
			want = "::" + netip.AddrFrom4([4]byte(a[12:])).String()
		}
		if got != want {
			t.Fatalf("ipv6Text(%x) = %s, want %s", a, got, want)
		}
	}
	for _, tt := range []struct {
		a    string
		want string
	}{
		{"::", "::"}, {"::1", "::1"}, {"::1.2.3.4", "::1.2.3.4"}, {"::ffff:1.2.3.4", "::ffff:1.2.3.4"},
		{"1:0:0:2:0:0:0:3", "1:0:0:2::3"}, {"1:0:0:2:0:0:3:4", "1::2:0:0:3:4"}, {"1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"},
	} {
		if got := ipv6Text(netip.MustParseAddr(tt.a).As16()); got != tt.want {
			t.Errorf("ipv6Text(%s) = %s, want %s", tt.a, got, tt.want)
		}
	}
}

// TestTruncatedRead checks the other sign of a cut string: one that fills
// a str() buffer up to its NUL.
func TestTruncatedRead(t *testing.T) {
	trailer := ".."
	d := Decoder{TruncTrailer: &trailer, StrLen: 4}
	for _, tt := range []struct {
		t    *types.Type
		b    string
		want string
	}{
		{types.NewString(4), "abc\x00", "abc.."},
		{types.NewString(4), "ab\x00\x00", "ab"},
		{types.NewString(5), "abcd\x00", "abcd"},
		{types.NewString(3), "ab\x00", "ab"},
	} {
		if got := d.Decode(tt.t, []byte(tt.b)); got.Str != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.t, tt.b, got.Str, tt.want)
		}
	}
}
