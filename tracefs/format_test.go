package tracefs_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/internal/golden"
	"github.com/bpfscript/bpfscript/internal/testenv"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

// renderFormat prints a parsed format one field a line, for golden files.
func renderFormat(f *types.TracepointFormat) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%s id=%d\n", f.Group, f.Event, f.ID)
	for _, field := range f.Fields {
		fmt.Fprintf(&b, "%-32q offset=%-3d size=%-3d signed=%v\n", field.Decl, field.Offset, field.Size, field.Signed)
	}
	return b.String()
}

// TestTracepointFormatGolden parses the format files copied from a real
// kernel into the shared fixture tree through At, and compares with golden
// files.
func TestTracepointFormatGolden(t *testing.T) {
	tests := []struct{ group, event string }{
		{"syscalls", "sys_enter_openat"},
		{"syscalls", "sys_exit_openat"},
		{"sched", "sched_process_exec"}, // __data_loc char[] filename
		{"sched", "sched_switch"},       // char prev_comm[16]
		{"raw_syscalls", "sys_enter"},   // unsigned long args[6]
		{"fake", "no_id_line"},          // ID from the id file; "field:" inside print fmt
	}
	tfs := tracefs.At(testenv.Dir())
	for _, tt := range tests {
		t.Run(tt.group+":"+tt.event, func(t *testing.T) {
			format, err := tfs.TracepointFormat(tt.group, tt.event)
			if err != nil {
				t.Fatal(err)
			}
			got := renderFormat(format)
			golden.Check(t, filepath.Join("testdata", "golden", tt.group+"."+tt.event+".golden"), []byte(got))
		})
	}
}

func TestParseFormatErrors(t *testing.T) {
	tests := []struct {
		name, text, wantErr string
	}{
		{"bad ID", "ID: twelve\n", "line 1: bad ID"},
		{"bad offset", "ID: 1\n\tfield:int x;\toffset:eight;\tsize:4;\tsigned:1;\n", "line 2: bad offset \"eight\""},
		{"missing size", "\tfield:int x;\toffset:8;\tsigned:1;\n", "field \"int x\" has no size"},
		{"attribute without colon", "\tfield:int x;\toffset:8;\tsize 4;\n", "bad field attribute \"size 4\""},
		{"empty declaration", "\tfield:;\toffset:8;\tsize:4;\n", "empty declaration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tracefs.ParseFormat("g", "e", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "format of tracepoint g:e, line ") {
				t.Errorf("error %q does not name the tracepoint and line", err)
			}
		})
	}
}
