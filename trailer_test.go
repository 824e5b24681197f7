package bpfscript_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
)

// TestStrTruncTrailer runs a program whose str() cuts a string to the
// string size, with the default trailer, another, and none.
func TestStrTruncTrailer(t *testing.T) {
	long := strings.Repeat("abcdefgh", 3)
	src := `begin { printf("%s|%s\n", str("` + long + `"), "short"); print(str("` + long + `")); exit(); }`
	tilde, none := "~", ""
	for _, tt := range []struct {
		trailer *string
		want    string
	}{
		{nil, long[:15] + "..|short\n" + long[:15] + "..\n"},
		{&tilde, long[:15] + "~|short\n" + long[:15] + "~\n"},
		{&none, long[:15] + "|short\n" + long[:15] + "\n"},
	} {
		p, err := bpfscript.Compile(src, bpfscript.Options{StrLen: 16, StrTruncTrailer: tt.trailer})
		if err != nil {
			t.Fatal(bpfscript.FormatError(err, src))
		}
		var out bytes.Buffer
		if _, err := p.Run(context.Background(), runtime.Options{Quiet: true, Out: &out, Diag: &bytes.Buffer{}}); err != nil {
			t.Fatal(err)
		}
		if out.String() != tt.want {
			t.Errorf("trailer %v: got %q, want %q", tt.trailer, out.String(), tt.want)
		}
	}
}
