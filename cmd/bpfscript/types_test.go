package main

import "testing"

// TestTypeExpressions covers the reference's Type Syntax, Type Context
// Builtins (sizeof, typeof), pointer casts and the typeof macro argument.
func TestTypeExpressions(t *testing.T) {
	runCases(t, []struct{ name, prog, want string }{
		{"sizeof reference examples", `begin { print(sizeof(uint32)); print(sizeof({ $a = (int8)1; print("hi"); $a })); print(sizeof(uint32*[10])); exit(); }`,
			"4\n1\n80\n"},
		{"sizeof of types", `begin { print((sizeof(bool), sizeof(int16_t), sizeof(uint8[3][2]), sizeof(int32[4]*), sizeof(string[64]), sizeof(typeof(uint16)))); exit(); }`,
			"(1, 2, 6, 8, 64, 2)\n"},
		{"sizeof of expressions", `begin { $i = (int16)1; $s = "abc"; print((sizeof($i), sizeof($s), sizeof(comm), sizeof(pid), sizeof($i + 1))); exit(); }`,
			"(2, 4, 16, 4, 8)\n"},
		{"sizeof evaluates nothing", `begin { @x = 1; $n = sizeof({ @x = 5; $y = 7; @x++ }); print($n); print(@x); exit(); }`,
			"8\n@x: 1\n\n\n@x: 1\n"},
		{"sizeof is a constant", `begin { $t = (1, "a", 3); print($t[sizeof(uint16)]); exit(); }`, "3\n"},
		{"typeof in a cast and a declaration", `begin { $a = (uint16)5; $b = (typeof($a))70000; let $y: typeof($a) = 2; print(($b, $y, sizeof($y))); exit(); }`,
			"(4464, 2, 2)\n"},
		{"typeof of a type", `begin { let $x: typeof(int8*) = (int8*)16; print(($x, sizeof(typeof($x)[3]))); exit(); }`, "(0x10, 24)\n"},
		{"bare names in type contexts", `macro uint64_t() { 1 } begin { print(sizeof(uint64_t)); print(sizeof(uint64_t())); $z = 300; $y = (typeof(uint64_t()))$z; print($y); exit(); }`,
			"8\n1\n44\n"},
		{"typeof passes a type to a macro", `macro p_cast(a, b) { (a*)b } begin { print(p_cast(typeof(uint8), -1)); exit(); }`, "0xff\n"},
		{"pointer casts", `begin { $pz = 5; $py = (int16 *)$pz; print($py); printf("%p %d\n", $py, $py); print((uint8*)-1); exit(); }`,
			"0x5\n0x5 5\n0xff\n"},
		{"pointer arithmetic counts elements", `begin { $p = (int32*)16; print(($p + 1, 2 + $p, $p - 1, (uint8*)16 + 1, (int64*)$p + 1)); exit(); }`,
			"(0x14, 0x18, 0xc, 0x11, 0x18)\n"},
		{"pointers in maps", `begin { $p = (uint32*)32; @m[$p] = $p; exit(); }`, "\n\n@m[0x20]: 0x20\n"},
		{"a failed read through a pointer gives zeros", `begin { $p = (int8[4]*)0; print(*$p); $q = (int64**)0; print(**$q); print((*(bool*)0, sizeof(*$p))); exit(); }`,
			"[0,0,0,0]\n0\n(false, 4)\n"},
		{"typed pointer and string declarations", `begin { let $p: int32*; print($p); $p = (int32*)4; print(($p == (int32*)4, $p > (int32*)2)); let $s: string[8] = "hi"; print($s); exit(); }`,
			"0x0\n(1, 1)\nhi\n"},
		{"string casts resize", `begin { $s = (string[3])"hello"; print(($s, sizeof($s), (string[10])"ab" == "ab", sizeof((string[10])"ab"))); exit(); }`,
			"(hel.., 3, 1, 10)\n"},
		{"typeof of tuples, records and builtins", `begin { $t = (1, "x"); let $u: typeof($t) = (2, "y"); print(($u, (typeof($t))$t)); let $p: typeof(probe) = probe; print($p); exit(); }`,
			"((2, y), (1, x))\nbegin\n"},
		{"array casts", `begin { $a = (uint8[8])12345; print((uint64)$a); $x = (uint32)0x01020304; print((uint8[4])$x); exit(); }`,
			"12345\n[4,3,2,1]\n"},
		{"address of a variable", `begin { $a = 1; $b = &$a; print(*$b); $a = 42; print((*$b, *&$a, $b != 0, $b == &$a, sizeof($b))); exit(); }`,
			"1\n(42, 42, 1, 1, 8)\n"},
		{"address of typed, string and pointer variables", `begin { let $i: uint8 = 200; $p = &$i; $q = &$p; $s = "hi"; $ps = &$s; print((*$p, **$q, sizeof(*$p), $ps != 0)); exit(); }`,
			"(200, 200, 1, 1)\n"},
		{"address of variables in loops", `begin { $t = 0; for $i : 0..3 { $t += $i; $p = &$t; $q = &$i; printf("%d %d\n", *$p, *$q); } print(*&$t); exit(); }`,
			"0 0\n1 1\n3 2\n3\n"},
		{"an addressed variable counts a while loop beside a for loop", `begin { $a = 0; $b = &$a; for $i : 0..2 { $a += 1; } print(*$b); $a = 0; while ($a < 3) { $a++; } print((*$b, $a)); exit(); }`,
			"2\n(3, 3)\n"},
		{"pointer differences and comparisons", `begin { $p = (int32*)16; $q = (int32*)8; $v = 1; $b = &$v; print(($p - $q, $q - $p, $p > $q, $q >= $p, ($b + 3) - $b)); exit(); }`,
			"(2, -2, 1, 0, 3)\n"},
		{"integers in pointer variables", `begin { let $p: int32* = 0; print($p); $p = 16; print(($p, $p + 1)); $p = (uint8)-1; print($p); exit(); }`,
			"0x0\n(0x10, 0x14)\n0xff\n"},
		{"pointers move by elements in place", `begin { $p = (int32*)32; $p += 6; print($p); $p -= 1; $p++; --$p; print(($p, $p++, $p)); @m = (int16*)8; @m++; @m -= 3; exit(); }`,
			"0x38\n(0x34, 0x34, 0x38)\n\n\n@m: 0x4\n"},
		{"a macro's type parameter casts a dereference", `macro as(T, p) { (T)*p } begin { $v = 258; $a = &$v; print((as(typeof(uint8), $a), as(typeof(int16), $a))); exit(); }`,
			"(2, 258)\n"},
		{"cast parsing of (name)*x", `begin { $v = 7; $a = &$v; $x = (uint8)*$a; $y = (pid)*0; $z = (typeof($v))*$a; print(($x, $y, $z)); exit(); }`,
			"(7, 0, 7)\n"},
	})
}

// TestPointerDereference reads through pointers cast from a user address:
// a byte, the next one, and four bytes at once.
func TestPointerDereference(t *testing.T) {
	prog := `tracepoint:syscalls:sys_enter_openat /str(args.filename) == "/etc/hostname"/ {
		$p = (uint8*)uptr(args.filename);
		$w = (uint32*)$p;
		printf("%c%c %x %d\n", *$p, *($p + 1), *$w, sizeof(*$w));
		exit();
	}`
	r := run(t, "", "-e", prog, "-c", "/bin/sh -c 'cat /etc/hostname >/dev/null'")
	expect(t, r, "/e 6374652f 4\n", 0)
}
