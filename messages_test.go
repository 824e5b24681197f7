package bpfscript_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
)

// TestNoWarnings runs a program that warns and errs with and without
// runtime.Options.NoWarnings: the warnings go, the error stays.
func TestNoWarnings(t *testing.T) {
	src := `BEGIN { warnf("w %d", 1); @a[1] = 1; delete(@a, 2); errorf("e"); exit(); }`
	prog, err := bpfscript.Compile(src, bpfscript.Options{})
	if err != nil {
		t.Fatal(bpfscript.FormatError(err, src))
	}
	errorLine := "stdin:1:53-64: ERROR: e\n" + src + "\n" +
		"                                                    ~~~~~~~~~~~\n"
	for _, quiet := range []bool{false, true} {
		var out, diag bytes.Buffer
		code, err := prog.Run(context.Background(), runtime.Options{Out: &out, Diag: &diag, Quiet: true, NoWarnings: quiet})
		if err != nil || code != 0 {
			t.Fatalf("exit %d, %v", code, err)
		}
		got := diag.String()
		switch {
		case quiet && got != errorLine:
			t.Errorf("with NoWarnings, diagnostics:\n%s\nwant:\n%s", got, errorLine)
		case !quiet && (!bytes.Contains(diag.Bytes(), []byte("stdin:1:9-25: WARNING: w 1\n")) ||
			!bytes.Contains(diag.Bytes(), []byte("stdin:1:38-51: WARNING: Can't delete map element")) ||
			!bytes.HasSuffix(diag.Bytes(), []byte(errorLine))):
			t.Errorf("diagnostics:\n%s", got)
		}
	}
}
