package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/bpfscript/bpfscript/internal/testbin"
)

// binDir holds bpfscript-metrics and bpfscript, built by TestMain.
var binDir string

func TestMain(m *testing.M) {
	testbin.Main(m, &binDir, testbin.Bin{Name: "bpfscript-metrics", Package: "."}, testbin.Bin{Name: "bpfscript", Package: "../bpfscript"})
}

// service is a running bpfscript-metrics with a notify socket of its own.
type service struct {
	cmd            *exec.Cmd
	url            string
	stdout, stderr *syncBuffer
	notes          chan string // what it sent to $NOTIFY_SOCKET
}

// syncBuffer is a bytes.Buffer the process writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// freeAddr returns a localhost address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startService runs binary (bpfscript-metrics or bpfscript) with
// --metrics on a free port and args, and waits until it says READY=1.
func startService(t *testing.T, binary string, args ...string) *service {
	t.Helper()
	sockDir, err := os.MkdirTemp("", "bm") // short: a socket path has 108 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	sockPath := filepath.Join(sockDir, "notify")
	sock, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sockPath, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sock.Close() })
	s := &service{stdout: &syncBuffer{}, stderr: &syncBuffer{}, notes: make(chan string, 16)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := sock.Read(buf)
			if err != nil {
				close(s.notes)
				return
			}
			s.notes <- string(buf[:n])
		}
	}()
	addr := freeAddr(t)
	s.url = "http://" + addr + "/metrics"
	s.cmd = exec.Command(filepath.Join(binDir, binary), append([]string{"--metrics", addr}, args...)...)
	s.cmd.Env = append(os.Environ(), "NOTIFY_SOCKET="+sockPath)
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			s.cmd.Wait()
		}
	})
	s.waitNote(t, "READY=1")
	return s
}

// waitNote waits for the service to send want to the notify socket.
func (s *service) waitNote(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case note, ok := <-s.notes:
			if !ok {
				t.Fatalf("the notify socket closed before %q", want)
			}
			if strings.Contains(note, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no %q from the service; stderr:\n%s", want, s.stderr)
		}
	}
}

// waitStderr waits for the service to write want to its stderr.
func (s *service) waitStderr(t *testing.T, want string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(s.stderr.String(), want) {
			return
		}
	}
	t.Fatalf("no %q from the service; stderr:\n%s", want, s.stderr)
}

// signal sends sig to the service.
func (s *service) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// stop ends the service with SIGTERM and returns its exit code.
func (s *service) stop(t *testing.T) int {
	t.Helper()
	s.signal(t, syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(20 * time.Second):
		t.Fatalf("the service did not stop; stderr:\n%s", s.stderr)
	}
	return -1
}

// scrape fetches /metrics and parses it with Prometheus's text parser.
func (s *service) scrape(t *testing.T) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(s.url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", s.url, resp.Status, body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	return fams
}

// sample is the value of the unlabelled counter or gauge name, or -1 when
// there is none.
func sample(fams map[string]*dto.MetricFamily, name string) float64 {
	f := fams[name]
	if f == nil || len(f.GetMetric()) == 0 {
		return -1
	}
	m := f.GetMetric()[0]
	if f.GetType() == dto.MetricType_COUNTER {
		return m.GetCounter().GetValue()
	}
	return m.GetGauge().GetValue()
}

func getppids(n int) {
	for range n {
		syscall.Getppid()
	}
}

// writeScript writes src to path.
func writeScript(t *testing.T, path, src string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReload serves a script, changes its file and sends SIGHUP: the map
// whose type stayed keeps its count, the one whose type changed starts
// again as its new type, the one the script dropped goes, a new one comes.
// A script with errors is reported and the old one goes on.
func TestReload(t *testing.T) {
	script := filepath.Join(t.TempDir(), "calls.bt")
	writeScript(t, script, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls = count(); @kind = count(); @gone = count(); }`)
	s := startService(t, "bpfscript-metrics", "-q", script, strconv.Itoa(os.Getpid()))
	getppids(100)
	fams := s.scrape(t)
	for _, name := range []string{"bpfscript_calls_total", "bpfscript_kind_total", "bpfscript_gone_total"} {
		if got := sample(fams, name); got != 100 {
			t.Errorf("before reloading: %s = %v, want 100", name, got)
		}
	}

	writeScript(t, script, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls = count(); @kind = max(7); @new = count(); }`)
	s.signal(t, syscall.SIGHUP)
	s.waitNote(t, "RELOADING=1")
	s.waitNote(t, "READY=1")
	getppids(50)
	fams = s.scrape(t)
	want := map[string]float64{"bpfscript_calls_total": 150, "bpfscript_kind": 7, "bpfscript_new_total": 50, "bpfscript_gone_total": -1, "bpfscript_kind_total": -1}
	for name, w := range want {
		if got := sample(fams, name); got != w {
			t.Errorf("after reloading: %s = %v, want %v (-1: none)", name, got, w)
		}
	}

	writeScript(t, script, `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls = count() }}`)
	s.signal(t, syscall.SIGHUP)
	s.waitNote(t, "READY=1")
	getppids(10)
	if got := sample(s.scrape(t), "bpfscript_calls_total"); got != 160 {
		t.Errorf("after a failed reload: @calls = %v, want 160", got)
	}
	if !strings.Contains(s.stderr.String(), "^") || !strings.Contains(s.stderr.String(), "the old program goes on") {
		t.Errorf("the failed reload's error is not reported:\n%s", s.stderr)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit code %d; stderr:\n%s", code, s.stderr)
	}
	if !strings.Contains(s.stdout.String(), "@calls: 160") {
		t.Errorf("the maps are not printed at the end:\n%s", s.stdout)
	}
}

// TestBpfscriptExecsMetrics: bpfscript --metrics runs bpfscript-metrics
// from its own directory with the same arguments.
func TestBpfscriptExecsMetrics(t *testing.T) {
	s := startService(t, "bpfscript", "-e", `tracepoint:syscalls:sys_enter_getppid /pid == $1/ { @calls = count(); }`, strconv.Itoa(os.Getpid()))
	getppids(42)
	if got := sample(s.scrape(t), "bpfscript_calls_total"); got != 42 {
		t.Errorf("@calls = %v, want 42", got)
	}
	s.signal(t, syscall.SIGHUP) // nothing to reload: it says so and goes on
	s.waitStderr(t, "nothing to reload")
	getppids(8)
	if got := sample(s.scrape(t), "bpfscript_calls_total"); got != 50 {
		t.Errorf("after SIGHUP: @calls = %v, want 50", got)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit code %d; stderr:\n%s", code, s.stderr)
	}
	if !strings.Contains(s.stderr.String(), "Attached 1 probe") {
		t.Errorf("no Attached line:\n%s", s.stderr)
	}
}
