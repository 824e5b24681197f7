package measure

import (
	"os/exec"
	"testing"
	"time"
)

// TestWaitClosers stands in a sleep named like bpfscript's closer process:
// waitClosers must return when it exits, not before.
func TestWaitClosers(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Fatal(err)
	}
	closer := &exec.Cmd{Path: sleep, Args: []string{closerName, "0.3"}}
	if err := closer.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan time.Time, 1)
	go func() {
		closer.Wait()
		exited <- time.Now()
	}()
	if pids := closersRunning(); len(pids) == 0 {
		t.Fatalf("closersRunning does not see process %d", closer.Process.Pid)
	}
	at, err := waitClosers(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	end := <-exited
	if at.Before(end.Add(-50 * time.Millisecond)) {
		t.Errorf("waitClosers returned %v before the closer exited", end.Sub(at))
	}
	if pids := closersRunning(); len(pids) != 0 {
		t.Errorf("closers still running after waitClosers: %v", pids)
	}
}
