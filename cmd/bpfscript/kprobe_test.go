package main

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/runtime/attach"
)

// kprobeScript counts the sleeps of its -c command at the entry and the
// return of do_nanosleep; its begin probe prints, so that a run that fails
// to attach shows it ran nothing.
const kprobeScript = `begin { @kp_e2e_begin = 1; printf("begin\n"); }
kprobe:do_nanosleep /pid == cpid/ { @kp_e2e_calls[func] = count(); }
kr:do_nanosleep /pid == cpid/ { @kp_e2e_rets = count(); }`

// TestKprobeThroughBinary runs kprobes through the binary. Where the
// kernel has kprobes, they count the sleeps of the command; where it has
// none (as on the test machine), the run fails before any probe runs, with
// one line that names the probe and what the kernel lacks, and leaves none
// of its objects behind; with missing_probes = warn it goes on without.
func TestKprobeThroughBinary(t *testing.T) {
	if attach.KprobeSupport() == nil {
		r := run(t, "", "-c", "sleep 0.05", "-e", kprobeScript)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "begin\n") ||
			!strings.Contains(r.stdout, "@kp_e2e_calls[do_nanosleep]: ") || !strings.Contains(r.stdout, "@kp_e2e_rets: ") {
			t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
		return
	}
	before := currentSystemState(t)
	firstMap, err := nextMapID()
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "-c", "true", "-e", kprobeScript)
	want := "bpfscript: attaching kprobe:do_nanosleep: " + attach.ErrNoKprobes.Error() + "\n"
	if r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s\nwant exit 1 and stderr:\n%s", r.code, r.stdout, r.stderr, want)
	}
	waitGone(t, func() []string { return mapsNamedSince(t, firstMap, "AT_kp_e2e") })
	currentSystemState(t).check(t, before)

	r = run(t, "", "-e", "config = { missing_probes = warn }\nkprobe:do_nanosleep { @ = count(); }\ninterval:ms:10 { printf(\"ran\\n\"); exit(); }")
	expect(t, r, "ran\n", 0)
	if !strings.Contains(r.stderr, "WARNING: kprobe:do_nanosleep is not attached: attaching kprobe:do_nanosleep: the running kernel does not support kprobes") ||
		!strings.Contains(r.stderr, "Attached 1 probe\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// TestKprobeDryRun loads kprobe and kretprobe programs into the verifier,
// which takes them whether or not the kernel can attach them.
func TestKprobeDryRun(t *testing.T) {
	r := run(t, "", "--dry-run", "-e", `kprobe:do_nanosleep { @[func, arg0] = count(); printf("%d\n", arg1); }
kretprobe:do_nanosleep /retval != 0/ { @r = hist(retval); }`)
	expect(t, r, "", 0)
}

// TestKprobeErrorsThroughBinary checks the checker's errors as the binary
// prints them: a function the kernel lacks gets a suggestion.
func TestKprobeErrorsThroughBinary(t *testing.T) {
	r := run(t, "", "-e", "kprobe:do_nanosleeq { }")
	want := "stdin:1:1: error: kernel function not found: do_nanosleeq: did you mean 'kprobe:do_nanosleep'?\nkprobe:do_nanosleeq { }\n^~~~~~~~~~~~~~~~~~~\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
	r = run(t, "", "-e", "BEGIN { @ = retval; }")
	want = "stdin:1:13: error: the retval builtin can only be used with 'kretprobe' probes, not in begin probes\nBEGIN { @ = retval; }\n            ^~~~~~\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
}
