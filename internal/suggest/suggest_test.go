package suggest

import "testing"

func TestClosest(t *testing.T) {
	builtins := []string{"comm", "count", "cpu", "pid", "tid", "nsecs", "args", "retval", "kstack", "ustack", "str"}
	tests := []struct {
		name       string
		candidates []string
		want       string // "" for no suggestion
	}{
		{"com", builtins, "comm"},
		{"cout", builtins, "count"},
		{"Comm", builtins, "comm"},     // case is ignored
		{"nescs", builtins, "nsecs"},   // a swap is one edit
		{"retvla", builtins, "retval"}, // at the end too
		{"kstak", builtins, "kstack"},  // a missing letter
		{"xyz", builtins, ""},          // nothing near
		{"p", builtins, ""},            // too short to correct
		{"ab", builtins, ""},           // two edits from args: too many for two letters
		{"comm", builtins, ""},         // the name itself is never suggested
		{"", builtins, ""},             // nothing typed
		{"count", nil, ""},             // nothing to suggest
		{"dryrun", []string{"dry-run", "help", "version"}, "dry-run"},
		{"sys_enter_opnat", []string{"sys_enter_open", "sys_enter_openat", "sys_exit_openat"}, "sys_enter_openat"},
		{"sys_enter_opena", []string{"sys_enter_openat", "sys_enter_open"}, "sys_enter_openat"}, // ties: the first wins
		{"filenme", []string{"dfd", "filename", "flags", "mode"}, "filename"},
		{"uinsafe", []string{"unsafe", "info", "include"}, "unsafe"},
		{"versoin", []string{"verbose", "version"}, "version"},
		{"prinft", []string{"print", "printf"}, "printf"}, // a tie: the nearer length wins
		{"E", []string{"e", "f"}, "e"},
		{"sys_enter_frobnicate", []string{"sys_enter_openat", "sys_enter_open"}, ""}, // only the shared start is near
		{"nowarnings", []string{"no-warnings", "info"}, "no-warnings"},
	}
	for _, tt := range tests {
		got, ok := Closest(tt.name, tt.candidates)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Closest(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"abc", "abc", 0},
		{"abc", "acb", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment: no edit of a swapped pair
		{"openat", "opnat", 1},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, 100); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := distance(tt.a, tt.b, 1); tt.want >= 1 && got < 1 {
			t.Errorf("distance(%q, %q) with bound 1 = %d, want >= 1", tt.a, tt.b, got)
		}
	}
}

func BenchmarkClosestTracepoints(b *testing.B) {
	// The syscalls group holds about 700 events: the largest list a
	// suggestion is made from.
	var names []string
	for i := 0; i < 700; i++ {
		names = append(names, "sys_enter_"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+"call")
	}
	for b.Loop() {
		Closest("sys_enter_opnat", names)
	}
}
