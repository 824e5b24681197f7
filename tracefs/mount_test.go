package tracefs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestMount uses the real tracefs, mounting it if this machine has not.
func TestMount(t *testing.T) {
	root, err := Mount()
	if err != nil {
		t.Fatalf("Mount: %v", err)
	}
	if !hasEvents(root) {
		t.Fatalf("Mount returned %s, which has no events directory", root)
	}
	again, err := Mount()
	if err != nil || again != root {
		t.Fatalf("second Mount = %q, %v; want the cached %q", again, err, root)
	}
}

func TestFindOrMount(t *testing.T) {
	withEvents := func(t *testing.T) string {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "events"), 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	tests := []struct {
		name string
		// setup returns the candidates, the mount target and the mount
		// function to use.
		setup   func(t *testing.T) (candidates []string, target string, mountFn func(string) error)
		want    func(candidates []string, target string) string // "" when an error is expected
		wantErr string
		mounted bool
	}{
		{
			name: "first candidate usable",
			setup: func(t *testing.T) ([]string, string, func(string) error) {
				return []string{withEvents(t), withEvents(t)}, t.TempDir(), nil
			},
			want: func(c []string, _ string) string { return c[0] },
		},
		{
			name: "legacy candidate usable",
			setup: func(t *testing.T) ([]string, string, func(string) error) {
				return []string{t.TempDir(), withEvents(t)}, t.TempDir(), nil
			},
			want: func(c []string, _ string) string { return c[1] },
		},
		{
			name: "nothing usable, mount succeeds",
			setup: func(t *testing.T) ([]string, string, func(string) error) {
				target := t.TempDir()
				return []string{target, filepath.Join(target, "missing")}, target, func(dir string) error {
					return os.Mkdir(filepath.Join(dir, "events"), 0o755)
				}
			},
			want:    func(_ []string, target string) string { return target },
			mounted: true,
		},
		{
			name: "nothing usable, no privilege",
			setup: func(t *testing.T) ([]string, string, func(string) error) {
				return []string{t.TempDir()}, "/sys/kernel/tracing", func(string) error { return unix.EPERM }
			},
			wantErr: "mounting tracefs at /sys/kernel/tracing: operation not permitted",
			mounted: true,
		},
		{
			name: "mount gives no events",
			setup: func(t *testing.T) ([]string, string, func(string) error) {
				target := t.TempDir()
				return nil, target, func(string) error { return nil }
			},
			wantErr: "the mounted filesystem has no events directory",
			mounted: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			candidates, target, mountFn := tt.setup(t)
			mounted := false
			countingMount := func(dir string) error {
				mounted = true
				if mountFn == nil {
					return errors.New("mount must not be called")
				}
				return mountFn(dir)
			}
			got, err := findOrMount(candidates, target, countingMount)
			if mounted != tt.mounted {
				t.Errorf("mount called = %v, want %v", mounted, tt.mounted)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("findOrMount: %v", err)
			}
			if want := tt.want(candidates, target); got != want {
				t.Errorf("findOrMount = %q, want %q", got, want)
			}
		})
	}
}
