package main

import (
	"fmt"
	"testing"
)

// End-to-end tests of the network and byte functions: ntop, pton,
// macaddr, bswap.

func TestNetworkFunctions(t *testing.T) {
	script := `begin {
  print(ntop(0x0100007f));
  print(ntop(pton("fe80::1")));
  printf("%s %s %s\n", ntop(2, pton("10.1.2.3")), ntop(10, pton("::ffff:1.2.3.4")), ntop(pton("2001:db8::8:800:200c:417a")));
  print(pton("127.0.0.1"));
  $x = 0x11223344;
  printf("%x %x %x\n", bswap($x), bswap(0x0102), bswap(bswap($x)));
  @hosts[ntop(0x0100007f)] = 1;
  exit();
}`
	r := run(t, "", "-e", script)
	want := "127.0.0.1\nfe80::1\n10.1.2.3 ::ffff:1.2.3.4 2001:db8::8:800:200c:417a\n[127,0,0,1]\n" +
		"4433221100000000 201000000000000 11223344\n\n\n@hosts[127.0.0.1]: 1\n"
	expect(t, r, want, 0)
	r = run(t, "", "-f", "json", "-e", `begin { print(ntop(pton("::1"))); exit(); }`)
	expect(t, r, `{"type": "attached_probes", "data": {"probes": 1}}`+"\n"+`{"type": "value", "data": "::1"}`+"\n", 0)
}

// TestMacaddrFromUserMemory reads six bytes through a user pointer: the
// start of the path openat is given.
func TestMacaddrFromUserMemory(t *testing.T) {
	path := tempFile(t, 1)
	r := runWithLoad(t, `tracepoint:syscalls:sys_enter_openat /pid == $1/ { printf("%s\n", macaddr(args.filename)); }`, "open 1 "+path)
	p := path
	expect(t, r, fmt.Sprintf("%02X:%02X:%02X:%02X:%02X:%02X\n", p[0], p[1], p[2], p[3], p[4], p[5]), 0)
}
