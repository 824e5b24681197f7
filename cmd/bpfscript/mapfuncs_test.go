package main

import (
	"fmt"
	"regexp"
	"testing"
)

// The map functions and aggregations of the standard library, run on this
// kernel with exact output.

func TestDeleteReturnsWhetherItDeleted(t *testing.T) {
	script := `BEGIN { @a[1] = 1; @a[2] = 2; @s = 5;
  $x = delete(@a, 1); $y = delete(@a, 7);
  printf("%d %d %d\n", $x, $y, delete(@s));
  if (!delete(@a[1])) { printf("gone\n"); }
  delete(@a, 2); exit(); }`
	expect(t, run(t, "", "-e", script), "1 0 1\ngone\n", 0)
}

func TestFind(t *testing.T) {
	script := `BEGIN { @m[2] = 20; @t["a", 1] = (1, "x"); @c["k"] = count(); @c["k"] = count();
  let $v = 0; let $t = (0, "");
  if (find(@m, 2, $v)) { printf("found %d\n", $v); }
  if (!find(@m, 9, $v)) { printf("no 9, still %d\n", $v); }
  if (find(@t, ("a", 1), $t)) { printf("tuple %d %s\n", $t.0, $t.1); }
  $n = 0; find(@c, "k", $n); printf("count %d\n", $n);
  clear(@m); clear(@t); clear(@c); exit(); }`
	expect(t, run(t, "", "-e", script), "found 20\nno 9, still 20\ntuple 1 x\ncount 2\n", 0)
}

func TestHistBuckets(t *testing.T) {
	script := `BEGIN { @h = hist(0, 2); @h = hist(3, 2); @h = hist(8, 2); @h = hist(9, 2); @h = hist(100, 2); @h = hist(-4, 2);
  @k[1] = hist(6, 1); @k[1] = hist(7, 1); exit(); }`
	expect(t, run(t, "", "-e", script), `

@h:
(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[1]                    0 |                                                    |
[2]                    0 |                                                    |
[3]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[4]                    0 |                                                    |
[5]                    0 |                                                    |
[6]                    0 |                                                    |
[7]                    0 |                                                    |
[8, 10)                2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[10, 12)               0 |                                                    |
[12, 14)               0 |                                                    |
[14, 16)               0 |                                                    |
[16, 20)               0 |                                                    |
[20, 24)               0 |                                                    |
[24, 28)               0 |                                                    |
[28, 32)               0 |                                                    |
[32, 40)               0 |                                                    |
[40, 48)               0 |                                                    |
[48, 56)               0 |                                                    |
[56, 64)               0 |                                                    |
[64, 80)               0 |                                                    |
[80, 96)               0 |                                                    |
[96, 112)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |

@k[1]:
[6, 8)                 2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

`, 0)
	r := run(t, "", "-f", "json", "-e", `BEGIN { @h = hist(5, 1); @h = hist(100, 1); exit(); }`)
	expect(t, r, `{"type": "attached_probes", "data": {"probes": 1}}
{"type": "hist", "data": {"@h": [{"min": 4, "max": 5, "count": 1}, {"min": 6, "max": 7, "count": 0}, {"min": 8, "max": 11, "count": 0}, `+
		`{"min": 12, "max": 15, "count": 0}, {"min": 16, "max": 23, "count": 0}, {"min": 24, "max": 31, "count": 0}, {"min": 32, "max": 47, "count": 0}, `+
		`{"min": 48, "max": 63, "count": 0}, {"min": 64, "max": 95, "count": 0}, {"min": 96, "max": 127, "count": 1}]}}
`, 0)
}

func TestHistBitsOfReads(t *testing.T) {
	// The read sizes, in buckets of a quarter of a power of two.
	path := tempFile(t, 1<<16)
	r := runWithLoad(t, `tracepoint:syscalls:sys_exit_read /pid == $1/ { @ = hist(args.ret, 2); }`, "read "+path+" 5,6,7,1000,1100")
	expect(t, r, `

@:
[5]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[6]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[7]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[8, 10)                0 |                                                    |
[10, 12)               0 |                                                    |
[12, 14)               0 |                                                    |
[14, 16)               0 |                                                    |
[16, 20)               0 |                                                    |
[20, 24)               0 |                                                    |
[24, 28)               0 |                                                    |
[28, 32)               0 |                                                    |
[32, 40)               0 |                                                    |
[40, 48)               0 |                                                    |
[48, 56)               0 |                                                    |
[56, 64)               0 |                                                    |
[64, 80)               0 |                                                    |
[80, 96)               0 |                                                    |
[96, 112)              0 |                                                    |
[112, 128)             0 |                                                    |
[128, 160)             0 |                                                    |
[160, 192)             0 |                                                    |
[192, 224)             0 |                                                    |
[224, 256)             0 |                                                    |
[256, 320)             0 |                                                    |
[320, 384)             0 |                                                    |
[384, 448)             0 |                                                    |
[448, 512)             0 |                                                    |
[512, 640)             0 |                                                    |
[640, 768)             0 |                                                    |
[768, 896)             0 |                                                    |
[896, 1024)            1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[1024, 1280)           1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

`, 0)
}

func TestPrintArgs(t *testing.T) {
	// The record of the exec, its __data_loc filename included, printed
	// as upstream prints a struct.
	s := startWithLoad(t, `tracepoint:sched:sched_process_exec /pid == $1/ { print(args); exit(); }`, "exec /bin/true")
	pid := s.gen.Process.Pid
	s.resume()
	s.gen.Wait()
	r := s.wait()
	// old_pid is the thread that called exec: the generator is a Go
	// program, whose exec may come from any of its threads.
	want := regexp.MustCompile(fmt.Sprintf(`^\{ \.filename = /bin/true, \.pid = %d, \.old_pid = \d+ \}\n$`, pid))
	if r.code != 0 || !want.MatchString(r.stdout) {
		t.Errorf("exit code %d, stdout %q: want %s", r.code, r.stdout, want)
	}
}

func TestHasKeyAndDeleteOnEveryMapKind(t *testing.T) {
	// Plain, per-CPU (count) and bucketed maps: hist, lhist with a
	// thousand buckets, tseries.
	script := `BEGIN { @p[1] = 1; @c[1] = count(); @h[1] = hist(5); @h[2] = hist(100); @l["a"] = lhist(5, 0, 1000, 1);
  @s = hist(3); @t[1] = tseries(1, 1000000000, 100);
  printf("%d %d %d %d %d %d %d\n", has_key(@p, 1), has_key(@c, 1), has_key(@h, 1), has_key(@h, 3), has_key(@l, "a"), has_key(@t, 1), has_key(@t, 2));
  printf("%d %d %d %d %d %d\n", delete(@p, 1), delete(@c, 1), delete(@h, 1), delete(@h, 1), delete(@l, "a"), delete(@t, 1));
  delete(@s); delete(@h[2]);
  printf("%d %d %d\n", has_key(@h, 2), has_key(@c, 1), len(@p)); exit(); }`
	expect(t, run(t, "", "-e", script), "1 1 1 0 1 1 0\n1 1 1 0 1 1\n0 0 0\n", 0)
}
