package attach

import (
	"fmt"
	"testing"

	"golang.org/x/sys/unix"
)

func TestPerfOpenError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{unix.ENOENT, "the running kernel does not support perf events (perf_event_open on CPU 3: no such file or directory)"},
		{unix.EOPNOTSUPP, "the running kernel does not support perf events (perf_event_open on CPU 3: operation not supported)"},
		{unix.ENOSYS, "the running kernel does not support perf events (perf_event_open on CPU 3: function not implemented)"},
		{unix.EACCES, "perf_event_open on CPU 3: permission denied (CAP_PERFMON is needed)"},
		{unix.EMFILE, "perf_event_open on CPU 3: too many open files"},
	}
	for _, tt := range tests {
		err := perfOpenError(3, tt.err)
		if err.Error() != tt.want {
			t.Errorf("perfOpenError(%v) = %q, want %q", tt.err, err, tt.want)
		}
	}
	// The message for profile:hz:99 reads as one line.
	wrapped := fmt.Errorf("attaching profile:hz:99: %w", perfOpenError(0, unix.ENOENT))
	if want := "attaching profile:hz:99: the running kernel does not support perf events (perf_event_open on CPU 0: no such file or directory)"; wrapped.Error() != want {
		t.Errorf("got %q, want %q", wrapped, want)
	}
}
