package attach

import (
	"slices"
	"strings"
	"testing"
)

func TestParseCPUList(t *testing.T) {
	tests := []struct {
		text    string
		want    []int
		wantErr string
	}{
		{"0\n", []int{0}, ""},
		{"0-1\n", []int{0, 1}, ""},
		{"0-3,6,8-9", []int{0, 1, 2, 3, 6, 8, 9}, ""},
		{"2,4", []int{2, 4}, ""},
		{"", nil, "bad CPU list"},
		{"a-b", nil, "bad CPU list"},
		{"3-1", nil, "bad CPU list"},
		{"0-3,2", nil, "not ascending"},
		{"-1", nil, "bad CPU list"},
	}
	for _, tt := range tests {
		got, err := parseCPUList(tt.text)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseCPUList(%q) error = %v, want %q", tt.text, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parseCPUList(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		}
	}
}

func TestOnlineCPUs(t *testing.T) {
	cpus, err := onlineCPUs()
	if err != nil {
		t.Fatal(err)
	}
	if len(cpus) == 0 || cpus[0] < 0 {
		t.Errorf("onlineCPUs = %v", cpus)
	}
}
