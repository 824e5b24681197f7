package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestUnitFormat(t *testing.T) {
	tests := []struct {
		u    unit
		v    float64
		want string
	}{
		{millis, float64(8500 * time.Microsecond), "8.50 ms"},
		{millis, float64(274 * time.Millisecond), "274 ms"},
		{micros, 1500, "1.5 µs"},
		{nanos, 61.04, "61.0 ns"},
		{mebibyte, 7.5 * (1 << 20), "7.5 MiB"},
		{count, 29, "29"},
		{perSec, 111_400, "111 k/s"},
		{percent, 0.0125, "1.2 %"},
		{millis, math.NaN(), "—"},
	}
	for _, tt := range tests {
		if got := tt.u.format(tt.v); got != tt.want {
			t.Errorf("format(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestVerdict(t *testing.T) {
	tests := []struct {
		r    row
		want string
	}{
		{row{bs: 1, bt: 20, target: target{ratioAtMost, 0.1}}, "met"},
		{row{bs: 3, bt: 20, target: target{ratioAtMost, 0.1}}, "**MISSED**"},
		{row{bs: 30, bt: 10, target: target{ratioAtLeast, 2}}, "met"},
		{row{bs: 15, bt: 10, target: target{ratioAtLeast, 2}}, "**MISSED**"},
		{row{bs: 0.9e9, bt: math.NaN(), target: target{valueBelow, 1e9}}, "met"},
		{row{bs: 1.2e9, bt: 1, target: target{valueBelow, 1e9}}, "**MISSED**"},
		{row{bs: 1, bt: math.NaN(), target: target{ratioAtMost, 1}}, ""},
		{row{bs: 1, bt: 2}, ""},
	}
	for _, tt := range tests {
		if got := tt.r.verdict(); got != tt.want {
			t.Errorf("%+v: verdict %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	writeTable(&buf, []row{
		{name: "launch → exit", unit: millis, bs: 8e6, bt: 270e6, target: target{ratioAtMost, 0.1}},
		{name: "a|b", note: "x", unit: count, bs: 2, bt: math.NaN()},
	})
	want := "| figure | bpfscript | bpftrace | bpfscript/bpftrace | target | |\n" +
		"|---|---:|---:|---:|---|---|\n" +
		"| launch → exit | 8.00 ms | 270 ms | 0.030 | ratio ≤ 0.1 | met |\n" +
		"| a\\|b (x) | 2 | — | — |  |  |\n"
	if got := buf.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestFigures(t *testing.T) {
	f := newFigures()
	bs, bt := tool{name: "bpfscript"}, tool{name: "bpftrace"}
	for _, v := range []float64{3, 1, 2} {
		f.add("x", bs, v)
	}
	f.add("x", bt, 10)
	r := f.row("x", count, target{})
	if r.bs != 2 || r.bt != 10 {
		t.Errorf("row = %+v, want medians 2 and 10", r)
	}
	if w := f.worstRow("x", count, target{}); w.bs != 3 {
		t.Errorf("worstRow = %+v, want 3", w)
	}
	if r := f.row("y", count, target{}); !math.IsNaN(r.bs) || !math.IsNaN(r.bt) {
		t.Errorf("row of nothing = %+v, want NaN", r)
	}
	f.fail(bs, "run", os.ErrNotExist)
	f.fail(bs, "run", os.ErrNotExist)
	if len(f.notes) != 1 {
		t.Errorf("notes %q: want one", f.notes)
	}
}

func TestParseLdd(t *testing.T) {
	out := "\tlinux-vdso.so.1 (0x00007f10fda3b000)\n" +
		"\tlibbpf.so.1 => /lib/x86_64-linux-gnu/libbpf.so.1 (0x00007f10fd9d1000)\n" +
		"\tlibLLVM-14.so.1 => /lib/x86_64-linux-gnu/libLLVM-14.so.1 (0x00007f10f4e00000)\n" +
		"\t/lib64/ld-linux-x86-64.so.2 (0x00007f10fda3d000)\n" +
		"\tlibgone.so => not found\n"
	want := []string{"/lib/x86_64-linux-gnu/libbpf.so.1", "/lib/x86_64-linux-gnu/libLLVM-14.so.1", "/lib64/ld-linux-x86-64.so.2"}
	if got := parseLdd(out); !slices.Equal(got, want) {
		t.Errorf("parseLdd = %q, want %q", got, want)
	}
	if got := parseLdd("\tnot a dynamic executable\n"); len(got) != 0 {
		t.Errorf("static: %q", got)
	}
}

func TestLibrariesSize(t *testing.T) {
	dir := t.TempDir()
	big, small := filepath.Join(dir, "libbig.so"), filepath.Join(dir, "libsmall.so")
	os.WriteFile(big, make([]byte, 300), 0o644)
	os.WriteFile(small, make([]byte, 100), 0o644)
	link := filepath.Join(dir, "libbig.so.1")
	if err := os.Symlink(big, link); err != nil {
		t.Fatal(err)
	}
	sum, n, largest, size := librariesSize([]string{link, small, big, filepath.Join(dir, "missing.so")})
	if sum != 400 || n != 2 || largest != "libbig.so" || size != 300 {
		t.Errorf("librariesSize = %d, %d, %s, %d", sum, n, largest, size)
	}
}

func TestIsStatic(t *testing.T) {
	if ok, why := isStatic("/bin/sh"); ok || why == "" {
		t.Errorf("isStatic(/bin/sh) = %v, %q: want dynamic with a reason", ok, why)
	}
	if ok, _ := isStatic(filepath.Join(t.TempDir(), "missing")); ok {
		t.Error("isStatic of a missing file")
	}
}

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
BenchmarkCompile100-2    	       1	  12568011 ns/op	   0.18 MB/s
BenchmarkCompile100-2    	       1	  10000000 ns/op	   0.18 MB/s
BenchmarkCompile100-2    	       1	  11000000 ns/op	   0.18 MB/s
BenchmarkCompile3000     	       1	4747047662 ns/op
BenchmarkOther-2         	       1	  5 ns/op
PASS`
	got := parseGoBench(out)
	if len(got) != 2 || got[100] != 11000000 || got[3000] != 4747047662 {
		t.Errorf("parseGoBench = %v", got)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{100: "100", 1000: "1,000", 3000: "3,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestScripts(t *testing.T) {
	bs, bt := mapScript(3, false), mapScript(3, true)
	if !strings.HasPrefix(bs, "begin {\n") || strings.Contains(bs, "exit") || strings.Count(bs, "@map[") != 3 {
		t.Errorf("bpfscript script:\n%s", bs)
	}
	if !strings.HasPrefix(bt, "BEGIN {\n") || !strings.Contains(bt, "  exit();\n}") || !strings.Contains(bt, `@map["key_3"] = 3;`) {
		t.Errorf("bpftrace script:\n%s", bt)
	}
	a := attachScript()
	if a.bs != a.bt || strings.Count(a.bs, "\n") != 20 || !strings.Contains(a.bs, "tracepoint:syscalls:sys_enter_getcpu { @[probe] = count(); }") {
		t.Errorf("twenty-probe script:\n%s", a.bs)
	}
	for _, c := range codeCases {
		if c.s.bs == "" || c.s.bt == "" || c.calls <= 0 || c.load == nil {
			t.Errorf("code case %q incomplete", c.name)
		}
		if strings.Contains(c.s.bt, "args.") {
			t.Errorf("code case %q: bpftrace 0.17 wants args->", c.name)
		}
	}
}

func TestCountLines(t *testing.T) {
	file := filepath.Join(t.TempDir(), "out")
	os.WriteFile(file, []byte("Attaching 1 probe...\n42\n43\n42\n7\nLost 12 events\n\n"), 0o644)
	n, lost, err := countLines(file, []int{42, 43})
	if err != nil || n != 3 || !slices.Equal(lost, []string{"Lost 12 events"}) {
		t.Errorf("countLines = %d, %q, %v", n, lost, err)
	}
}

func TestWaitStill(t *testing.T) {
	file := filepath.Join(t.TempDir(), "out")
	os.WriteFile(file, []byte("x"), 0o644)
	if err := waitStill(file, 100*time.Millisecond, 5*time.Second); err != nil {
		t.Error(err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		fh, _ := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
		defer fh.Close()
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				fh.WriteString("y")
			}
		}
	}()
	if err := waitStill(file, 100*time.Millisecond, 400*time.Millisecond); err == nil {
		t.Error("waitStill returned while the file grew")
	}
}
