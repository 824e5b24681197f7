package main

import "testing"

// runCases runs each program with -e and compares its whole stdout.
func runCases(t *testing.T, cases []struct{ name, prog, want string }) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, run(t, "", "-e", tc.prog), tc.want, 0)
		})
	}
}

// TestIntegerTypes covers the integer types, bool and casts of the
// reference's Data Types and Type Conversion sections.
func TestIntegerTypes(t *testing.T) {
	runCases(t, []struct{ name, prog, want string }{
		{"narrowing casts", `begin { printf("Values: %d %d\n", (uint8) -10, (uint16) 131087); exit(); }`, "Values: 246 15\n"},
		{"reference example", `begin { $x = 1<<16; printf("%d %d\n", (uint16)$x, $x); exit(); }`, "0 65536\n"},
		{"signed narrowing", `begin { $x = 200; printf("%d %d %d\n", (int8)$x, (int16)-1, (uint32)-1); exit(); }`, "-56 -1 4294967295\n"},
		{"widening extends the sign", `begin { $x = (int8)-2; print((int64)$x); print((uint64)$x); exit(); }`, "-2\n18446744073709551614\n"},
		{"c spellings", `begin { $x = 70000; printf("%d %d\n", (uint16_t)$x, (int64_t)$x); exit(); }`, "4464 70000\n"},
		{"print of each type", `begin { print((uint8)255); print((int8)-1); print((uint64)-1); print((int32)-5); exit(); }`, "255\n-1\n18446744073709551615\n-5\n"},
		{"hex and unsigned", `begin { printf("%x %u %d\n", (uint16)-1, (uint8)-1, (int8)255); exit(); }`, "ffff 255 -1\n"},
		{"bool values", `begin { print((true, false)); $b = true; $c = false; print(($b, $c)); exit(); }`, "(true, false)\n(true, false)\n"},
		{"bool in conditions", `begin { if (true) { print(1); } if (false) { print(2); } exit(); }`, "1\n"},
		{"bool casts", `begin { $p = 0; print(((bool)1, (bool)0, (bool)"hello", (bool)"", (bool)$p)); print(((int64)true, (int64)false)); exit(); }`, "(true, false, true, false, false)\n(1, 0)\n"},
		{"bool printf", `begin { printf("%d %d\n", true, (bool)5); exit(); }`, "1 1\n"},
		{"bool maps", `begin { @a[true] = false; exit(); }`, "\n\n@a[true]: false\n"},
		{"int to byte array", `begin { $a = (int8[8])12345; printf("%x %x\n", $a[0], $a[1]); printf("%d\n", (uint64)$a); exit(); }`, "39 30\n12345\n"},
		{"array length from the value", `begin { $a = (uint8[])(uint32)0x01020304; printf("%d %d\n", $a[0], $a[3]); exit(); }`, "4 1\n"},
		{"string to byte array", `begin { $a = (int8[])"ab"; printf("%d %d %d\n", $a[0], $a[1], $a[2]); exit(); }`, "97 98 0\n"},
		{"array equality", `begin { $b = (uint8[4])(uint32)0x01020304; printf("%d %d\n", $b == (uint8[4])(uint32)0x01020304, $b != (uint8[4])(uint32)5); print($b); exit(); }`, "1 1\n[4,3,2,1]\n"},
		{"bool array", `begin { @a = (bool[2])(uint16)1; exit(); }`, "\n\n@a: [true,false]\n"},
		{"typed declaration", `begin { let $x: uint16 = 1; $x = $x + 70000; print($x); exit(); }`, "4465\n"},
		{"typed overflow", `begin { let $x: int8 = 127; $x++; print($x); let $y: uint8 = 0; $y--; print($y); exit(); }`, "-128\n255\n"},
		{"let without value is zero", `begin { let $x: uint32; print($x); let $y; $y = 5; print($y); exit(); }`, "0\n5\n"},
		{"let is block scoped", `begin { if (1) { let $x = 1; print($x); } let $x = 2; print($x); exit(); }`, "1\n2\n"},
	})
}

// TestIntegerSemantics covers bpftrace's rules for literals of either
// sign, mixed arithmetic and comparison, division by zero and shifts.
func TestIntegerSemantics(t *testing.T) {
	runCases(t, []struct{ name, prog, want string }{
		{"unsigned literal comparison", `begin { printf("%d\n", 0xffffffffffffffff > 1); exit(); }`, "1\n"},
		{"unsigned literal division", `begin { print(0x8000000000000000 / 2); exit(); }`, "4611686018427387904\n"},
		{"unsigned variable and literal", `begin { $x = (uint64)-1; printf("%d %d\n", $x > 5, $x / 2 > 0); exit(); }`, "1 1\n"},
		{"signed comparison", `begin { $x = -1; printf("%d\n", $x < 1); exit(); }`, "1\n"},
		{"subtraction is signed", `begin { $a = (uint64)1 - (uint64)2; print($a); exit(); }`, "-1\n"},
		{"division by zero gives 1", `begin { $z = 0; printf("%d %d\n", 5 / $z, 7 % $z); exit(); }`, "1 1\n"},
		{"division", `begin { $a = 7; $b = -7; printf("%d %d %d %d\n", $a / 2, $a % 3, $b / 2, $b % 3); exit(); }`, "3 1 -3 -1\n"},
		{"shifts", `begin { $a = 1; $b = -16; printf("%d %d %d\n", $a << 40, $b >> 2, (uint64)$b >> 60); exit(); }`, "1099511627776 -4 15\n"},
		{"overflow wraps", `begin { $a = 0x7fffffffffffffff; $a = $a + 1; print($a); exit(); }`, "-9223372036854775808\n"},
	})
}

// TestLiterals covers the literal forms of the reference's Literals
// section.
func TestLiterals(t *testing.T) {
	runCases(t, []struct{ name, prog, want string }{
		{"scientific", `begin { print(1e6); print(2e3); exit(); }`, "1000000\n2000\n"},
		{"durations", `begin { printf("%d %d %d %d %d %d %d\n", 2ns, 1us, 100ms, 5s, 1m, 1h, 1d); exit(); }`,
			"2 1000 100000000 5000000000 60000000000 3600000000000 86400000000000\n"},
		{"c suffixes", `begin { printf("%d %d %d %d\n", 123UL, 123U, 123LL, 0x10ul); exit(); }`, "123 123 123 16\n"},
		{"underscores", `begin { print(1_000_123_000); exit(); }`, "1000123000\n"},
		{"octal and hex", `begin { printf("%d %d %d\n", 0123, 0x10, 0X1f); exit(); }`, "83 16 31\n"},
	})
}

// TestTuplesAndRecords covers 1-tuples, records, field access, equality
// and records in maps.
func TestTuplesAndRecords(t *testing.T) {
	runCases(t, []struct{ name, prog, want string }{
		{"one-tuple", `begin { $t = (1,); print($t.0); exit(); }`, "1\n"},
		{"record fields", `begin { $v = 99; $t = (a=0, b=1, c="str", d=(5, 6), e=$v); printf("%d %d %s %d %d %d\n", $t.a, $t.b, $t.c, $t.d.0, $t.d.1, $t.e); exit(); }`, "0 1 str 5 6 99\n"},
		{"record printing", `begin { $v = (x=1, y=2); $t = (a=0, b=1, c="str", d=(5, 6), e=$v); print($t); exit(); }`,
			"{ .a = 0, .b = 1, .c = str, .d = (5, 6), .e = { .x = 1, .y = 2 } }\n"},
		{"record reassigned", `begin { $a = (c = "ab", n = 1); $a = (c = "abcd", n = 2); print($a); exit(); }`, "{ .c = abcd, .n = 2 }\n"},
		{"record fields in another order", `begin { $a = (foo = 1, bar = "x"); $a = (bar = "yyy", foo = 2); print($a); printf("%d\n", (a = 1, b = 2) == (b = 2, a = 1)); exit(); }`, "{ .foo = 2, .bar = yyy }\n1\n"},
		{"tuple equality", `begin { $a = (1, "a"); printf("%d %d %d\n", $a == (1, "a"), $a != (1, "b"), $a == (2, "a")); exit(); }`, "1 1 0\n"},
		{"record equality", `begin { $r = (a = 1, b = "x"); printf("%d %d\n", $r == (a = 1, b = "x"), $r != (a = 1, b = "y")); exit(); }`, "1 1\n"},
		{"records in maps", `begin { @r[(a = 1, b = "k")] = (c = 2, d = "v"); exit(); }`, "\n\n@r[{ .a = 1, .b = k }]: { .c = 2, .d = v }\n"},
	})
}

// TestRecordsJSON checks records and bools in JSON output.
func TestRecordsJSON(t *testing.T) {
	r := run(t, "", "-f", "json", "-e", `begin { @r = (a = 1, b = "x"); @b = true; exit(); }`)
	want := `{"type": "attached_probes", "data": {"probes": 1}}` + "\n" + `{"type": "map", "data": {"@b": true}}` + "\n" + `{"type": "map", "data": {"@r": {"a": 1, "b": "x"}}}` + "\n"
	expect(t, r, want, 0)
}
